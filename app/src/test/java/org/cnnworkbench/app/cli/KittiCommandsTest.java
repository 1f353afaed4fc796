package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KittiCommandsTest {

    @TempDir
    Path dir;

    @Test
    void synthWritesAFolderThatCheckPasses() throws Exception {
        Path out = dir.resolve("kitti");
        Run synth = CommandLineTest.run("dataset", "synth-kitti", "--out", out.toString(), "--images", "8",
                "--seed", "4");
        assertThat(synth.err()).isEmpty();
        assertThat(synth.exit()).isZero();
        assertThat(synth.out()).startsWith("wrote 8 images (621x188, seed 4) to " + out.resolve("training"))
                .contains("Car", "total");
        assertThat(out.resolve("training/image_2/000007.png")).exists();
        assertThat(out.resolve("training/label_2/000007.txt")).exists();

        Run check = CommandLineTest.run("dataset", "check", out.toString());
        assertThat(check.err()).isEmpty();
        assertThat(check.exit()).isEqualTo(ExitCodes.OK);
        assertThat(check.out()).startsWith(out.resolve("training") + ": 8 images, 8 labelled and readable (621x188)")
                .contains("levels: box height > 40.0 px Easy, > 25.0 px Moderate and Hard (the devkit's)").containsPattern("Person_sitting\\s+-\\s+0")
                .contains("DontCare", "no problems found");
    }

    /** anchors from a generated folder, then dataset check against them: every class has a matching anchor. */
    @Test
    void anchorsFitTheBoxesAndCheckTakesThem() throws Exception {
        Path out = dir.resolve("kitti");
        CommandLineTest.run("dataset", "synth-kitti", "--out", out.toString(), "--images", "12", "--seed", "5");
        Run anchors = CommandLineTest.run("anchors", "--data", out.toString(), "--k", "4");
        assertThat(anchors.err()).isEmpty();
        assertThat(anchors.exit()).isZero();
        assertThat(anchors.out()).contains("k-means (1 - IoU) with 4 anchors, seed 42", "mean IoU of a box");
        String value = anchors.out().lines().filter(l -> l.startsWith("--anchors ")).findFirst().orElseThrow()
                .substring("--anchors ".length());
        assertThat(value.split(",")).hasSize(4).allMatch(a -> a.matches("\\d+x\\d+"));
        String json = anchors.out().lines().filter(l -> l.startsWith("convdet \"anchors\": ")).findFirst()
                .orElseThrow().substring("convdet \"anchors\": ".length());
        assertThat(json).as("the same anchors as the --anchors value, as JSON")
                .isEqualTo(java.util.Arrays.stream(value.split(",")).map(a -> "[" + a.replace("x", ", ") + "]")
                        .collect(java.util.stream.Collectors.joining(", ", "[", "]")));
        assertThat(CommandLineTest.run("anchors", "--data", out.toString()).out())
                .isEqualTo(CommandLineTest.run("anchors", "--data", out.toString()).out());   // seeded

        Run check = CommandLineTest.run("dataset", "check", out.toString(), "--anchors", value);
        assertThat(check.exit()).isEqualTo(ExitCodes.OK);
        assertThat(check.out()).contains("anchors " + value, "no problems found");

        Run tooMany = CommandLineTest.run("anchors", "--data", out.toString(), "--k", "100000");
        assertThat(tooMany.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(tooMany.err()).contains("fewer than the 100000 anchors").doesNotContain("\tat ");
    }

    @Test
    void checkReportsProblemsWithExitStatusOne() throws Exception {
        Path out = dir.resolve("kitti");
        CommandLineTest.run("dataset", "synth-kitti", "--out", out.toString(), "--images", "4", "--width", "320",
                "--height", "100");
        Path label = out.resolve("training/label_2/000000.txt");
        Files.writeString(label, "Car 0.00 0\n", StandardOpenOption.APPEND);
        int line = Files.readAllLines(label).size();
        Files.delete(out.resolve("training/label_2/000001.txt"));

        Run check = CommandLineTest.run("dataset", "check", out.resolve("training").toString(), "--stride", "4096",
                "--anchors", "40x30,16x40", "--map", "Van=Car", "--no-verify", "--scale-levels");
        assertThat(check.err()).isEmpty();
        assertThat(check.exit()).isEqualTo(ExitCodes.DATA_PROBLEMS);
        assertThat(check.out()).contains("stride 4096, anchors 40x30,16x40")
                .contains("(the devkit's scaled by 0.27 = 100 / 375 rows)")
                .contains("malformed: " + label + ":" + line + ":1: expected 15 fields (16 with a score), found 3")
                .contains("image without a label file: " + out.resolve("training/image_2/000001.png"))
                .contains("has no learnable objects").containsPattern("Van\\s+Car");

        Run stop = CommandLineTest.run("dataset", "check", out.toString(), "--stop-on-malformed");
        assertThat(stop.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(stop.out()).isEmpty();
        assertThat(stop.err()).isEqualTo("workbench: error: " + label + ":" + line
                + ":1: expected 15 fields (16 with a score), found 3\n");
    }

    @Test
    void badInputIsOneLine() throws Exception {
        Run missing = CommandLineTest.run("dataset", "check", dir.resolve("none").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).isEqualTo("workbench: error: " + dir.resolve("none")
                + ": not a KITTI object folder (expected " + dir.resolve("none") + "/training/image_2/NNNNNN.png and "
                + dir.resolve("none") + "/training/label_2/NNNNNN.txt)\n");

        Run anchors = CommandLineTest.run("dataset", "check", dir.toString(), "--anchors", "40by30");
        assertThat(anchors.err()).isEqualTo("workbench: error: --anchors: '40by30' is not WxH, e.g. 40x30\n");

        Run images = CommandLineTest.run("dataset", "synth-kitti", "--out", dir.resolve("o").toString(),
                "--images", "0");
        assertThat(images.err()).isEqualTo("workbench: error: the number of images must be 1..100000, not 0\n");

        Run size = CommandLineTest.run("dataset", "synth-kitti", "--out", dir.resolve("o").toString(),
                "--images", "1", "--width", "10");
        assertThat(size.err()).isEqualTo("workbench: error: the image size must be 32..4096 pixels a side, not 10x188\n");

        Run both = CommandLineTest.run("dataset", "synth-kitti", "--out", dir.resolve("o").toString(),
                "--images", "1", "--full-size", "--height", "100");
        assertThat(both.err()).isEqualTo("workbench: error: --full-size is 1242x375; give it or --width/--height, "
                + "not both\n");

        Files.writeString(Files.createDirectories(dir.resolve("full")).resolve("x"), "x");
        Run full = CommandLineTest.run("dataset", "synth-kitti", "--out", dir.resolve("full").toString(),
                "--images", "1");
        assertThat(full.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(full.err()).isEqualTo("workbench: error: " + dir.resolve("full")
                + " already exists and is not an empty folder; choose a new one\n");

        Run map = CommandLineTest.run("dataset", "check", dir.toString(), "--map", "Van=Bus");
        assertThat(map.err()).startsWith("workbench: error: mapping Van=Bus: Bus is not one of the classes");
    }
}
