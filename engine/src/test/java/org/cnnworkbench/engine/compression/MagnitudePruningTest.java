package org.cnnworkbench.engine.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class MagnitudePruningTest {

    @Test
    void keepsTheLargestMagnitudesWithTiesToTheLowerIndex() {
        float[] w = {0.1f, -3f, 2f, -2f, 0f, 2f, 0.5f};

        boolean[] mask = MagnitudePruning.mask(w, 3.0 / 7);

        // |w| = 3, then three 2s: indices 2 and 3 win over 5
        assertThat(mask).containsExactly(false, true, true, true, false, false, false);
    }

    @Test
    void keptCountRoundsAndKeepsAtLeastOne() {
        assertThat(MagnitudePruning.keptCount(10, 0.25)).isEqualTo(3);   // 2.5 rounds up
        assertThat(MagnitudePruning.keptCount(10, 0.01)).isEqualTo(1);
        assertThat(MagnitudePruning.keptCount(10, 1.0)).isEqualTo(10);
        assertThat(MagnitudePruning.keptCount(0, 0.5)).isZero();
        assertThatThrownBy(() -> MagnitudePruning.keptCount(10, 0)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> MagnitudePruning.mask(new float[] {Float.NaN}, 0.5)).hasMessageContaining("NaN");
    }

    @Property(tries = 200)
    void keepsExactlyTheCountAndEveryKeptWeightIsAtLeastAsLargeAsEveryPrunedOne(
            @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @DoubleRange(min = 0.001, max = 1) @Scale(3) double density,
            @ForAll long seed) {
        Random random = new Random(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            // few distinct magnitudes, so ties are common
            w[i] = (random.nextInt(9) - 4) * 0.5f;
        }
        boolean[] mask = MagnitudePruning.mask(w, density);

        assertThat(MagnitudePruning.count(mask)).isEqualTo(MagnitudePruning.keptCount(n, density));
        float smallestKept = Float.MAX_VALUE;
        float largestPruned = -1;
        for (int i = 0; i < n; i++) {
            if (mask[i]) {
                smallestKept = Math.min(smallestKept, Math.abs(w[i]));
            } else {
                largestPruned = Math.max(largestPruned, Math.abs(w[i]));
            }
        }
        assertThat(smallestKept).isGreaterThanOrEqualTo(largestPruned);
        // ties: a pruned weight of the kept threshold magnitude never precedes a kept one of that magnitude
        int lastKeptAtThreshold = -1;
        int firstPrunedAtThreshold = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            if (Math.abs(w[i]) == smallestKept) {
                if (mask[i]) {
                    lastKeptAtThreshold = i;
                } else {
                    firstPrunedAtThreshold = Math.min(firstPrunedAtThreshold, i);
                }
            }
        }
        assertThat(lastKeptAtThreshold).isLessThan(firstPrunedAtThreshold);
        assertThat(MagnitudePruning.mask(w.clone(), density)).isEqualTo(mask);
    }

    @Test
    void iterativeStepsKeepTheSameFractionEachStepAndEndExactlyAtTheTarget() {
        assertThat(MagnitudePruning.stepDensity(0.1, 1, 3)).isCloseTo(0.46416, within(1e-5));
        assertThat(MagnitudePruning.stepDensity(0.1, 2, 3)).isCloseTo(0.21544, within(1e-5));
        assertThat(MagnitudePruning.stepDensity(0.1, 3, 3)).isEqualTo(0.1);
        assertThat(MagnitudePruning.stepDensity(0.35, 1, 1)).isEqualTo(0.35);   // one step: one-shot
        assertThatThrownBy(() -> MagnitudePruning.stepDensity(0.5, 3, 2)).hasMessageContaining("step 3 of 2");
        assertThatThrownBy(() -> MagnitudePruning.stepDensity(0, 1, 2)).hasMessageContaining("(0, 1]");
    }

    @Test
    void pruningFurtherKeepsOnlyWeightsStillKeptAndRanksAKeptZeroAbovePrunedOnes() {
        //               0     1    2     3    4    5    6     7
        float[] w = {0.9f, 0f, 0f, -0.2f, 0f, 5f, 0f, 0.05f};
        boolean[] kept = {true, false, true, true, false, false, true, true};   // 5 still kept, two of them 0
        // weight 5 (|5|) was pruned: pruning further never brings it back
        boolean[] four = MagnitudePruning.mask(w, kept, 0.5);
        assertThat(four).containsExactly(true, false, true, true, false, false, false, true);
        // 3 of 8: 0.9, -0.2, 0.05
        boolean[] three = MagnitudePruning.mask(w, kept, 3 / 8.0);
        assertThat(three).containsExactly(true, false, false, true, false, false, false, true);
        assertThat(MagnitudePruning.mask(w, null, 0.25)).containsExactly(true, false, false, false, false, true,
                false, false);
        assertThatThrownBy(() -> MagnitudePruning.mask(w, kept, 0.75)).hasMessageContaining("only removes");
    }
}
