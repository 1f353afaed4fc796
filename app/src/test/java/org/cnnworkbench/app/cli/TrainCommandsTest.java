package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.cnnworkbench.engine.data.IdxFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandsTest {

    @TempDir
    Path dir;

    /** A network small enough to train in seconds on 28 x 28 images (other command tests use it too). */
    static final String TINY = """
            {"format": "cnn-workbench-network", "version": 1, "name": "tiny", "nodes": [
              {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
              {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 2},
              {"id": "relu1", "kind": "relu", "inputs": ["conv1"]},
              {"id": "conv2", "kind": "conv", "inputs": ["relu1"], "filters": 10, "kernel": 1},
              {"id": "pool", "kind": "globalavgpool", "inputs": ["conv2"]},
              {"id": "prob", "kind": "softmax", "inputs": ["pool"]}]}
            """;

    /** Generated IDX files: 60 images per subset, label i % 10. */
    private Path fakeFashionMnist() throws IOException {
        return IdxFiles.learnableFashionMnist(dir.resolve("idx"), 60, 60);
    }

    @Test
    void trainResumeInferAndListARun() throws Exception {
        Path idx = fakeFashionMnist();
        Path spec = Files.writeString(dir.resolve("tiny.json"), TINY);
        Path run = dir.resolve("runs/tiny");
        Run train = CommandLineTest.run("train", "--network", spec.toString(), "--data", "fashion-mnist",
                "--fashion-dir", idx.toString(), "--epochs", "1", "--batch", "20", "--lr", "0.01", "--out",
                run.toString());
        assertThat(train.err()).isEmpty();
        assertThat(train.exit()).isZero();
        assertThat(train.out()).contains("training from epoch 1 of 1: 60 training and 60 validation images, "
                + "3 batches per epoch", "epoch 1: train loss", "completed after 1 epochs", "top-5");
        for (String f : new String[] {"spec.json", "config.json", "data.json", "metrics.csv", "summary.json",
                "model.zip", "checkpoint-epoch-1.zip", "latest-checkpoint"}) {
            assertThat(run.resolve(f)).exists();
        }

        Run again = CommandLineTest.run("train", "--network", spec.toString(), "--fashion-dir", idx.toString(),
                "--out", run.toString());
        assertThat(again.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err()).contains("already holds a training run; continue it with --resume");

        Run resumed = CommandLineTest.run("train", "--resume", run.toString(), "--epochs", "2");
        assertThat(resumed.exit()).isZero();
        assertThat(resumed.out()).contains("resuming at epoch 2 of 2", "epoch 2: train loss",
                "completed after 2 epochs");
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(3);

        Path pngs = dir.resolve("pngs");
        assertThat(CommandLineTest.run("dataset", "export-folder", "--out", pngs.toString(), "--split", "test",
                "--classes", "2", "--per-class", "1", "--source", idx.toString()).exit()).isZero();
        Files.write(pngs.resolve("val/broken.png"), new byte[] {1, 2, 3});
        Run infer = CommandLineTest.run("infer", "--model", run.toString(), pngs.toString());
        assertThat(infer.exit()).isZero();
        assertThat(infer.out()).contains("0-tshirt-top/00.png", "1-trouser/01.png", "  1. ", "  5. ", "%");
        assertThat(infer.out().lines().filter(l -> l.startsWith("  ")).count()).isEqualTo(10);
        assertThat(infer.err()).contains("skipped").contains("broken.png");

        Run runs = CommandLineTest.run("runs", dir.resolve("runs").toString());
        assertThat(runs.exit()).isZero();
        assertThat(runs.out()).contains("tiny", "completed", "2/2", "%");

        // (the picture itself is rendered in TrainingViewTest: that needs the JavaFX toolkit the UI tests share)
        Path png = dir.resolve("runs.png");
        Run noRun = CommandLineTest.run("screenshot", "--runs", dir.resolve("runs").toString(), "--run", "nope",
                "--out", png.toString());
        assertThat(noRun.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noRun.err()).contains("is not a training run directory");
    }

    @Test
    void scheduleAndAugmentationOptionsAreSavedWithTheRun() throws Exception {
        Path idx = fakeFashionMnist();
        Path spec = Files.writeString(dir.resolve("tiny.json"), TINY);
        Path run = dir.resolve("poly");
        Run train = CommandLineTest.run("train", "--network", spec.toString(), "--fashion-dir", idx.toString(),
                "--epochs", "2", "--batch", "30", "--lr", "0.02", "--lr-schedule", "poly", "--no-augment",
                "--out", run.toString());
        assertThat(train.exit()).isZero();
        var r = new org.cnnworkbench.engine.dl4j.RunDirectory(run);
        assertThat(r.config().schedule()).isEqualTo(org.cnnworkbench.engine.dl4j.TrainingConfig.Schedule.POLY);
        assertThat(r.config().learningRateOfEpoch(2)).isEqualTo(0.01);
        assertThat(r.dataInfo().data().augment()).isFalse();

        Run bad = CommandLineTest.run("train", "--network", spec.toString(), "--lr-schedule", "cosine", "--out",
                dir.resolve("x").toString());
        assertThat(bad.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("--lr-schedule").contains("constant, poly");
    }

    @Test
    void aDivergingLossStopsTheRunWithExitStatus3() throws Exception {
        Path idx = fakeFashionMnist();
        Path spec = Files.writeString(dir.resolve("tiny.json"), TINY);
        Path run = dir.resolve("nan");
        Run r = CommandLineTest.run("train", "--network", spec.toString(), "--fashion-dir", idx.toString(),
                "--epochs", "2", "--batch", "10", "--optimizer", "sgd", "--lr", "1e12", "--out", run.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.TRAINING_DIVERGED);
        assertThat(r.out()).contains("diverged after 0 epochs: top-1 -, top-5 -");
        assertThat(r.err()).contains("workbench: error: training stopped in epoch 1, batch").contains("the loss")
                .contains("Lower the learning rate");
        assertThat(run.resolve("summary.json")).content().contains("DIVERGED");
    }

    @Test
    void trainOnSparkLocalTwoResumesOnSparkAndABadMasterIsOneClearError() throws Exception {
        Path idx = fakeFashionMnist();
        Path spec = Files.writeString(dir.resolve("tiny.json"), TINY);
        Path run = dir.resolve("runs/spark");
        Run train = CommandLineTest.run("train", "--network", spec.toString(), "--fashion-dir", idx.toString(),
                "--epochs", "1", "--batch", "10", "--lr", "0.01", "--spark", "local[2]", "--averaging-frequency", "1",
                "--out", run.toString());
        assertThat(train.exit()).isZero();
        assertThat(train.out()).contains("training from epoch 1 of 1: 60 training", "completed after 1 epochs");
        assertThat(run.resolve("spark.json")).content().contains("\"master\" : \"local[2]\"", "\"workers\" : 2",
                "\"averagingFrequency\" : 1");
        assertThat(Files.readAllLines(run.resolve("spark-batches/batches.txt"))).hasSize(6);
        Run resumed = CommandLineTest.run("train", "--resume", run.toString(), "--epochs", "2");
        assertThat(resumed.exit()).isZero();
        assertThat(resumed.out()).contains("resuming at epoch 2 of 2", "completed after 2 epochs");
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(3);
        // the third epoch with gradient sharing instead, recorded
        Run sharing = CommandLineTest.run("train", "--resume", run.toString(), "--epochs", "3", "--spark", "local[2]",
                "--gradient-sharing", "--threshold", "0.002");
        assertThat(sharing.exit()).as(sharing.err()).isZero();
        assertThat(sharing.out()).contains("resuming at epoch 3 of 3", "completed after 3 epochs");
        assertThat(run.resolve("spark.json")).content().contains("\"mode\" : \"SHARING\"", "\"threshold\" : 0.002");
        Run sharingHere = CommandLineTest.run("train", "--network", spec.toString(), "--gradient-sharing", "--out",
                dir.resolve("runs/bad").toString());
        assertThat(sharingHere.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(sharingHere.err()).contains("--gradient-sharing trains on Spark: give --spark MASTER too");

        Run bad = CommandLineTest.run("train", "--network", spec.toString(), "--fashion-dir", idx.toString(),
                "--spark", "nonsense", "--spark-workers", "2", "--out", dir.resolve("runs/bad").toString());
        assertThat(bad.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("cannot start Spark with master 'nonsense': Could not parse Master URL")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("runs/bad")).doesNotExist();
        Run noWorkers = CommandLineTest.run("train", "--network", spec.toString(), "--spark", "spark://h:7077",
                "--out", dir.resolve("runs/bad").toString());
        assertThat(noWorkers.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noWorkers.err()).contains("--spark-workers");
    }

    @Test
    void trainWithoutNetworkOrOutIsAUserError() {
        Run r = CommandLineTest.run("train", "--epochs", "1");
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("train needs --network and --out");
    }

    @Test
    void progressLineShowsBarLossRateAndEta() {
        String line = TrainingProgress.progressLine(new org.cnnworkbench.engine.dl4j.TrainingListener.Progress(
                1, 3, 6, 12, 0.6931, 850, java.time.Duration.ofSeconds(75)));
        assertThat(line).isEqualTo("epoch 1/3 [############............] 6/12 loss 0.6931 850 img/s ETA 1:15");
    }
}
