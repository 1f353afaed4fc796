package org.cnnworkbench.engine.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnchorKMeansTest {

    /** 100 boxes around each of three shapes (pedestrian-like, car-like, near car), within +-5 %. */
    private static List<double[]> threeClusters(long seed) {
        double[][] centres = {{20, 40}, {60, 30}, {120, 80}};
        Random random = new Random(seed);
        List<double[]> boxes = new ArrayList<>();
        for (double[] c : centres) {
            for (int i = 0; i < 100; i++) {
                boxes.add(new double[] {c[0] * (0.95 + 0.1 * random.nextDouble()),
                        c[1] * (0.95 + 0.1 * random.nextDouble())});
            }
        }
        return boxes;
    }

    @Test
    void findsKnownClustersSortedByArea() {
        AnchorKMeans.Result r = AnchorKMeans.fit(threeClusters(1), 3, 42);
        assertThat(r.anchors()).hasSize(3);
        assertThat(r.anchors().get(0).width()).isCloseTo(20, within(1.0));
        assertThat(r.anchors().get(0).height()).isCloseTo(40, within(2.0));
        assertThat(r.anchors().get(1).width()).isCloseTo(60, within(3.0));
        assertThat(r.anchors().get(1).height()).isCloseTo(30, within(1.5));
        assertThat(r.anchors().get(2).width()).isCloseTo(120, within(6.0));
        assertThat(r.anchors().get(2).height()).isCloseTo(80, within(4.0));
        assertThat(r.counts()).containsExactly(100, 100, 100);
        assertThat(r.meanIoU()).isGreaterThan(0.9);
    }

    @Test
    void theSameSeedGivesTheSameAnchors() {
        List<double[]> boxes = threeClusters(2);
        assertThat(AnchorKMeans.fit(boxes, 5, 7)).isEqualTo(AnchorKMeans.fit(boxes, 5, 7));
    }

    @Test
    void moreAnchorsFitAtLeastAsWell() {
        List<double[]> boxes = threeClusters(3);
        assertThat(AnchorKMeans.fit(boxes, 6, 1).meanIoU()).isGreaterThanOrEqualTo(
                AnchorKMeans.fit(boxes, 3, 1).meanIoU() - 1e-9);
    }

    @Test
    void theDistanceIsOneMinusTheIouOfCentredBoxes() {
        // 10x10 and 20x5: intersection 10x5 = 50, union 100 + 100 - 50 = 150
        assertThat(AnchorKMeans.distance(new double[] {10, 10}, new double[] {20, 5})).isCloseTo(1 - 50.0 / 150,
                within(1e-12));
        assertThat(AnchorKMeans.distance(new double[] {7, 3}, new double[] {7, 3})).isZero();
    }

    @Test
    void tooFewBoxesOrABadKAreRefused() {
        assertThatThrownBy(() -> AnchorKMeans.fit(List.of(new double[] {1, 1}), 2, 1))
                .hasMessageContaining("fewer than the 2 anchors");
        assertThatThrownBy(() -> AnchorKMeans.fit(threeClusters(1), 0, 1)).hasMessageContaining("at least 1");
    }
}
