package org.cnnworkbench.engine.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParetoFrontTest {

    @Test
    void aPointThatCostsMoreAndScoresLessIsOffTheFront() {
        assertThat(ParetoFront.of(new double[] {100, 200, 300}, new double[] {0.80, 0.79, 0.85}))
                .containsExactly(0, 2);
    }

    @Test
    void theFrontIsSortedByCostAndKeepsEqualPointsButNotWeaklyBeatenOnes() {
        // 3 equals 1 on both (neither beats the other); 4 has 1's cost and less accuracy; 0 is the most accurate
        assertThat(ParetoFront.of(new double[] {500, 100, 300, 100, 100}, new double[] {0.9, 0.7, 0.8, 0.7, 0.6}))
                .containsExactly(1, 3, 2, 0);
    }

    @Test
    void untrainedPointsAreNeverOnTheFrontNorBeatOthers() {
        assertThat(ParetoFront.of(new double[] {50, 100, 200}, new double[] {Double.NaN, 0.7, 0.8}))
                .containsExactly(1, 2);
        assertThat(ParetoFront.of(new double[0], new double[0])).isEmpty();
        assertThatThrownBy(() -> ParetoFront.of(new double[1], new double[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
