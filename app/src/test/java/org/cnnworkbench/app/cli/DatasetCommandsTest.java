package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.data.RealFashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandsTest {

    @TempDir
    Path dir;

    /** A small Fashion-MNIST in the real IDX format: 30 images per subset, label i % 10. */
    private Path fakeFashionMnist() throws IOException {
        return IdxFiles.fakeFashionMnist(dir.resolve("idx"), 30, 28);
    }

    @Test
    void exportFolderWritesPngsThatInfoCounts() throws Exception {
        Path out = dir.resolve("fashion");
        Run export = CommandLineTest.run("dataset", "export-folder", "--out", out.toString(), "--classes", "2",
                "--per-class", "2", "--source", fakeFashionMnist().toString());
        assertThat(export.err()).isEmpty();
        assertThat(export.exit()).isZero();
        assertThat(out.resolve("train/0-tshirt-top/00.png")).exists();
        assertThat(out.resolve("train/1-trouser/11.png")).exists();
        assertThat(out.resolve("val/1-trouser/01.png")).exists();

        Files.write(out.resolve("val/1-trouser/99.png"), new byte[] {1, 2, 3});
        Run info = CommandLineTest.run("dataset", "info", out.toString());

        assertThat(info.exit()).isZero();
        assertThat(info.out()).contains(out + ": 2 classes").containsPattern("0-tshirt-top\\s+2\\s+2")
                .containsPattern("1-trouser\\s+2\\s+2").containsPattern("total\\s+4\\s+4");
        assertThat(info.err()).startsWith("workbench: warning: skipped 1 unreadable image: "
                + out.resolve("val/1-trouser/99.png"));
    }

    @Test
    void exportIntoAFullFolderOrWithoutTheDataIsAOneLineError() throws Exception {
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("x"), "x");
        Run refused = CommandLineTest.run("dataset", "export-folder", "--out", full.toString(), "--source",
                fakeFashionMnist().toString());
        assertThat(refused.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).isEqualTo("workbench: error: " + full
                + " already exists and is not an empty folder; choose a new one\n");

        Run missing = CommandLineTest.run("dataset", "export-folder", "--out", dir.resolve("o").toString(),
                "--source", dir.resolve("none").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).startsWith("workbench: error: Fashion-MNIST not found")
                .contains("dataset-fashion-mnist");
        assertThat(dir.resolve("o")).doesNotExist();

        Run badClasses = CommandLineTest.run("dataset", "export-folder", "--out", "x", "--classes", "11");
        assertThat(badClasses.err()).isEqualTo("workbench: error: --classes must be 1..10, not 11\n");
    }

    @Test
    void infoOnFashionMnistPrintsTheClassCountsOfTheGivenFolder() throws Exception {
        Path idx = fakeFashionMnist();
        Run info = CommandLineTest.run("dataset", "info", "fashion-mnist", "--fashion-dir", idx.toString());
        assertThat(info.err()).isEmpty();
        assertThat(info.exit()).isZero();
        assertThat(info.out()).startsWith("fashion-mnist (" + idx + "): 10 classes, 28x28 grey images")
                .contains("Ankle boot", "9-ankle-boot").containsPattern("8-bag\\s+3\\s+3")
                .containsPattern("total\\s+30\\s+30");

        Run missing = CommandLineTest.run("dataset", "info", "fashion-mnist", "--fashion-dir",
                dir.resolve("none").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).startsWith("workbench: error: Fashion-MNIST not found: no "
                + dir.resolve("none"));
    }

    @Test
    @RealFashionMnist
    void infoOnFashionMnistPrintsTheClassCounts() {
        Run info = CommandLineTest.run("dataset", "info", "fashion-mnist");
        assertThat(info.exit()).isZero();
        assertThat(info.out()).contains("10 classes, 28x28 grey images", "Ankle boot", "9-ankle-boot")
                .containsPattern("total\\s+60,000\\s+10,000");
    }

    @Test
    void infoOnAMissingFolderIsAOneLineError() {
        Run info = CommandLineTest.run("dataset", "info", dir.resolve("nope").toString());
        assertThat(info.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(info.err()).contains("no such folder");
    }
}
