package org.cnnworkbench.engine.data.kitti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KittiLabelTest {

    static final String CAR = "Car 0.00 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59";
    static final String DONT_CARE = "DontCare -1 -1 -10 503.89 169.71 590.61 190.13 -1 -1 -1 -1000 -1000 -1000 -10";

    @TempDir
    Path dir;

    @Test
    void parsesAllFifteenFields() {
        KittiLabel l = KittiLabel.parse(CAR);
        assertThat(l.type()).isEqualTo("Car");
        assertThat(l.truncated()).isEqualTo(0.0);
        assertThat(l.occluded()).isZero();
        assertThat(l.alpha()).isEqualTo(-1.58);
        assertThat(new double[] {l.left(), l.top(), l.right(), l.bottom()})
                .containsExactly(587.01, 173.33, 614.12, 200.12);
        assertThat(new double[] {l.height(), l.width(), l.length()}).containsExactly(1.65, 1.67, 3.64);
        assertThat(new double[] {l.x(), l.y(), l.z()}).containsExactly(-0.65, 1.71, 46.70);
        assertThat(l.rotationY()).isEqualTo(-1.59);
        assertThat(l.scoreIfAny()).isEmpty();
        assertThat(l.boxHeight()).isCloseTo(26.79, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void writesTheDevkitFormatBackByteForByte() {
        assertThat(KittiLabel.parse(CAR).format()).isEqualTo(CAR);
        assertThat(KittiLabel.parse(DONT_CARE).format()).isEqualTo(DONT_CARE);
        assertThat(KittiLabel.parse("  Pedestrian\t0.00 0 -0.20 712.40 143.00 810.73 307.92 1.89 0.48 1.20 1.84 1.47 "
                + "8.41 0.01  ").format())
                .isEqualTo("Pedestrian 0.00 0 -0.20 712.40 143.00 810.73 307.92 1.89 0.48 1.20 1.84 1.47 8.41 0.01");
    }

    @Test
    void dontCareHasThePlaceholders() {
        KittiLabel d = KittiLabel.parse(DONT_CARE);
        assertThat(d.isDontCare()).isTrue();
        assertThat(d.truncated()).isEqualTo(-1);
        assertThat(d.occluded()).isEqualTo(-1);
        assertThat(d.z()).isEqualTo(-1000);
        assertThat(KittiLabel.dontCare(503.89, 169.71, 590.61, 190.13)).isEqualTo(d);
    }

    @Test
    void aSixteenthFieldIsTheScore() {
        KittiLabel l = KittiLabel.parse(CAR + " 0.93");
        assertThat(l.scoreIfAny()).hasValue(0.93);
        assertThat(l.format()).isEqualTo(CAR + " 0.93");
        // scores keep up to four decimals, so that a detector's ranking survives the file
        assertThat(KittiLabel.parse(CAR + " 0.12345").format()).isEqualTo(CAR + " 0.1235");
        assertThat(KittiLabel.parse(CAR + " 0.5").format()).isEqualTo(CAR + " 0.50");
        assertThat(KittiLabel.parse(CAR + " 0.00049").format()).isEqualTo(CAR + " 0.0005");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Car 0.00 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70; expected 15 fields (16 with a score), found 14",
        "Car 0.00 0 -1.58 587.01 x 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59; field 6 (top): 'x' is not a number",
        "Car 0.00 0.5 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59; field 3 (occluded): '0.5' is not an integer (0, 1, 2, 3 or -1)",
        "Car 0.00 4 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59; field 3 (occluded): 4 is not 0, 1, 2, 3 (or -1)",
        "Car 1.50 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59; field 2 (truncated): 1.50 is not between 0 and 1 (or -1)",
        "Car 0.00 0 NaN 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59; field 4 (alpha): 'NaN' is not a number",
        "Car 0.00 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 1e400 -1.59; field 14 (z): '1e400' is out of range",
        "Car 0.00 0 -1.58 614.12 173.33 587.01 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59; box 614.12 173.33 587.01 200.12: right must not be left of left, bottom not above top",
        "3Car 0.00 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59; field 1 (type): '3Car' is not a class name",
    })
    void malformedLinesNameTheField(String line, String problem) {
        assertThatThrownBy(() -> KittiLabel.parse(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(problem);
    }

    @Test
    void aFileReportsEveryMalformedLineWithFileAndLine() throws Exception {
        Path file = dir.resolve("000007.txt");
        Files.writeString(file, CAR + "\n\n" + "Car 0.00 0 -1.58 587.01\n" + DONT_CARE + "\n"
                + CAR.replace("46.70", "4x") + "\n");
        KittiLabelFile.Parsed p = KittiLabelFile.read(file);
        assertThat(p.labels()).hasSize(2);
        assertThat(p.problems()).extracting(Throwable::getMessage).containsExactly(
                file + ":3:1: expected 15 fields (16 with a score), found 5",
                file + ":5:72: field 14 (z): '4x' is not a number");
        assertThat(p.problems().get(1).line()).isEqualTo(5);
        assertThat(p.problems().get(1).column()).isEqualTo(72);
        assertThatThrownBy(() -> KittiLabelFile.readStrict(file)).isInstanceOf(KittiLabelFormatException.class)
                .hasMessage(file + ":3:1: expected 15 fields (16 with a score), found 5");
    }

    @Test
    void damagedLinesParseOrFailWithOneLineNamingTheProblem() {
        java.util.Random random = new java.util.Random(13);
        String alphabet = " \t0123456789.-+eExNaInfity_Car\u0000\u00e9";
        int refused = 0;
        for (int i = 0; i < 3_000; i++) {
            StringBuilder line = new StringBuilder(random.nextBoolean() ? CAR : DONT_CARE);
            for (int edits = 1 + random.nextInt(4); edits > 0 && line.length() > 0; edits--) {
                int at = random.nextInt(line.length());
                switch (random.nextInt(3)) {
                    case 0 -> line.deleteCharAt(at);
                    case 1 -> line.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> line.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                KittiLabel l = KittiLabel.parse(line.toString());
                assertThat(KittiLabel.parse(l.format())).isEqualTo(KittiLabel.parse(KittiLabel.parse(l.format())
                        .format()));
            } catch (IllegalArgumentException e) {
                refused++;
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n", "\u0000");
            }
        }
        assertThat(refused).isBetween(100, 2_990);
    }

    @Test
    void aBinaryFileIsOneLine() throws Exception {
        Path file = dir.resolve("000001.txt");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> KittiLabelFile.read(file)).isInstanceOf(KittiLabelFormatException.class)
                .hasMessage(file + ": is not a UTF-8 text file (is it binary?)");
    }

    @Test
    void writeAndReadGiveTheSameLabels() throws Exception {
        List<KittiLabel> labels = List.of(KittiLabel.parse(CAR), KittiLabel.parse(DONT_CARE),
                KittiLabel.of("Cyclist", 0.3, 2, 1.2345, 1, 2, 30.5, 80.25, 1.7, 0.6, 1.8, 2.5, 1.6, 12.0, 1.5));
        Path file = dir.resolve("x.txt");
        KittiLabelFile.write(file, labels);
        String text = Files.readString(file);
        assertThat(text).isEqualTo(CAR + "\n" + DONT_CARE + "\n"
                + "Cyclist 0.30 2 1.23 1.00 2.00 30.50 80.25 1.70 0.60 1.80 2.50 1.60 12.00 1.50\n");
        List<KittiLabel> back = KittiLabelFile.readStrict(file);
        assertThat(back.subList(0, 2)).isEqualTo(labels.subList(0, 2));
        assertThat(KittiLabelFile.format(back)).isEqualTo(text);
    }

    // ground truth (Kind.LABEL) and detection results (Kind.RESULT), as the evaluator reads them

    @Test
    void readsEveryFieldOfAGroundTruthFile() {
        List<KittiLabel> objects = KittiLabelFile.parse(Path.of("a.txt"), CAR + "\n\n" + DONT_CARE + "\n",
                KittiLabel.Kind.LABEL).labels();
        assertThat(objects).hasSize(2);
        KittiLabel car = objects.get(0);
        assertThat(car.type()).isEqualTo("Car");
        assertThat(car.truncated()).isZero();
        assertThat(car.occluded()).isZero();
        assertThat(car.alpha()).isEqualTo(-1.58);
        assertThat(List.of(car.left(), car.top(), car.right(), car.bottom()))
                .containsExactly(587.01, 173.33, 614.12, 200.12);
        assertThat(List.of(car.height(), car.width(), car.length())).containsExactly(1.65, 1.67, 3.64);
        assertThat(List.of(car.x(), car.y(), car.z(), car.rotationY())).containsExactly(-0.65, 1.71, 46.70, -1.59);
        assertThat(car.scoreIfAny()).isEmpty();
        assertThat(objects.get(1).occluded()).isEqualTo(-1);
    }

    @Test
    void resultLinesAddAScoreAndMayUseTabs() throws Exception {
        KittiLabel d = KittiLabelFile.strict(KittiLabelFile.parse(Path.of("r.txt"), CAR.replace(' ', '\t')
                + " 0.93\r\n", KittiLabel.Kind.RESULT)).get(0);
        assertThat(d.scoreIfAny()).hasValue(0.93);
        assertThat(d.scoreOrThrow()).isEqualTo(0.93);
        assertThat(KittiLabelFile.strict(KittiLabelFile.parse(Path.of("r.txt"), "\uFEFF" + CAR,
                KittiLabel.Kind.LABEL)).get(0).type()).isEqualTo("Car");
        assertThat(d.boxHeight()).isCloseTo(26.79, org.assertj.core.data.Offset.offset(1e-9));
        assertThatThrownBy(() -> KittiLabel.parse(CAR).scoreOrThrow()).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the line, then the expected message (line 2: a valid line comes first)
        "Car 0.00 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71|"
            + "f.txt:2:1: expected 15 fields for a ground-truth label, found 13",
        CAR + " 0.9|f.txt:2:84: expected 15 fields for a ground-truth label, found 16 (a result line with a score? "
            + "ground truth has none)",
        "Car 0.00 0 -1.58 abc 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59|"
            + "f.txt:2:18: field 5 (left): 'abc' is not a number",
        "Car 0.00 0.5 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59|"
            + "f.txt:2:10: field 3 (occluded): '0.5' is not an integer (0, 1, 2, 3 or -1)",
        "Car NaN 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59|"
            + "f.txt:2:5: field 2 (truncated): 'NaN' is not a number",
        "Car 0.00 0 -1.58 587.01 173.33 500 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59|"
            + "f.txt:2:32: box 587.01 173.33 500 200.12: right must not be left of left, bottom not above top",
        "Car 0.00 0 -1.58 587.01 173.33 614.12 100 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59|"
            + "f.txt:2:39: box 587.01 173.33 614.12 100: right must not be left of left, bottom not above top"})
    void aMalformedGroundTruthLineNamesFileLineAndColumn(String line, String message) {
        assertThatThrownBy(() -> KittiLabelFile.strict(KittiLabelFile.parse(Path.of("f.txt"), CAR + "\n" + line
                + "\n", KittiLabel.Kind.LABEL))).isInstanceOf(KittiLabelFormatException.class).hasMessage(message);
    }

    @Test
    void aResultMayGiveOcclusionAsAnyNumberAsTheDevkitIgnoresIt() throws Exception {
        String result = "Car 0.00 0.00 -10 587.01 173.33 614.12 200.12 -1 -1 -1 -1000 -1000 -1000 -10 0.5";
        assertThat(KittiLabelFile.strict(KittiLabelFile.parse(Path.of("r.txt"), result, KittiLabel.Kind.RESULT))
                .get(0).occluded()).isZero();
    }

    @Test
    void aResultLineWithoutScoreSaysSo() {
        assertThatThrownBy(() -> KittiLabelFile.strict(KittiLabelFile.parse(Path.of("p.txt"), CAR,
                KittiLabel.Kind.RESULT)))
                .hasMessage("p.txt:1:1: expected 16 fields for a result line (15 label fields and a score), found 15 "
                        + "(the score is missing?)");
        assertThatThrownBy(() -> KittiLabelFile.strict(KittiLabelFile.parse(Path.of("p.txt"), CAR + " high",
                KittiLabel.Kind.RESULT)))
                .hasMessage("p.txt:1:84: field 16 (score): 'high' is not a number");
    }

    @Test
    void unreadableFilesAreNamed() throws Exception {
        Path binary = Files.write(dir.resolve("000001.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> KittiLabelFile.read(binary, KittiLabel.Kind.LABEL))
                .hasMessage(binary + ": is not a UTF-8 text file (is it binary?)");
        Path missing = dir.resolve("none.txt");
        assertThatThrownBy(() -> KittiLabelFile.read(missing, KittiLabel.Kind.LABEL))
                .isInstanceOf(KittiLabelFormatException.class).hasMessage(missing + ": no such file");
        Path empty = Files.writeString(dir.resolve("000002.txt"), "");
        assertThat(KittiLabelFile.readStrict(empty, KittiLabel.Kind.RESULT)).isEmpty();
    }

    @Test
    void boxesOverlapAsInTheDevkit() {
        // a width-170 box shifted by 30: IoU = 140/200 = 0.7 exactly; intersection over the own area 140/170
        KittiLabel a = KittiLabel.of("Car", 0, 0, 0, 20000, 0, 20170, 50, 1, 1, 1, 0, 0, 0, 0);
        KittiLabel b = KittiLabel.of("Car", 0, 0, 0, 20030, 0, 20200, 50, 1, 1, 1, 0, 0, 0, 0);
        assertThat(b.iou(a)).isEqualTo(0.7);
        assertThat(b.coveredBy(a)).isEqualTo(140 / 170.0);
        assertThat(a.boxArea()).isEqualTo(170 * 50.0);
        assertThat(a.iou(KittiLabel.dontCare(20170, 0, 20300, 50))).isZero();   // touching only
        assertThat(a.is("CAR")).isTrue();
        assertThat(a.is("Van")).isFalse();
    }
}
