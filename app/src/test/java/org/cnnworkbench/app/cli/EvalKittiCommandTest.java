package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalKittiCommandTest {

    @TempDir
    Path dir;

    Path gt;
    Path pred;

    /**
     * 41 images, one Car each (height 50, fully visible) detected exactly: Car AP 100 at every difficulty (41
     * thresholds of precision 1). One Cyclist in image 0, detected: a single object sets only precision[0], so
     * AP_R40 is 0 and AP_11 is 1/11 = 9.09 %. No Pedestrian detections: not evaluated. Image 41 has ground truth
     * only (no result file): its Van is a neighbour and never counts.
     */
    @BeforeEach
    void kitti() throws Exception {
        gt = Files.createDirectories(dir.resolve("label_2"));
        pred = Files.createDirectories(dir.resolve("pred"));
        for (int i = 0; i < 41; i++) {
            String car = line("Car", 100, 150);
            StringBuilder truth = new StringBuilder(car).append('\n');
            StringBuilder found = new StringBuilder(car).append(String.format(Locale.ROOT, " %.3f%n", 0.5 + i / 100.0));
            if (i == 0) {
                truth.append(line("Cyclist", 300, 360)).append('\n').append(line("Pedestrian", 500, 540)).append('\n');
                found.append(line("Cyclist", 300, 360)).append(" 0.7\n");
            }
            Files.writeString(gt.resolve(String.format("%06d.txt", i)), truth);
            Files.writeString(pred.resolve(String.format("%06d.txt", i)), found);
        }
        Files.writeString(gt.resolve("000041.txt"), line("Van", 100, 150) + "\n");
    }

    static String line(String type, int left, int right) {
        return type + " 0.00 0 -1.58 " + left + ".00 100.00 " + right + ".00 150.00 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59";
    }

    @Test
    void tablePrintsApPerClassAndDifficultyInPercent() {
        Run r = CommandLineTest.run("eval-kitti", "--pred", pred.toString(), "--gt", gt.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("AP_R40 (%)  Easy    Moderate  Hard")
                .containsPattern("Car\\s+100.00\\s+100.00\\s+100.00\n")
                .containsPattern("Pedestrian\\s+-\\s+-\\s+-\n")
                .containsPattern("Cyclist\\s+0.00\\s+0.00\\s+0.00\n")
                .containsPattern("mAP\\s+50.00\\s+50.00\\s+50.00\n")
                .contains("42 images;", "Not evaluated (no detections of the class, as in the devkit): Pedestrian.");
    }

    @Test
    void elevenPointApAndJson() throws Exception {
        Run r = CommandLineTest.run("eval-kitti", "--pred", pred.toString(), "--gt", gt.toString(), "--ap", "11",
                "--format", "json");
        assertThat(r.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("metric").asText()).isEqualTo("AP_11");
        assertThat(json.get("images").asInt()).isEqualTo(42);
        JsonNode car = json.get("classes").get(0);
        assertThat(car.get("class").asText()).isEqualTo("Car");
        assertThat(car.get("evaluated").asBoolean()).isTrue();
        assertThat(car.get("detections").asInt()).isEqualTo(41);
        assertThat(car.get("ap").get("moderate").asDouble()).isEqualTo(1.0);
        assertThat(car.get("groundTruth").get("easy").asInt()).isEqualTo(41);
        JsonNode pedestrian = json.get("classes").get(1);
        assertThat(pedestrian.get("evaluated").asBoolean()).isFalse();
        assertThat(pedestrian.get("ap").get("easy").isNull()).isTrue();
        assertThat(json.get("classes").get(2).get("ap").get("hard").asDouble()).isCloseTo(1 / 11.0,
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(json.get("mAP").get("moderate").asDouble()).isCloseTo((1 + 1 / 11.0) / 2,
                org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void aMalformedFileIsOneLineWithItsLineExitTwo() throws Exception {
        Files.writeString(pred.resolve("000003.txt"), line("Car", 100, 150) + " 0.9\nCar 0 0\n");
        Run r = CommandLineTest.run("eval-kitti", "--pred", pred.toString(), "--gt", gt.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("workbench: error: " + pred.resolve("000003.txt")
                + ":2:1: expected 16 fields for a result line (15 label fields and a score), found 3\n");
    }

    @Test
    void emptyFoldersAndStrayResultsAreTold() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run r = CommandLineTest.run("eval-kitti", "--pred", empty.toString(), "--gt", gt.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("workbench: error: " + empty + ": no result files (NNNNNN.txt) in this folder\n");

        Files.writeString(pred.resolve("009999.txt"), "");
        Run stray = CommandLineTest.run("eval-kitti", "--pred", pred.toString(), "--gt", gt.toString());
        assertThat(stray.exit()).isZero();
        assertThat(stray.err()).isEqualTo("workbench: warning: 1 result file without ground truth left out: "
                + "009999.txt (in " + pred + ")\n");

        Run badAp = CommandLineTest.run("eval-kitti", "--pred", pred.toString(), "--gt", gt.toString(), "--ap", "12");
        assertThat(badAp.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badAp.err()).isEqualTo("workbench: error: --ap must be r40 or 11, not '12'\n");
    }
}
