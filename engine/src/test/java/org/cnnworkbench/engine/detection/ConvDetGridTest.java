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

class ConvDetGridTest {

    private static final List<KittiCheck.Anchor> ANCHORS = List.of(new KittiCheck.Anchor(20, 20),
            new KittiCheck.Anchor(60, 30), new KittiCheck.Anchor(15, 40));
    /** 8 x 26 cells of 16 x 16 pixels on a 128 x 416 input, 3 classes. */
    private static final ConvDetGrid GRID = ConvDetGrid.of(8, 26, 128, 416, ANCHORS, 3);

    @Test
    void theAnchorWithTheHighestIouCarriesTheDeltasTheMaskAndTheClass() {
        // a 60 x 30 box centred on cell (row 2, column 5)'s centre (88, 40) is anchor 1 there exactly
        float[] t = GRID.encode(List.of(new Detection(2, 1, 58, 25, 118, 55))).targets();
        assertThat(at(t, 1, 0, 2, 5)).isZero();
        assertThat(at(t, 1, 1, 2, 5)).isZero();
        assertThat(at(t, 1, 2, 2, 5)).isZero();               // ln(60 / 60)
        assertThat(at(t, 1, 3, 2, 5)).isZero();
        assertThat(at(t, 1, 4, 2, 5)).isEqualTo(1f);           // the mask
        assertThat(at(t, 1, 7, 2, 5)).isEqualTo(1f);           // class 2
        float sum = 0;
        for (float v : t) {
            sum += Math.abs(v);
        }
        assertThat(sum).isEqualTo(2f);
    }

    @Test
    void deltasAreSqueezeDetsOffsetsAndLogScales() {
        // a 40 x 40 box centred at (100, 44): the best IoU is anchor 1 (60 x 30) at cell (2, 6), centre (104, 40):
        // intersection 40 x 30, union 1600 + 1800 - 1200, IoU 0.545 (anchor 0 there: 0.25; anchor 1 at (2, 5): 0.504)
        float[] t = GRID.encode(List.of(new Detection(0, 1, 80, 24, 120, 64))).targets();
        int k = 1;
        int row = 2;
        int col = 6;
        assertThat(at(t, k, 4, row, col)).isEqualTo(1f);
        assertThat(at(t, k, 0, row, col)).isEqualTo((100f - 104f) / 60f, within(1e-6f));
        assertThat(at(t, k, 1, row, col)).isEqualTo((44f - 40f) / 30f, within(1e-6f));
        assertThat(at(t, k, 2, row, col)).isEqualTo((float) Math.log(40.0 / 60), within(1e-6f));
        assertThat(at(t, k, 3, row, col)).isEqualTo((float) Math.log(40.0 / 30), within(1e-6f));
    }

    @Test
    void twoBoxesNeverShareAnAnchor() {
        Detection a = new Detection(0, 1, 58, 25, 118, 55);
        ConvDetGrid.Encoded e = GRID.encode(List.of(a, a));
        assertThat(e.dropped()).isZero();
        int masks = 0;
        for (int k = 0; k < 3; k++) {
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 26; c++) {
                    masks += at(e.targets(), k, 4, r, c) > 0 ? 1 : 0;
                }
            }
        }
        assertThat(masks).isEqualTo(2);
    }

    @Test
    void aBoxOutsideTheImageIsDropped() {
        assertThat(GRID.encode(List.of(new Detection(0, 1, 500, 10, 600, 50))).dropped()).isEqualTo(1);
    }

    @Test
    void encodingThenDecodingAnIdealOutputGivesTheBoxesBack() {
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            List<Detection> truth = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                double w = 6 + random.nextInt(60);
                double h = 6 + random.nextInt(50);
                double cx = w / 2 + random.nextDouble() * (415 - w);   // inside 0..415, the pixel range
                double cy = h / 2 + random.nextDouble() * (127 - h);
                truth.add(new Detection(random.nextInt(3), 1, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2));
            }
            float[] targets = GRID.encode(truth).targets();
            List<Detection> decoded = GRID.decode(ideal(targets), 0.5);
            Comparator<Detection> order = Comparator.comparingDouble(Detection::left)
                    .thenComparingDouble(Detection::top).thenComparingDouble(Detection::right);
            List<Detection> a = truth.stream().sorted(order).toList();
            List<Detection> b = decoded.stream().sorted(order).toList();
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).classIndex()).isEqualTo(a.get(i).classIndex());
                assertThat(b.get(i).left()).isEqualTo(a.get(i).left(), within(1e-3));
                assertThat(b.get(i).top()).isEqualTo(a.get(i).top(), within(1e-3));
                assertThat(b.get(i).right()).isEqualTo(a.get(i).right(), within(1e-3));
                assertThat(b.get(i).bottom()).isEqualTo(a.get(i).bottom(), within(1e-3));
                assertThat(b.get(i).score()).isGreaterThan(0.99);
            }
        }
    }

    @Test
    void scoreIsConfidenceTimesTheBestClassProbabilityAndLowScoresAreDropped() {
        float[] out = new float[GRID.values()];
        java.util.Arrays.fill(out, -20f);   // every confidence near 0
        int k = 1;
        for (int c = 0; c < 4; c++) {
            out[GRID.index(k, c, 3, 5)] = 0;
        }
        out[GRID.index(k, 4, 3, 5)] = (float) Math.log(0.8 / 0.2);     // sigmoid = 0.8
        out[GRID.index(k, 5, 3, 5)] = (float) Math.log(0.1);
        out[GRID.index(k, 6, 3, 5)] = (float) Math.log(0.2);
        out[GRID.index(k, 7, 3, 5)] = (float) Math.log(0.7);
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
    void safeExpIsExpUpToOneThenItsTangent() {
        assertThat(ConvDetGrid.safeExp(0.5)).isEqualTo(Math.exp(0.5));
        assertThat(ConvDetGrid.safeExp(1)).isEqualTo(Math.E);
        assertThat(ConvDetGrid.safeExp(3)).isEqualTo(3 * Math.E, within(1e-12));
    }

    @Test
    void settingsMapBoxesBackToTheImageClipAndSuppress() {
        float[] out = ideal(GRID.encode(List.of(new Detection(0, 1, 100, 40, 160, 80))).targets());
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
     * What a perfect network outputs for {@code targets}: the deltas (a size delta beyond the safe exponential's
     * threshold as the value it linearly continues to), a sure confidence and class; nothing else.
     */
    static float[] ideal(float[] targets) {
        float[] out = new float[GRID.values()];
        for (int k = 0; k < 3; k++) {
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 26; c++) {
                    boolean object = targets[GRID.index(k, 4, r, c)] > 0;
                    out[GRID.index(k, 4, r, c)] = object ? 30f : -30f;
                    for (int ch = 0; ch < 2; ch++) {
                        out[GRID.index(k, ch, r, c)] = targets[GRID.index(k, ch, r, c)];
                    }
                    for (int ch = 2; ch < 4; ch++) {
                        // the value whose safe exponential is exp(target)
                        double t = targets[GRID.index(k, ch, r, c)];
                        out[GRID.index(k, ch, r, c)] = (float) (t <= ConvDetGrid.EXP_THRESHOLD ? t : Math.exp(t - 1));
                    }
                    for (int cls = 0; cls < 3; cls++) {
                        out[GRID.index(k, 5 + cls, r, c)] = targets[GRID.index(k, 5 + cls, r, c)] * 30f;
                    }
                }
            }
        }
        return out;
    }

    private static float at(float[] t, int k, int channel, int row, int col) {
        return t[GRID.index(k, channel, row, col)];
    }
}
