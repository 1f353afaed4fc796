package org.cnnworkbench.engine.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.data.kitti.KittiLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The devkit's evaluation on hand-built cases whose AP is worked out by hand in the comments.
 *
 * <p>A fact used throughout: with n counted objects all detected (precision 1 everywhere), the devkit chooses
 * min(n, 41) thresholds (for n <= 41 every true positive's score: its recall (k+1)/n is never below the next
 * sample point k/40), so precision[0..n-1] = 1 and the rest stay 0: AP_R40 = (n-1)/40 and AP_11 = (number of
 * indices 0, 4, 8, ... below n)/11. Perfect detections therefore give 1.0 only from 41 objects on, not 40
 * (40 gives 39/40: precision[40] is never set).
 */
class KittiEvaluatorTest {

    private static final double EPS = 1e-12;

    /** A fully visible, untruncated object of height {@code h} in column {@code i} (no two overlap). */
    /** A 2D box in pixels, as the tests build them. */
    record Box(double left, double top, double right, double bottom) {
    }

    static Box box(KittiLabel label) {
        return new Box(label.left(), label.top(), label.right(), label.bottom());
    }

    static KittiLabel truth(String type, int i, double h, int occluded, double truncated) {
        return KittiLabel.of(type, truncated, occluded, 0, 100 * i, 0, 100 * i + 60, h, 1.5, 1.6, 3.9, 0, 1.7, 20,
                0);
    }

    static KittiLabel truth(String type, int i) {
        return truth(type, i, 50, 0, 0);
    }

    static KittiLabel detection(String type, Box box, double score) {
        return new KittiLabel(type, -1, -1, -10, box.left(), box.top(), box.right(), box.bottom(), 1.5, 1.6, 3.9, 0,
                1.7, 20, 0, score);
    }

    /** A detection on the box of {@code truth}. */
    static KittiLabel on(KittiLabel truth, double score) {
        return detection(truth.type(), box(truth), score);
    }

    /** {@code n} cars, each detected exactly, scores 1, 0.99, 0.98, ... */
    static List<KittiLabel> cars(int n, List<KittiLabel> detections) {
        List<KittiLabel> truth = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            truth.add(truth("Car", i));
            detections.add(on(truth.get(i), 1 - i / 100.0));
        }
        return truth;
    }

    static double ap(List<KittiLabel> truth, List<KittiLabel> detections, KittiClass c, KittiDifficulty d,
                     ApMetric metric) {
        KittiEvaluation e = KittiEvaluator.evaluate(List.of(new KittiFrame("000000.txt", truth, detections)));
        return e.of(c).ap(d, metric).orElseThrow();
    }

    static double carEasy(List<KittiLabel> truth, List<KittiLabel> detections) {
        return ap(truth, detections, KittiClass.CAR, KittiDifficulty.EASY, ApMetric.R40);
    }

    @ParameterizedTest(name = "{0} perfect detections: AP_R40 {1}, AP_11 {2}")
    @CsvSource({
        // n, (n-1)/40,  ceil(n/4)/11
        "1,  0,          0.0909090909090909",
        "4,  0.075,      0.0909090909090909",
        "5,  0.1,        0.1818181818181818",
        "10, 0.225,      0.2727272727272727",
        "40, 0.975,      0.9090909090909091",
        // from 41 objects on all 41 points are set: 1.0
        "41, 1,          1",
        "80, 1,          1"})
    void perfectDetectionsReachOneOnlyFromFortyOneObjects(int n, double r40, double r11) {
        List<KittiLabel> det = new ArrayList<>();
        List<KittiLabel> gt = cars(n, det);
        assertThat(ap(gt, det, KittiClass.CAR, KittiDifficulty.EASY, ApMetric.R40)).isCloseTo(r40, within(EPS));
        assertThat(ap(gt, det, KittiClass.CAR, KittiDifficulty.EASY, ApMetric.R11)).isCloseTo(r11, within(EPS));
    }

    @Test
    void perfectDetectionsSpreadOverManyImagesGiveOne() {
        List<KittiFrame> frames = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            KittiLabel car = truth("Car", 0);
            frames.add(new KittiFrame(String.format("%06d.txt", i), List.of(car), List.of(on(car, i / 41.0))));
        }
        KittiEvaluation e = KittiEvaluator.evaluate(frames);
        for (KittiDifficulty d : KittiDifficulty.values()) {
            assertThat(e.of(KittiClass.CAR).ap(d, ApMetric.R40)).hasValue(1.0);
        }
        assertThat(e.of(KittiClass.CAR).curves().get(KittiDifficulty.MODERATE).groundTruth()).isEqualTo(41);
    }

    @Test
    void falsePositivesAndMissesGiveTheHandComputedAp() {
        // 4 cars; detections by score: TP 0.9, FP 0.8, TP 0.7, TP 0.6; car 3 missed.
        // TP scores [0.9, 0.7, 0.6], n = 4: recalls 1/4, 2/4, 3/4 are all >= the sample points 0, 1/40, 2/40,
        // so all three are thresholds. Precision at 0.9: 1/1; at 0.7: 2/3; at 0.6: 3/4.
        // Monotone: p[0] = 1, p[1] = p[2] = 3/4, p[3..40] = 0.
        // AP_R40 = (3/4 + 3/4)/40 = 0.0375; AP_11 = p[0]/11 = 1/11.
        List<KittiLabel> gt = List.of(truth("Car", 0), truth("Car", 1), truth("Car", 2), truth("Car", 3));
        List<KittiLabel> det = List.of(on(gt.get(0), 0.9), detection("Car", new Box(900, 0, 960, 50), 0.8),
                on(gt.get(1), 0.7), on(gt.get(2), 0.6));
        assertThat(ap(gt, det, KittiClass.CAR, KittiDifficulty.EASY, ApMetric.R40)).isCloseTo(0.0375, within(EPS));
        assertThat(ap(gt, det, KittiClass.CAR, KittiDifficulty.EASY, ApMetric.R11)).isCloseTo(1 / 11.0, within(EPS));
    }

    @Test
    void oneFalsePositiveAboveFortyOnePerfectDetections() {
        // 41 thresholds (the TP scores); at the k-th: k+1 TP and the FP (score 2, above all): p = (k+1)/(k+2),
        // increasing, so the monotone curve is 41/42 everywhere: AP_R40 = AP_11 = 41/42.
        List<KittiLabel> det = new ArrayList<>();
        List<KittiLabel> gt = cars(41, det);
        det.add(detection("Car", new Box(9000, 0, 9060, 50), 2.0));
        assertThat(carEasy(gt, det)).isCloseTo(41 / 42.0, within(EPS));
        assertThat(ap(gt, det, KittiClass.CAR, KittiDifficulty.EASY, ApMetric.R11)).isCloseTo(41 / 42.0, within(EPS));
    }

    @Test
    void oneMissBesideFortyOneDetections() {
        // n = 42, 41 TP scores. With every score taken, the k-th threshold's recall (k+1)/42 falls behind the
        // sample point k/40 after k = 20; the devkit skips a score when the next one is nearer the point: that
        // happens once (k = 31: 33/42 - 31/40 = 18/1680 < 31/40 - 32/42 = 22/1680). So 40 thresholds, all of
        // precision 1: p[0..39] = 1, p[40] = 0, AP_R40 = 39/40, AP_11 = 10/11.
        List<KittiLabel> det = new ArrayList<>();
        List<KittiLabel> gt = new ArrayList<>(cars(41, det));
        gt.add(truth("Car", 41));
        assertThat(carEasy(gt, det)).isCloseTo(39 / 40.0, within(EPS));
        assertThat(ap(gt, det, KittiClass.CAR, KittiDifficulty.EASY, ApMetric.R11)).isCloseTo(10 / 11.0, within(EPS));
    }

    @ParameterizedTest(name = "missed car of height {0}, occluded {1}, truncated {2}: {3} {4} {5}")
    @CsvSource({
        // 41 detected cars plus one missed: where the missed one counts, AP = 39/40 (see above), else 1.
        // height <= 40 is outside Easy, <= 25 outside all; occlusion > 0 / 1 / 2; truncation > 0.15 / 0.30 / 0.50
        "30, 0, 0,    1,     0.975, 0.975",
        "40, 0, 0,    1,     0.975, 0.975",
        "41, 0, 0,    0.975, 0.975, 0.975",
        "25, 0, 0,    1,     1,     1",
        "26, 0, 0,    1,     0.975, 0.975",
        "50, 1, 0,    1,     0.975, 0.975",
        "50, 2, 0,    1,     1,     0.975",
        "50, 3, 0,    1,     1,     1",
        "50, 0, 0.15, 0.975, 0.975, 0.975",
        "50, 0, 0.16, 1,     0.975, 0.975",
        "50, 0, 0.30, 1,     0.975, 0.975",
        "50, 0, 0.31, 1,     1,     0.975",
        "50, 0, 0.50, 1,     1,     0.975",
        "50, 0, 0.51, 1,     1,     1"})
    void difficultyDecidesWhichGroundTruthCounts(double height, int occluded, double truncated, double easy,
                                                 double moderate, double hard) {
        List<KittiLabel> det = new ArrayList<>();
        List<KittiLabel> gt = new ArrayList<>(cars(41, det));
        gt.add(truth("Car", 41, height, occluded, truncated));
        assertThat(ap(gt, det, KittiClass.CAR, KittiDifficulty.EASY, ApMetric.R40)).isCloseTo(easy, within(EPS));
        assertThat(ap(gt, det, KittiClass.CAR, KittiDifficulty.MODERATE, ApMetric.R40)).isCloseTo(moderate, within(EPS));
        assertThat(ap(gt, det, KittiClass.CAR, KittiDifficulty.HARD, ApMetric.R40)).isCloseTo(hard, within(EPS));
    }

    @ParameterizedTest(name = "an unmatched detection of height {0}: Easy {1}, Moderate {2}")
    @CsvSource({
        // its height truncated to an integer and compared with < 40 (Easy) and < 25: ignored below, else an FP
        // (41/42, see oneFalsePositiveAboveFortyOnePerfectDetections)
        "39.9, 1,                  0.9761904761904762",
        "40.0, 0.9761904761904762, 0.9761904761904762",
        "24.9, 1,                  1",
        "25.0, 1,                  0.9761904761904762"})
    void detectionsBelowTheMinimumHeightAreIgnored(double height, double easy, double moderate) {
        List<KittiLabel> det = new ArrayList<>();
        List<KittiLabel> gt = cars(41, det);
        det.add(detection("Car", new Box(9000, 0, 9060, height), 2.0));
        assertThat(carEasy(gt, det)).isCloseTo(easy, within(EPS));
        assertThat(ap(gt, det, KittiClass.CAR, KittiDifficulty.MODERATE, ApMetric.R40)).isCloseTo(moderate, within(EPS));
    }

    @ParameterizedTest(name = "DontCare {0} px wide over a 100 px detection of {1}: AP {2}")
    @CsvSource({
        // a detection is ignored when intersection / its own area exceeds the class's threshold (strict >)
        "71, Car,        1",
        "70, Car,        0.9761904761904762",
        "100, Car,       1",
        "51, Pedestrian, 1",
        "50, Pedestrian, 0.9761904761904762"})
    void detectionsInDontCareRegionsAreNotFalsePositives(int width, String type, double expected) {
        List<KittiLabel> det = new ArrayList<>();
        List<KittiLabel> gt = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            gt.add(truth(type, i));
            det.add(on(gt.get(i), 1 - i / 100.0));
        }
        gt.add(KittiLabel.dontCare(9000, 0, 9000 + width, 100));
        det.add(detection(type, new Box(9000, 0, 9100, 100), 2.0));
        KittiClass c = type.equals("Car") ? KittiClass.CAR : KittiClass.PEDESTRIAN;
        assertThat(ap(gt, det, c, KittiDifficulty.EASY, ApMetric.R40)).isCloseTo(expected, within(EPS));
    }

    @ParameterizedTest(name = "a {0} detected as {1}: AP {2}")
    @CsvSource({
        // neighbouring ground truth is ignored: a detection on it is no FP (and missing it would be no FN)
        "Van,            Car,        1",
        "Truck,          Car,        0.9761904761904762",
        "Person_sitting, Car,        0.9761904761904762",
        "Person_sitting, Pedestrian, 1",
        "Van,            Pedestrian, 0.9761904761904762",
        "Van,            Cyclist,    0.9761904761904762"})
    void neighbouringClassesAreIgnored(String truthType, String detectedAs, double expected) {
        List<KittiLabel> det = new ArrayList<>();
        List<KittiLabel> gt = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            gt.add(truth(detectedAs, i));
            det.add(on(gt.get(i), 1 - i / 100.0));
        }
        KittiLabel other = truth(truthType, 50);
        gt.add(other);
        gt.add(truth(truthType, 51));                       // not detected: no FN either way
        det.add(detection(detectedAs, box(other), 2.0));
        KittiClass c = KittiClass.valueOf(detectedAs.toUpperCase(java.util.Locale.ROOT));
        assertThat(ap(gt, det, c, KittiDifficulty.EASY, ApMetric.R40)).isCloseTo(expected, within(EPS));
    }

    @Test
    void aSecondDetectionOfOneObjectIsAFalsePositive() {
        // a duplicate of car 0 with score 2: choosing thresholds, car 0 takes the duplicate (highest score), so
        // the thresholds are 2, s1, ..., s40. At 2 only the duplicate counts: p = 1. At s_k (k >= 1) car 0 has
        // two equal candidates, one is TP and one FP: p = (k+1)/(k+2). Monotone: p[0] = 1, p[1..40] = 41/42.
        // AP_R40 = 41/42; AP_11 = (1 + 10 * 41/42) / 11.
        List<KittiLabel> det = new ArrayList<>();
        List<KittiLabel> gt = cars(41, det);
        det.add(on(gt.get(0), 2.0));
        assertThat(carEasy(gt, det)).isCloseTo(41 / 42.0, within(EPS));
        assertThat(ap(gt, det, KittiClass.CAR, KittiDifficulty.EASY, ApMetric.R11))
                .isCloseTo((1 + 10 * 41 / 42.0) / 11, within(EPS));
    }

    @Test
    void aMatchNeedsMoreThanTheClassesIou() {
        // a car detection shifted so that IoU is exactly 0.7 does not match (strict >): one FP and one miss
        // among 41 cars. Box 60 x 50, shifted by d: IoU = (60-d)/(60+d) = 0.7 at d = 60*0.3/1.7, not exact in
        // binary; use a width-170 box shifted by 30: IoU = 140/200 = 0.7 exactly.
        KittiLabel wide = KittiLabel.of("Car", 0, 0, 0, 20000, 0, 20170, 50, 1, 1, 1, 0, 0, 0, 0);
        Box shifted = new Box(20030, 0, 20200, 50);
        assertThat(detection("Car", shifted, 0.001).iou(wide)).isEqualTo(0.7);
        List<KittiLabel> det = new ArrayList<>();
        List<KittiLabel> gt = new ArrayList<>(cars(41, det));
        gt.add(wide);
        det.add(detection("Car", shifted, 0.001));
        // 42 objects, 41 TP (as in oneMissBesideFortyOneDetections: 40 thresholds of precision 1; the FP has the
        // lowest score, below every threshold)
        assertThat(carEasy(gt, det)).isCloseTo(39 / 40.0, within(EPS));
    }

    @Test
    void classesWithoutDetectionsAreNotEvaluatedAndMapAveragesTheOthers() {
        // Car: 41 perfect (AP 1); Cyclist: one perfect (AP_R40 0, only precision[0] is set);
        // Pedestrian: ground truth but no detections: not evaluated. mAP = (1 + 0) / 2.
        List<KittiLabel> det = new ArrayList<>();
        List<KittiLabel> gt = new ArrayList<>(cars(41, det));
        KittiLabel cyclist = truth("Cyclist", 60);
        gt.add(cyclist);
        gt.add(truth("Pedestrian", 61));
        det.add(on(cyclist, 0.5));
        KittiEvaluation e = KittiEvaluator.evaluate(List.of(new KittiFrame("000000.txt", gt, det)));
        assertThat(e.of(KittiClass.PEDESTRIAN).evaluated()).isFalse();
        assertThat(e.of(KittiClass.PEDESTRIAN).ap(KittiDifficulty.MODERATE, ApMetric.R40)).isEmpty();
        assertThat(e.of(KittiClass.CYCLIST).ap(KittiDifficulty.MODERATE, ApMetric.R40)).hasValue(0.0);
        assertThat(e.meanAp(KittiDifficulty.MODERATE, ApMetric.R40)).hasValue(0.5);
        assertThat(KittiEvaluator.evaluate(List.of()).meanAp(KittiDifficulty.MODERATE, ApMetric.R40)).isEmpty();
    }

    @Test
    void onlyADetectionWithLeftAtLeastZeroMakesAClassEvaluated() {
        // the devkit's loadDetections sets eval_image only for a box with x1 >= 0 (-1 boxes mark 3D-only results)
        KittiLabel car = truth("Car", 0);
        KittiLabel outside = detection("Car", new Box(-1, -1, -1, -1), 0.9);
        KittiFrame frame = new KittiFrame("000000.txt", List.of(car), List.of(outside));
        assertThat(KittiEvaluator.evaluate(List.of(frame)).of(KittiClass.CAR).evaluated()).isFalse();
        KittiFrame both = new KittiFrame("000000.txt", List.of(car), List.of(outside, on(car, 0.5)));
        assertThat(KittiEvaluator.evaluate(List.of(both)).of(KittiClass.CAR).evaluated()).isTrue();
    }

    @Test
    void classNamesCompareIgnoringCase() {
        List<KittiLabel> det = new ArrayList<>();
        List<KittiLabel> gt = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            gt.add(truth(i % 2 == 0 ? "car" : "CAR", i));
            det.add(detection("Car", box(gt.get(i)), 1 - i / 100.0));
        }
        assertThat(carEasy(gt, det)).isEqualTo(1.0);
    }
}
