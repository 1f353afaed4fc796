package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train on a KITTI folder with a convdet network, resume, detect, eval-kitti on the results, and the errors. */
class DetectionCommandsTest {

    @TempDir
    static Path dir;

    private static Path kitti;
    private static Path network;

    @BeforeAll
    static void data() throws Exception {
        kitti = dir.resolve("kitti");
        Run synth = CommandLineTest.run("dataset", "synth-kitti", "--out", kitti.toString(), "--images", "16",
                "--seed", "9", "--width", "208", "--height", "64");
        assertThat(synth.exit()).isZero();
        network = dir.resolve("tiny-detector.json");
        Files.writeString(network, """
                {"format": "cnn-workbench-network", "version": 1, "name": "tiny-detector", "nodes": [
                  {"id": "data", "kind": "input", "channels": 3, "height": 64, "width": 208},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 2,
                   "pad": 1, "activation": "relu"},
                  {"id": "pool1", "kind": "maxpool", "inputs": ["conv1"], "kernel": 2, "stride": 2},
                  {"id": "conv2", "kind": "conv", "inputs": ["pool1"], "filters": 16, "kernel": 3, "pad": 1,
                   "activation": "relu"},
                  {"id": "pool2", "kind": "maxpool", "inputs": ["conv2"], "kernel": 2, "stride": 2},
                  {"id": "det", "kind": "convdet", "inputs": ["pool2"], "classes": 3,
                   "anchors": [[10, 12], [30, 16], [14, 34]]}]}
                """);
    }

    @Test
    void trainResumeDetectAndEvaluate() throws Exception {
        Path run = dir.resolve("run");
        Run train = CommandLineTest.run("train", "--network", network.toString(), "--data", kitti.toString(),
                "--out", run.toString(), "--epochs", "1", "--batch", "4", "--plain");
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(train.out()).contains("13 training and 3 validation images", "epoch 1: train loss",
                "mAP Moderate", "completed after 1 epochs: mAP Moderate");
        assertThat(run.resolve("detection.json")).exists();

        Run resume = CommandLineTest.run("train", "--resume", run.toString(), "--epochs", "2", "--plain");
        assertThat(resume.exit()).as(resume.err()).isZero();
        assertThat(resume.out()).contains("resuming at epoch 2 of 2", "epoch 2: train loss");

        Run runs = CommandLineTest.run("runs", dir.toString());
        assertThat(runs.out()).contains("completed (detection: mAP)");

        Path pred = dir.resolve("pred");
        Run detect = CommandLineTest.run("detect", "--model", run.toString(), "--out", pred.toString(),
                kitti.toString(), "--min-score", "0.001");
        assertThat(detect.exit()).as(detect.err()).isZero();
        assertThat(detect.out()).contains("16 images", "16 result files in " + pred);
        try (Stream<Path> files = Files.list(pred)) {
            assertThat(files.count()).isEqualTo(16);
        }
        Run eval = CommandLineTest.run("eval-kitti", "--pred", pred.toString(), "--gt",
                kitti.resolve("training/label_2").toString());
        assertThat(eval.exit()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("Car", "Moderate", "16 images");

        Path valPred = dir.resolve("val-pred");
        Run val = CommandLineTest.run("detect", "--model", run.toString(), "--out", valPred.toString(), "--split",
                "val");
        assertThat(val.exit()).as(val.err()).isZero();
        assertThat(val.out()).contains("3 images", "3 result files");
        Run valEval = CommandLineTest.run("eval-kitti", "--pred", valPred.toString(), "--gt",
                kitti.resolve("training/label_2").toString(), "--only-results");
        assertThat(valEval.exit()).as(valEval.err()).isZero();
        assertThat(valEval.out()).contains("3 images");
        assertThat(valEval.err()).contains("13 ground-truth files without a result file left out");
    }

    @Test
    void aDetectorOnFashionMnistIsAClearError() {
        Run r = CommandLineTest.run("train", "--network", network.toString(), "--out", dir.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("convdet head: give --data a KITTI folder").doesNotContain("Exception");
    }

    @Test
    void detectWithAClassificationRunOrNoRunIsAClearError() throws Exception {
        Run none = CommandLineTest.run("detect", "--model", dir.resolve("nothing").toString(), "--out",
                dir.resolve("p").toString(), kitti.toString());
        assertThat(none.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(none.err()).startsWith("workbench: error: ").doesNotContain("Exception");
    }
}
