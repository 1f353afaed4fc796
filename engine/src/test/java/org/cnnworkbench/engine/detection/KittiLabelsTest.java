package org.cnnworkbench.engine.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KittiLabelsTest {

    static final String CAR = "Car 0.00 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59";
    static final String DONT_CARE = "DontCare -1 -1 -10 503.89 169.71 590.61 190.13 -1 -1 -1 -1000 -1000 -1000 -10";

    @TempDir
    Path dir;

    @Test
    void readsEveryFieldOfALabel() throws Exception {
        List<KittiObject> objects = KittiLabels.parse("a.txt", CAR + "\n\n" + DONT_CARE + "\n", KittiLabels.Kind.LABELS);
        assertThat(objects).hasSize(2);
        KittiObject car = objects.get(0);
        assertThat(car.type()).isEqualTo("Car");
        assertThat(car.truncated()).isZero();
        assertThat(car.occluded()).isZero();
        assertThat(car.alpha()).isEqualTo(-1.58);
        assertThat(car.box()).isEqualTo(new KittiObject.Box(587.01, 173.33, 614.12, 200.12));
        assertThat(List.of(car.height(), car.width(), car.length())).containsExactly(1.65, 1.67, 3.64);
        assertThat(List.of(car.x(), car.y(), car.z(), car.rotationY())).containsExactly(-0.65, 1.71, 46.70, -1.59);
        assertThat(car.score()).isEmpty();
        assertThat(objects.get(1).occluded()).isEqualTo(-1);
    }

    @Test
    void resultLinesAddAScoreAndMayUseTabs() throws Exception {
        KittiObject d = KittiLabels.parse("r.txt", CAR.replace(' ', '\t') + " 0.93\r\n", KittiLabels.Kind.RESULTS)
                .get(0);
        assertThat(d.score()).hasValue(0.93);
        assertThat(KittiLabels.parse("r.txt", "\uFEFF" + CAR, KittiLabels.Kind.LABELS).get(0).type()).isEqualTo("Car");
        assertThat(d.box().height()).isCloseTo(26.79, org.assertj.core.api.Assertions.within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the line, then the expected message (line 2: a valid line comes first)
        "Car 0.00 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71|"
            + "f.txt:2:1: expected 15 fields for a ground-truth label, found 13",
        CAR + " 0.9|f.txt:2:84: expected 15 fields for a ground-truth label, found 16 (a result line with a score? "
            + "ground truth has none)",
        "Car 0.00 0 -1.58 abc 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59|"
            + "f.txt:2:18: bbox left is 'abc', not a number",
        "Car 0.00 0.5 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59|"
            + "f.txt:2:10: occluded is '0.5', not an integer (0, 1, 2, 3, or -1)",
        "Car NaN 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59|"
            + "f.txt:2:5: truncated is 'NaN', not a finite decimal number",
        "Car 0.00 0 -1.58 587.01 173.33 500 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59|"
            + "f.txt:2:32: bbox right 500 is left of bbox left 587.01",
        "Car 0.00 0 -1.58 587.01 173.33 614.12 100 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59|"
            + "f.txt:2:39: bbox bottom 100 is above bbox top 173.33"})
    void aMalformedLineNamesFileLineAndColumn(String line, String message) {
        assertThatThrownBy(() -> KittiLabels.parse("f.txt", CAR + "\n" + line + "\n", KittiLabels.Kind.LABELS))
                .isInstanceOf(KittiFormatException.class).hasMessage(message);
    }

    @Test
    void aResultMayGiveOcclusionAsAnyNumberAsTheDevkitIgnoresIt() throws Exception {
        String result = "Car 0.00 0.00 -10 587.01 173.33 614.12 200.12 -1 -1 -1 -1000 -1000 -1000 -10 0.5";
        assertThat(KittiLabels.parse("r.txt", result, KittiLabels.Kind.RESULTS).get(0).occluded()).isZero();
    }

    @Test
    void aResultLineWithoutScoreSaysSo() {
        assertThatThrownBy(() -> KittiLabels.parse("p.txt", CAR, KittiLabels.Kind.RESULTS))
                .hasMessage("p.txt:1:1: expected 16 fields for a result line (15 label fields and a score), found 15 "
                        + "(the score is missing?)");
        assertThatThrownBy(() -> KittiLabels.parse("p.txt", CAR + " high", KittiLabels.Kind.RESULTS))
                .hasMessage("p.txt:1:84: score is 'high', not a number");
    }

    @Test
    void unreadableFilesAreNamed() throws Exception {
        Path binary = Files.write(dir.resolve("000001.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> KittiLabels.read(binary, KittiLabels.Kind.LABELS))
                .hasMessage(binary + ": is not a UTF-8 text file (is it binary?); expected KITTI labels");
        Path missing = dir.resolve("none.txt");
        assertThatThrownBy(() -> KittiLabels.read(missing, KittiLabels.Kind.LABELS))
                .hasMessage(missing + ": no such file");
        Path empty = Files.writeString(dir.resolve("000002.txt"), "");
        assertThat(KittiLabels.read(empty, KittiLabels.Kind.RESULTS)).isEmpty();
    }
}
