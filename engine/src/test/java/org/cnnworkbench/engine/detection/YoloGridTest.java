package org.cnnworkbench.engine.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.cnnworkbench.engine.data.kitti.KittiCheck;
import org.junit.jupiter.api.Test;

class YoloGridTest {

    private static final List<KittiCheck.Anchor> ANCHORS = List.of(new KittiCheck.Anchor(20, 20),
            new KittiCheck.Anchor(60, 30), new KittiCheck.Anchor(15, 40));
    /** 8 x 26 cells of 16 x 16 pixels on a 128 x 416 input, 3 classes. */
    private static final YoloGrid GRID = YoloGrid.of(8, 26, 128, 416, ANCHORS, 3);

    @Test
    void labelsHoldTheCornersInCellsAndTheOneHotClassInTheCentresCell() {
        // centre (44, 40): column 2, row 2
        float[] labels = GRID.encode(List.of(new Detection(1, 1, 24, 20, 64, 60))).labels();
        assertThat(at(labels, 0, 2, 2)).isEqualTo(1.5f);    // x1 = 24 / 16
        assertThat(at(labels, 1, 2, 2)).isEqualTo(1.25f);   // y1 = 20 / 16
        assertThat(at(labels, 2, 2, 2)).isEqualTo(4.0f);    // x2
        assertThat(at(labels, 3, 2, 2)).isEqualTo(3.75f);   // y2
        assertThat(at(labels, 4, 2, 2)).isZero();
        assertThat(at(labels, 5, 2, 2)).isEqualTo(1f);
        assertThat(at(labels, 6, 2, 2)).isZero();
        float sum = 0;
        for (float v : labels) {
            sum += v;
        }
        assertThat(sum).isEqualTo(1.5f + 1.25f + 4f + 3.75f + 1f);
    }

    @Test
    void aCellHoldsOneObjectTheLargerOne() {
        Detection small = new Detection(0, 1, 36, 36, 44, 44);
        Detection large = new Detection(2, 1, 20, 20, 60, 60);
        YoloGrid.Encoded e = GRID.encode(List.of(small, large));
        assertThat(e.dropped()).isEqualTo(1);
        assertThat(at(e.labels(), 6, 2, 2)).isEqualTo(1f);
        assertThat(GRID.encode(List.of(large, small)).labels()).isEqualTo(e.labels());
    }

    @Test
    void boxesAreClippedToTheImageAndBoxesOutsideItAreDropped() {
        YoloGrid.Encoded e = GRID.encode(List.of(new Detection(0, 1, -40, 100, 20, 140),
                new Detection(0, 1, 500, 10, 600, 50)));
        assertThat(e.dropped()).isEqualTo(1);
        // clipped to 0..20 x 100..127: centre (10, 113.5), cell row 7, column 0
        assertThat(at(e.labels(), 0, 7, 0)).isZero();
        assertThat(at(e.labels(), 3, 7, 0)).isEqualTo(127f / 16, within(1e-6f));
    }

    @Test
    void encodingThenDecodingAnIdealOutputGivesTheBoxesBack() {
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            List<Detection> truth = new ArrayList<>();
            boolean[] used = new boolean[8 * 26];
            for (int i = 0; i < 12; i++) {
                double w = 6 + random.nextInt(80);
                double h = 6 + random.nextInt(60);
                double cx = w / 2 + random.nextDouble() * (415 - w);   // inside 0..415, the pixel range
                double cy = h / 2 + random.nextDouble() * (127 - h);
                int cell = (int) (cy / 16) * 26 + (int) (cx / 16);
                if (used[cell]) {
                    continue;
                }
                used[cell] = true;
                truth.add(new Detection(random.nextInt(3), 1, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2));
            }
            float[] labels = GRID.encode(truth).labels();
            List<Detection> decoded = GRID.decode(ideal(labels), 0.5);
            Comparator<Detection> order = Comparator.comparingDouble(Detection::left)
                    .thenComparingDouble(Detection::top);
            List<Detection> a = truth.stream().sorted(order).toList();
            List<Detection> b = decoded.stream().sorted(order).toList();
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).classIndex()).isEqualTo(a.get(i).classIndex());
                assertThat(b.get(i).left()).isEqualTo(a.get(i).left(), within(1e-3));
                assertThat(b.get(i).top()).isEqualTo(a.get(i).top(), within(1e-3));
                assertThat(b.get(i).right()).isEqualTo(a.get(i).right(), within(1e-3));
                assertThat(b.get(i).bottom()).isEqualTo(a.get(i).bottom(), within(1e-3));
                assertThat(b.get(i).score()).isEqualTo(1.0);
            }
        }
    }

    @Test
    void scoreIsConfidenceTimesTheBestClassProbabilityAndLowScoresAreDropped() {
        float[] out = new float[GRID.outputChannels() * 8 * 26];
        int plane = 8 * 26;
        int cell = 3 * 26 + 5;
        int base = GRID.channelsPerAnchor() * plane;   // anchor 1 (60 x 30)
        out[base + cell] = 0.5f;
        out[base + plane + cell] = 0.5f;
        out[base + 2 * plane + cell] = 60f / 16;
        out[base + 3 * plane + cell] = 30f / 16;
        out[base + 4 * plane + cell] = 0.8f;
        out[base + 5 * plane + cell] = 0.1f;
        out[base + 6 * plane + cell] = 0.2f;
        out[base + 7 * plane + cell] = 0.7f;
        List<Detection> found = GRID.decode(out, 0.5);
        assertThat(found).hasSize(1);
        Detection d = found.get(0);
        assertThat(d.classIndex()).isEqualTo(2);
        assertThat(d.score()).isEqualTo(0.8 * 0.7, within(1e-6));
        assertThat(d.left()).isEqualTo(5.5 * 16 - 30, within(1e-4));
        assertThat(d.top()).isEqualTo(3.5 * 16 - 15, within(1e-4));
        assertThat(d.width()).isEqualTo(60, within(1e-4));
        assertThat(GRID.decode(out, 0.6)).isEmpty();
    }

    @Test
    void settingsMapBoxesBackToTheImageClipAndSuppress() {
        float[] labels = GRID.encode(List.of(new Detection(0, 1, 100, 40, 160, 80))).labels();
        float[] out = ideal(labels);
        // a 1248 x 384 image is 3x the input in both directions
        List<Detection> found = DetectionSettings.SQUEEZEDET.apply(GRID, out, 1248, 384);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).left()).isEqualTo(300, within(1e-3));
        assertThat(found.get(0).bottom()).isEqualTo(240, within(1e-3));
    }

    @Test
    void aWrongOutputSizeIsRefused() {
        assertThatThrownBy(() -> GRID.decode(new float[10], 0.1)).hasMessageContaining("expected 24x8x26");
    }

    /**
     * The output a perfect network would give for {@code labels}: in each labelled cell, the anchor whose shape
     * matches the box best carries it with confidence 1 and its class with probability 1.
     */
    private static float[] ideal(float[] labels) {
        int plane = 8 * 26;
        float[] out = new float[GRID.outputChannels() * plane];
        for (int row = 0; row < 8; row++) {
            for (int col = 0; col < 26; col++) {
                int cell = row * 26 + col;
                int cls = -1;
                for (int c = 0; c < 3; c++) {
                    if (labels[(4 + c) * plane + cell] == 1f) {
                        cls = c;
                    }
                }
                if (cls < 0) {
                    continue;
                }
                float x1 = labels[cell];
                float y1 = labels[plane + cell];
                float x2 = labels[2 * plane + cell];
                float y2 = labels[3 * plane + cell];
                int best = 0;
                for (int k = 1; k < ANCHORS.size(); k++) {
                    if (ANCHORS.get(k).iou((x2 - x1) * 16, (y2 - y1) * 16)
                            > ANCHORS.get(best).iou((x2 - x1) * 16, (y2 - y1) * 16)) {
                        best = k;
                    }
                }
                int base = best * GRID.channelsPerAnchor() * plane;
                out[base + cell] = (x1 + x2) / 2 - col;
                out[base + plane + cell] = (y1 + y2) / 2 - row;
                out[base + 2 * plane + cell] = x2 - x1;
                out[base + 3 * plane + cell] = y2 - y1;
                out[base + 4 * plane + cell] = 1f;
                out[base + (5 + cls) * plane + cell] = 1f;
            }
        }
        return out;
    }

    private static float at(float[] labels, int channel, int row, int col) {
        return labels[(channel * 8 + row) * 26 + col];
    }
}
