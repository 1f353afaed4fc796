package org.cnnworkbench.engine.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeans1DTest {

    @Test
    void linearInitialisationSpacesCentroidsEvenlyOverTheRange() {
        assertThat(KMeans1D.linearInit(-1f, 2f, 4)).containsExactly(-1f, 0f, 1f, 2f);
        assertThat(KMeans1D.linearInit(0f, 1f, 5)).containsExactly(0f, 0.25f, 0.5f, 0.75f, 1f);
        assertThat(KMeans1D.linearInit(0f, 1f, 1)).containsExactly(0.5f);
    }

    @Test
    void threeClustersWithFourCentroidsConvergeToTheClusterMeansAndOneStaysUnused() {
        // around -1, 0 and 2; linear init over [-1.2, 2.2] puts centroids at -1.2, -0.067, 1.067, 2.2
        float[] values = {-1.2f, -1.0f, -0.8f, -0.1f, 0f, 0.1f, 1.8f, 2.0f, 2.2f, 2.0f};

        KMeans1D.Codebook cb = KMeans1D.cluster(values, 2);

        assertThat(cb.centroids()).hasSize(4);
        assertThat(cb.centroids()[0]).isCloseTo(-1f, within(1e-6f));
        assertThat(cb.centroids()[1]).isCloseTo(0f, within(1e-6f));
        assertThat(cb.centroids()[2]).isCloseTo((float) (-1.2 + 3.4 * 2 / 3), within(1e-6f));  // never moved
        assertThat(cb.centroids()[3]).isCloseTo(2f, within(1e-6f));
        assertThat(cb.assignment()).containsExactly(0, 0, 0, 1, 1, 1, 3, 3, 3, 3);
    }

    @Test
    void fewerDistinctValuesThanCentroidsGiveAnExactCodebook() {
        float[] values = {3f, -1f, 3f, 0.5f};

        KMeans1D.Codebook cb = KMeans1D.cluster(values, 4);

        assertThat(cb.centroids()).containsExactly(-1f, 0.5f, 3f);
        assertThat(cb.quantized()).containsExactly(values);
        assertThat(KMeans1D.cluster(new float[0], 2).centroids()).isEmpty();
    }

    @Test
    void clusteringIsDeterministicAndTheCentroidsAscend() {
        Random random = new Random(3);
        float[] values = new float[2000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        KMeans1D.Codebook a = KMeans1D.cluster(values, 3);
        KMeans1D.Codebook b = KMeans1D.cluster(values.clone(), 3);

        assertThat(a.centroids()).containsExactly(b.centroids());
        assertThat(a.assignment()).containsExactly(b.assignment());
        for (int c = 1; c < a.centroids().length; c++) {
            assertThat(a.centroids()[c]).isGreaterThan(a.centroids()[c - 1]);
        }
        // each value sits with its nearest centroid
        for (int i = 0; i < values.length; i++) {
            float mine = Math.abs(values[i] - a.centroids()[a.assignment()[i]]);
            for (float c : a.centroids()) {
                assertThat(mine).isLessThanOrEqualTo(Math.abs(values[i] - c));
            }
        }
    }

    @Test
    void centroidGradientIsTheSumOfItsWeightsGradients() {
        float[] gradients = {0.1f, -0.2f, 0.3f, 0.5f, -0.4f};
        int[] assignment = {2, 0, 2, 0, 1};

        float[] g = KMeans1D.centroidGradients(gradients, assignment, 4);

        assertThat(g[0]).isCloseTo(0.3f, within(1e-6f));
        assertThat(g[1]).isCloseTo(-0.4f, within(1e-6f));
        assertThat(g[2]).isCloseTo(0.4f, within(1e-6f));
        assertThat(g[3]).isZero();
    }

    @Test
    void refusesNonFiniteValuesAndBadBits() {
        assertThatThrownBy(() -> KMeans1D.cluster(new float[] {1, Float.NaN}, 2)).hasMessageContaining("finite");
        assertThatThrownBy(() -> KMeans1D.cluster(new float[] {1}, 0)).hasMessageContaining("1..16");
    }
}
