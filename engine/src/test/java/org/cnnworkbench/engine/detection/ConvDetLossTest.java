package org.cnnworkbench.engine.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.cnnworkbench.engine.data.kitti.KittiCheck;
import org.junit.jupiter.api.Test;

class ConvDetLossTest {

    private static final ConvDetGrid GRID = ConvDetGrid.of(3, 4, 48, 64,
            List.of(new KittiCheck.Anchor(12, 12), new KittiCheck.Anchor(30, 16)), 2);
    private static final List<Detection> TRUTH = List.of(new Detection(0, 1, 4, 6, 20, 22),
            new Detection(1, 1, 30, 20, 58, 38));

    @Test
    void aPerfectOutputCostsAlmostNothingAndAnEmptyOneCostsWhatTheFormulaSays() {
        float[] targets = GRID.encode(TRUTH).targets();
        float[] perfect = new float[GRID.values()];
        for (int k = 0; k < 2; k++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    boolean object = targets[GRID.index(k, 4, r, c)] > 0;
                    for (int ch = 0; ch < 4; ch++) {
                        perfect[GRID.index(k, ch, r, c)] = targets[GRID.index(k, ch, r, c)];
                    }
                    perfect[GRID.index(k, 4, r, c)] = object ? 40f : -40f;
                    for (int cls = 0; cls < 2; cls++) {
                        perfect[GRID.index(k, 5 + cls, r, c)] = targets[GRID.index(k, 5 + cls, r, c)] * 40f;
                    }
                }
            }
        }
        assertThat(ConvDetLoss.SQUEEZEDET.evaluate(GRID, perfect, targets, false).loss()).isLessThan(1e-6);
        // all zeros: confidence 0.5 everywhere, class probabilities 1/2, the deltas' squared targets
        float[] zeros = new float[GRID.values()];
        double deltas = 0;
        for (int k = 0; k < 2; k++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    if (targets[GRID.index(k, 4, r, c)] > 0) {
                        for (int ch = 0; ch < 4; ch++) {
                            double t = targets[GRID.index(k, ch, r, c)];
                            deltas += t * t;
                        }
                    }
                }
            }
        }
        double iouSum = 0;   // the IoU of each responsible anchor's own box (all-zero deltas) with its object
        for (int k = 0; k < 2; k++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    if (targets[GRID.index(k, 4, r, c)] > 0) {
                        double[] a = GRID.box(zeros, k, r, c);
                        double[] t = GRID.box(targets, k, r, c, true);
                        double iou = Detection.iou(a[0], a[1], a[2], a[3], t[0], t[1], t[2], t[3]);
                        iouSum += (0.5 - iou) * (0.5 - iou);
                    }
                }
            }
        }
        double expected = 5.0 / 2 * deltas + 75.0 / 2 * iouSum + 100.0 / 22 * 22 * 0.25 + 1.0 / 2 * 2 * Math.log(2);
        assertThat(ConvDetLoss.SQUEEZEDET.evaluate(GRID, zeros, targets, false).loss())
                .isEqualTo(expected, within(1e-9));
    }

    @Test
    void theGradientMatchesFiniteDifferences() {
        // the IoU target of a responsible anchor's confidence moves with its box but is held constant in the
        // gradient (as in SqueezeDet): its deltas are checked with that term's weight at zero
        checkGradient(ConvDetLoss.SQUEEZEDET, true);
        checkGradient(new ConvDetLoss(5, 0, 100, 1, ConvDetLoss.NO_NEIGHBOURS), false);
        checkGradient(ConvDetLoss.WORKBENCH, true);
        checkGradient(new ConvDetLoss(5, 0, 1000, 1, 0.3), false);
    }

    @Test
    void theNeighbourTermClassifiesTheOtherAnchorsOverAnObjectAndOnlyThose() {
        float[] targets = GRID.encode(TRUTH).targets();
        Random random = new Random(5);
        float[] out = new float[GRID.values()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (random.nextGaussian() * 0.5);
        }
        float[] squeezeDet = new ConvDetLoss(5, 75, 1000, 1, ConvDetLoss.NO_NEIGHBOURS)
                .evaluate(GRID, out, targets, true).gradient();
        ConvDetLoss.Result workbench = ConvDetLoss.WORKBENCH.evaluate(GRID, out, targets, true);
        double expectedExtra = 0;
        int neighbours = 0;
        for (int k = 0; k < 2; k++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    if (targets[GRID.index(k, 4, r, c)] > 0.5f) {
                        continue;
                    }
                    double[] box = GRID.box(out, k, r, c);
                    double best = 0;
                    int cls = -1;
                    for (Detection t : TRUTH) {
                        double iou = Detection.iou(box[0], box[1], box[2], box[3], t.left(), t.top(), t.right(),
                                t.bottom());
                        if (iou > best) {
                            best = iou;
                            cls = t.classIndex();
                        }
                    }
                    double[] p = new double[2];
                    GRID.softmax(out, k, r, c, p);
                    for (int j = 0; j < 2; j++) {
                        int at = GRID.index(k, 5 + j, r, c);
                        if (best >= 0.3) {
                            // cross-entropy towards the class of the object it overlaps most, weight 1 / N (N = 2)
                            assertThat((double) workbench.gradient()[at]).as("anchor %d at %d,%d", k, r, c)
                                    .isCloseTo(0.5 * (p[j] - (j == cls ? 1 : 0)), within(1e-6));
                        } else {
                            assertThat(workbench.gradient()[at]).isZero();
                        }
                    }
                    if (best >= 0.3) {
                        neighbours++;
                        expectedExtra -= 0.5 * Math.log(p[cls]);
                    }
                }
            }
        }
        assertThat(neighbours).as("anchors over an object besides the responsible ones").isGreaterThan(0);
        double without = new ConvDetLoss(5, 75, 1000, 1, ConvDetLoss.NO_NEIGHBOURS)
                .evaluate(GRID, out, targets, false).loss();
        assertThat(workbench.loss()).isCloseTo(without + expectedExtra, within(1e-9));
        // everything else is SqueezeDet's with the empty anchors weighted 1000
        for (int i = 0; i < out.length; i++) {
            int channel = i / (GRID.rows() * GRID.columns()) % GRID.channelsPerAnchor();
            if (channel < 5) {
                assertThat(workbench.gradient()[i]).as("value %d", i).isEqualTo(squeezeDet[i]);
            }
        }
    }

    @Test
    void badWeightsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConvDetLoss(5, 75, -1, 1, 0.3))
                .hasMessageContaining("negative -1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConvDetLoss(5, 75, 100, 1, 0))
                .hasMessageContaining("neighbour IoU");
    }

    private static void checkGradient(ConvDetLoss loss, boolean skipObjectDeltas) {
        float[] targets = GRID.encode(TRUTH).targets();
        Random random = new Random(11);
        float[] out = new float[GRID.values()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (random.nextGaussian() * 0.5);
        }
        float[] gradient = loss.evaluate(GRID, out, targets, true).gradient();
        int checked = 0;
        for (int i = 0; i < out.length; i++) {
            if (skipObjectDeltas && isDeltaOfAnObject(i, targets)) {
                continue;
            }
            float saved = out[i];
            double h = 1e-3;
            out[i] = (float) (saved + h);
            double up = loss.evaluate(GRID, out, targets, false).loss();
            out[i] = (float) (saved - h);
            double down = loss.evaluate(GRID, out, targets, false).loss();
            out[i] = saved;
            double numeric = (up - down) / (2 * h);
            assertThat((double) gradient[i]).as("value %d", i)
                    .isCloseTo(numeric, within(2e-3 + 1e-2 * Math.abs(numeric)));
            checked++;
        }
        assertThat(checked).isGreaterThan(GRID.values() / 2);
    }

    private static boolean isDeltaOfAnObject(int i, float[] targets) {
        int plane = GRID.rows() * GRID.columns();
        int channel = i / plane % GRID.channelsPerAnchor();
        int k = i / plane / GRID.channelsPerAnchor();
        return channel < 4 && targets[(k * GRID.channelsPerAnchor() + 4) * plane + i % plane] > 0;
    }
}
