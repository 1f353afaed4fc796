package org.cnnworkbench.engine.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.cnnworkbench.engine.compression.CompressedSizeEstimate.LayerSize;
import org.cnnworkbench.engine.compression.PlanSelection.Curve;
import org.cnnworkbench.engine.compression.PlanSelection.Point;
import org.cnnworkbench.engine.compression.PlanSelection.Result;
import org.junit.jupiter.api.Test;

class PlanSelectionTest {

    private static final long N = 100_000;
    private static final long FIXED = 1_000;

    /** A robust layer: pruning costs little. */
    private static final Curve ROBUST = new Curve("robust", N, 4, List.of(
            new Point(0.25, 8, 79.5), new Point(1.0, 8, 80.0), new Point(0.5, 8, 79.9)));
    /** A sensitive layer: pruning costs a lot. */
    private static final Curve SENSITIVE = new Curve("sensitive", N, 4, List.of(
            new Point(1.0, 8, 80.0), new Point(0.5, 8, 78.0), new Point(0.25, 8, 70.0)));

    private static long bytes(double density) {
        return LayerSize.of(N, new LayerPlan("x", density, 8, 4)).bytes();
    }

    private static double density(Result r, String layer) {
        return r.plan().layer(layer).orElseThrow().density();
    }

    @Test
    void maxLossTakesTheSmallestDensityWithinTheLossPerLayer() {
        Result r = PlanSelection.forMaxLoss(80.0, List.of(ROBUST, SENSITIVE), 2.0, FIXED);

        assertThat(density(r, "robust")).isEqualTo(0.25);
        assertThat(density(r, "sensitive")).isEqualTo(0.5);
        assertThat(r.estimatedBytes()).isEqualTo(FIXED + bytes(0.25) + bytes(0.5));
        assertThat(r.summedLoss()).isCloseTo(2.5, within(1e-9));
        assertThat(r.reached()).isTrue();
    }

    @Test
    void maxLossKeepsALayerDenseWhenNoMeasuredSettingIsWithinTheLoss() {
        Curve fragile = new Curve("fragile", N, 4, List.of(new Point(0.5, 8, 75.0), new Point(0.9, 8, 78.0)));

        Result r = PlanSelection.forMaxLoss(80.0, List.of(fragile), 1.0, FIXED);

        assertThat(r.plan().layer("fragile").orElseThrow()).isEqualTo(new LayerPlan("fragile", 1.0, 32, 4));
        assertThat(r.estimatedBytes()).isEqualTo(FIXED + 4 * N);
        assertThat(r.message()).contains("no measured setting of fragile is within the loss");
    }

    @Test
    void maxLossOnABitsCurveTakesTheFewestBitsWithinTheLoss() {
        Curve bits = new Curve("fc", N, 4, List.of(new Point(0.1, 8, 80.0), new Point(0.1, 5, 79.6),
                new Point(0.1, 4, 79.0), new Point(0.1, 2, 60.0)));

        Result r = PlanSelection.forMaxLoss(80.0, List.of(bits), 1.0, FIXED);

        assertThat(r.plan().layer("fc").orElseThrow().bits()).isEqualTo(4);
    }

    @Test
    void targetSizePrunesTheLayerThatLosesLeastPerByteFirst() {
        // Both layers at 0.5 save the same bytes; the robust one loses 0.1 points for them, the sensitive one 2.
        long target = FIXED + bytes(0.25) + bytes(1.0);

        Result r = PlanSelection.forTargetSize(80.0, List.of(ROBUST, SENSITIVE), FIXED, target);

        assertThat(density(r, "robust")).isEqualTo(0.25);
        assertThat(density(r, "sensitive")).isEqualTo(1.0);
        assertThat(r.reached()).isTrue();
        assertThat(r.estimatedBytes()).isEqualTo(target);
        assertThat(r.summedLoss()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void targetSizeMovesTheSensitiveLayerOnlyWhenTheRobustOneIsExhausted() {
        long target = FIXED + bytes(0.25) + bytes(0.5);

        Result r = PlanSelection.forTargetSize(80.0, List.of(ROBUST, SENSITIVE), FIXED, target);

        assertThat(density(r, "robust")).isEqualTo(0.25);
        assertThat(density(r, "sensitive")).isEqualTo(0.5);
        assertThat(r.estimatedBytes()).isLessThanOrEqualTo(target);
    }

    @Test
    void targetAlreadyMetKeepsTheLargestCandidates() {
        Result r = PlanSelection.forTargetSize(80.0, List.of(ROBUST, SENSITIVE), FIXED, Long.MAX_VALUE);

        assertThat(density(r, "robust")).isEqualTo(1.0);
        assertThat(density(r, "sensitive")).isEqualTo(1.0);
        assertThat(r.summedLoss()).isZero();
    }

    @Test
    void unreachableTargetIsReportedWithTheSmallestSizeNotThrown() {
        Result r = PlanSelection.forTargetSize(80.0, List.of(ROBUST, SENSITIVE), FIXED, 10_000);

        assertThat(r.reached()).isFalse();
        assertThat(r.estimatedBytes()).isEqualTo(FIXED + 2 * bytes(0.25));
        assertThat(r.message()).startsWith("the target of 10,000 bytes cannot be reached");
    }

    @Test
    void selectionIsDeterministicAndTiesGoToTheEarlierLayer() {
        Curve a = new Curve("a", N, 4, List.of(new Point(1.0, 8, 80.0), new Point(0.5, 8, 79.0)));
        Curve b = new Curve("b", N, 4, List.of(new Point(1.0, 8, 80.0), new Point(0.5, 8, 79.0)));
        long target = FIXED + bytes(1.0) + bytes(0.5);

        Result first = PlanSelection.forTargetSize(80.0, List.of(a, b), FIXED, target);
        Result second = PlanSelection.forTargetSize(80.0, List.of(a, b), FIXED, target);

        assertThat(first).isEqualTo(second);
        assertThat(density(first, "a")).isEqualTo(0.5);
        assertThat(density(first, "b")).isEqualTo(1.0);
    }

    @Test
    void resultAppliedToDefaultsReplacesOnlyTheChosenLayers() {
        CompressionPlan defaults = CompressionDefaults.forSpec(Samples.sample("alexnet"));
        Curve fc6 = new Curve("fc6", 37_748_736, 4, List.of(new Point(0.05, 5, 57.0)));

        CompressionPlan plan = PlanSelection.forMaxLoss(57.2, List.of(fc6), 1.0, 0).applyTo(defaults);

        assertThat(plan.layer("fc6").orElseThrow().density()).isEqualTo(0.05);
        assertThat(plan.layer("fc7")).isEqualTo(defaults.layer("fc7"));
        assertThat(List.copyOf(plan.layers().keySet())).isEqualTo(List.copyOf(defaults.layers().keySet()));
    }
}
