package org.cnnworkbench.engine.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LowRankTest {

    // diag(3, 2, 1) embedded in a 3 x 4 matrix: singular values 3, 2, 1
    private static final float[] DIAGONAL = {
        3, 0, 0, 0,
        0, 2, 0, 0,
        0, 0, 1, 0,
    };

    @Test
    void singularValuesOfADiagonalMatrixAreItsDiagonalDescending() {
        LowRank.Factors f = LowRank.factor(DIAGONAL, 3, 4, 3);

        assertThat(f.singularValues()).containsExactly(new double[] {3, 2, 1}, within(1e-12));
        assertThat(f.left()).hasSize(3 * 3);
        assertThat(f.right()).hasSize(3 * 4);
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "3"})
    void squaredErrorIsTheSumOfTheDroppedSquaredSingularValues(int rank) {
        Random random = new Random(7);
        float[] m = new float[5 * 4];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) random.nextGaussian();
        }
        LowRank.Factors f = LowRank.factor(m, 5, 4, rank);
        float[] approx = f.reconstruct();

        double error = 0;
        for (int i = 0; i < m.length; i++) {
            error += Math.pow(m[i] - approx[i], 2);
        }
        assertThat(error).isCloseTo(LowRank.droppedEnergy(f.singularValues(), rank), within(1e-5));
    }

    @Test
    void aRankTwoMatrixIsReconstructedAtRankTwo() {
        // outer products a1·b1^T + a2·b2^T: rank 2 exactly
        float[] a1 = {1, 2, 3, 4};
        float[] b1 = {1, 0, -1, 2, 1};
        float[] a2 = {0, 1, 0, -1};
        float[] b2 = {2, 2, 1, 0, -3};
        float[] m = new float[4 * 5];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                m[i * 5 + j] = a1[i] * b1[j] + a2[i] * b2[j];
            }
        }
        LowRank.Factors f = LowRank.factor(m, 4, 5, 2);

        float[] approx = f.reconstruct();
        for (int i = 0; i < m.length; i++) {
            assertThat(approx[i]).isCloseTo(m[i], within(1e-4f));
        }
        assertThat(LowRank.droppedEnergy(f.singularValues(), 2)).isLessThan(1e-10);
    }

    @Test
    void wideAndTallMatricesFactorTheSameWay() {
        float[] tall = {1, 2, 3, 4, 5, 6};  // 3 x 2
        LowRank.Factors f = LowRank.factor(tall, 3, 2, 2);
        float[] approx = f.reconstruct();
        for (int i = 0; i < tall.length; i++) {
            assertThat(approx[i]).isCloseTo(tall[i], within(1e-5f));
        }
    }

    @Test
    void rankForEnergyOnAHandExample() {
        // energies 16, 9, 4, 1 of 30: cumulative 16/30 = .533, 25/30 = .833, 29/30 = .967, 1
        double[] s = {4, 3, 2, 1};

        assertThat(LowRank.rankForEnergy(s, 0.5)).isEqualTo(1);
        assertThat(LowRank.rankForEnergy(s, 0.6)).isEqualTo(2);
        assertThat(LowRank.rankForEnergy(s, 25.0 / 30)).isEqualTo(2);
        assertThat(LowRank.rankForEnergy(s, 0.9)).isEqualTo(3);
        assertThat(LowRank.rankForEnergy(s, 1.0)).isEqualTo(4);
        assertThat(LowRank.rankForEnergy(new double[] {0, 0}, 0.9)).isZero();
        assertThat(LowRank.keptEnergy(s, 2)).isCloseTo(25.0 / 30, within(1e-12));
        assertThat(LowRank.droppedEnergy(s, 2)).isEqualTo(5.0);
    }

    @Test
    void savesWhenTheFactorsHoldFewerValues() {
        assertThat(LowRank.saves(100, 100, 49)).isTrue();   // 9,800 < 10,000
        assertThat(LowRank.saves(100, 100, 50)).isFalse();  // 10,000 = 10,000
        assertThat(LowRank.saves(4096, 4096, 2047)).isTrue();
    }

    @Test
    void refusesMismatchedSizesAndRanks() {
        assertThatThrownBy(() -> LowRank.factor(DIAGONAL, 3, 3, 1)).hasMessageContaining("needs 9 values");
        assertThatThrownBy(() -> LowRank.factor(DIAGONAL, 3, 4, 4)).hasMessageContaining("outside 1..3");
        assertThatThrownBy(() -> LowRank.rankForEnergy(new double[] {1}, 0)).hasMessageContaining("(0, 1]");
    }
}
