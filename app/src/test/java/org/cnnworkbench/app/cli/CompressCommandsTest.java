package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.cnnworkbench.app.report.SensitivityCsv;
import org.cnnworkbench.engine.data.IdxFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compress, sensitivity, compare-models and infer on a compressed model, as a user runs them. */
class CompressCommandsTest {

    @TempDir
    static Path dir;

    private static Path source;
    private static Path idx;

    private static final String NET = """
            {"format": "cnn-workbench-network", "version": 1, "name": "small", "nodes": [
              {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
              {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 2,
               "activation": "relu"},
              {"id": "conv2", "kind": "conv", "inputs": ["conv1"], "filters": 16, "kernel": 3, "stride": 2,
               "activation": "relu"},
              {"id": "fc1", "kind": "fc", "inputs": ["conv2"], "units": 64, "activation": "relu"},
              {"id": "fc2", "kind": "fc", "inputs": ["fc1"], "units": 10},
              {"id": "prob", "kind": "softmax", "inputs": ["fc2"]}]}
            """;

    @BeforeAll
    static void train() throws Exception {
        idx = IdxFiles.learnableFashionMnist(dir.resolve("idx"), 120, 60);
        Path spec = Files.writeString(dir.resolve("small.json"), NET);
        source = dir.resolve("runs/small");
        Run train = CommandLineTest.run("train", "--network", spec.toString(), "--fashion-dir", idx.toString(),
                "--epochs", "2", "--batch", "20", "--lr", "0.003", "--no-augment", "--out", source.toString());
        assertThat(train.exit()).as(train.err()).isZero();
    }

    @Test
    void deepCompressionOfARunWritesAFileThatInferAndCompareModelsRead() throws Exception {
        Path out = dir.resolve("runs/small-dc");
        Run compress = CommandLineTest.run("compress", "--model", source.toString(), "--density", "fc1=0.2",
                "--bits", "fc1=4", "--prune-epochs", "1", "--quantize-epochs", "1", "--batch", "20", "--out",
                out.toString());
        assertThat(compress.exit()).as(compress.err()).isZero();
        assertThat(compress.out()).contains("training from epoch 1 of 2", "completed after 2 epochs",
                "compressed file model.cwbz: ", "Deep Compression of small", "fc1/W", "(Huffman)",
                "predicted from the settings");
        long bytes = Files.size(out.resolve("model.cwbz"));
        assertThat(compress.out()).contains(String.format("%,d", bytes));

        Path pngs = dir.resolve("pngs");
        assertThat(CommandLineTest.run("dataset", "export-folder", "--out", pngs.toString(), "--split", "test",
                "--classes", "2", "--per-class", "1", "--source", idx.toString()).exit()).isZero();
        Run fromFile = CommandLineTest.run("infer", "--model", out.resolve("model.cwbz").toString(), pngs.toString());
        Run fromRun = CommandLineTest.run("infer", "--model", out.toString(), pngs.toString());
        assertThat(fromFile.exit()).as(fromFile.err()).isZero();
        assertThat(withoutTimes(fromFile.out())).isEqualTo(withoutTimes(fromRun.out()));

        Run table = CommandLineTest.run("compare-models", source.toString(), out.toString(), "--format",
                "markdown");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.err()).doesNotContain("different validation sets");
        assertThat(table.out()).contains("| approach | architecture | original size | compressed size |",
                "| none | small |", "| Deep Compression | small |", String.format("%,d B", bytes));
        Run csv = CommandLineTest.run("compare-models", source.toString(), out.toString(), "--format", "csv",
                "--out", dir.resolve("cmp.csv").toString());
        assertThat(csv.exit()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("cmp.csv"));
        assertThat(lines.get(0)).startsWith("approach,architecture,original_bytes,compressed_bytes,reduction");
        assertThat(lines.get(2)).startsWith("Deep Compression,small,").contains("," + bytes + ",");

        Run runs = CommandLineTest.run("runs", dir.resolve("runs").toString());
        assertThat(runs.exit()).isZero();
        assertThat(runs.out()).contains("small-dc");
        // a compressed run lists the size of its compressed file, not that of its model.zip
        String dcLine = runs.out().lines().filter(l -> l.startsWith("small-dc")).findFirst().orElseThrow();
        assertThat(dcLine).contains(String.format(java.util.Locale.ROOT, "%,d B .cwbz", bytes));

        // the plain trainer would let pruned and shared weights drift: it sends the user to compress --resume
        Run trainResume = CommandLineTest.run("train", "--resume", out.toString(), "--epochs", "3");
        assertThat(trainResume.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(trainResume.err()).contains("is a compressed run", "compress --resume");
    }

    @Test
    void sensitivityWritesCurvesThatCompressCanChooseATargetSizeFrom() throws Exception {
        Path csv = dir.resolve("curves.csv");
        Run sensitivity = CommandLineTest.run("sensitivity", "--model", source.toString(), "--values",
                "1,0.5,0.1", "--out", csv.toString());
        assertThat(sensitivity.exit()).as(sensitivity.err()).isZero();
        assertThat(sensitivity.out()).contains("unchanged model: top-1", "fc1", "density 0.10");
        List<SensitivityCsv.Row> rows = SensitivityCsv.read(csv);
        assertThat(rows).hasSize(1 + 4 * 3);
        assertThat(rows.get(1).layer()).isEqualTo("conv1");

        Path out = dir.resolve("runs/small-target");
        Run compress = CommandLineTest.run("compress", "--model", source.toString(), "--sensitivity",
                csv.toString(), "--target-size", "12kB", "--prune-epochs", "1", "--quantize-epochs", "0",
                "--batch", "20", "--out", out.toString());
        assertThat(compress.exit()).as(compress.err()).isZero();
        assertThat(compress.out()).contains("fc1 ", "density 0.10", "compressed file model.cwbz");

        // validated on fewer images than the source run: the comparison says its accuracies do not compare
        Path fewer = dir.resolve("runs/small-fewer");
        assertThat(CommandLineTest.run("compress", "--model", source.toString(), "--methods", "prune",
                "--prune-epochs", "1", "--val-limit", "20", "--batch", "20", "--out", fewer.toString()).exit())
                .isZero();
        Run compare = CommandLineTest.run("compare-models", source.toString(), out.toString(), fewer.toString());
        assertThat(compare.exit()).as(compare.err()).isZero();
        assertThat(compare.err()).contains("workbench: warning: top-1 and top-5 were measured on different "
                + "validation sets").contains("small-fewer: 20 images").contains("small-target");
    }

    @Test
    void mistakesAreOneLineAndWriteNothing() throws Exception {
        Path out = dir.resolve("runs/bad");
        Run unknownLayer = CommandLineTest.run("compress", "--model", source.toString(), "--density", "fc9=0.5",
                "--out", out.toString());
        assertThat(unknownLayer.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknownLayer.err()).contains("fc9").doesNotContain("Exception").hasLineCount(1);
        assertThat(out).doesNotExist();

        Run badMethod = CommandLineTest.run("compress", "--model", source.toString(), "--methods", "zip",
                "--out", out.toString());
        assertThat(badMethod.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badMethod.err()).contains("unknown method 'zip'");

        Run huffmanAlone = CommandLineTest.run("compress", "--model", source.toString(), "--methods", "huffman",
                "--out", out.toString());
        assertThat(huffmanAlone.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(huffmanAlone.err()).contains("use it with prune and/or quantize");

        Run badSize = CommandLineTest.run("compress", "--model", source.toString(), "--target-size", "12 parsecs",
                "--out", out.toString());
        assertThat(badSize.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badSize.err()).contains("unknown unit 'parsecs'");

        Path notACwz = Files.writeString(dir.resolve("notes.cwbz"), "hello");
        Run infer = CommandLineTest.run("infer", "--model", notACwz.toString(), dir.toString());
        assertThat(infer.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(infer.err()).contains("notes.cwbz").hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    private static String withoutTimes(String text) {
        return text.replaceAll("[0-9.]+ ms", "");
    }
}
