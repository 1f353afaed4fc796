package org.cnnworkbench.engine.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
