package org.cnnworkbench.engine.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cnnworkbench.engine.data.kitti.KittiLabel;
import org.cnnworkbench.engine.detection.DetectionMatch.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DetectionMatchTest {

    static KittiLabel truth(String type, double left, double top, double right, double bottom) {
        return KittiLabel.of(type, 0, 0, 0, left, top, right, bottom, 1, 1, 1, 0, 0, 10, 0);
    }

    static KittiLabel found(String type, double left, double top, double right, double bottom, double score) {
        return new KittiLabel(type, -1, -1, 0, left, top, right, bottom, 1, 1, 1, 0, 0, 10, 0, score);
    }

    @ParameterizedTest
    @CsvSource({"Car, 0.7", "car, 0.7", "Pedestrian, 0.5", "Cyclist, 0.5", "Van, 0.5"})
    void thresholdsAreKittis(String type, double threshold) {
        assertThat(DetectionMatch.minOverlap(type)).isEqualTo(threshold);
    }

    @Test
    void aCarNeedsMoreThanSeventyPercentIouAPedestrianMoreThanFifty() {
        // a 100x100 box shifted by 20 px: IoU = 80*100 / (2*10000 - 8000) = 0.667
        List<KittiLabel> gt = List.of(truth("Car", 0, 0, 100, 100), truth("Pedestrian", 200, 0, 300, 100));
        List<KittiLabel> det = List.of(found("Car", 20, 0, 120, 100, 0.9),
                found("Pedestrian", 220, 0, 320, 100, 0.8));

        DetectionMatch.Result r = DetectionMatch.match(gt, det);

        assertThat(r.outcomes()).containsExactly(Outcome.FALSE_POSITIVE, Outcome.TRUE_POSITIVE);
        assertThat(r.found()).containsExactly(false, true);
        assertThat(r.truePositives()).isEqualTo(1);
        assertThat(r.falsePositives()).isEqualTo(1);
        assertThat(r.missed()).isEqualTo(1);
    }

    @Test
    void theHigherScoreTakesTheObjectAndADuplicateIsAFalsePositive() {
        List<KittiLabel> gt = List.of(truth("Car", 0, 0, 100, 100));
        List<KittiLabel> det = List.of(found("Car", 2, 0, 102, 100, 0.3), found("Car", 5, 0, 105, 100, 0.9));

        DetectionMatch.Result r = DetectionMatch.match(gt, det);

        assertThat(r.outcomes()).containsExactly(Outcome.FALSE_POSITIVE, Outcome.TRUE_POSITIVE);
    }

    @Test
    void aPredictionInADontCareRegionOrOnAVanIsIgnoredAndDontCareCannotBeMissed() {
        List<KittiLabel> gt = List.of(KittiLabel.dontCare(0, 0, 100, 100), truth("Van", 200, 0, 300, 100));
        List<KittiLabel> det = List.of(found("Car", 10, 10, 90, 90, 0.9), found("Car", 200, 0, 300, 100, 0.9),
                found("Pedestrian", 400, 0, 450, 100, 0.9));

        DetectionMatch.Result r = DetectionMatch.match(gt, det);

        assertThat(r.outcomes()).containsExactly(Outcome.IGNORED, Outcome.IGNORED, Outcome.FALSE_POSITIVE);
        assertThat(r.found()).containsExactly(true, false);
    }
}
