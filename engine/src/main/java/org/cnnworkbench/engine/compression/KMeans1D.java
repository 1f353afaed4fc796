package org.cnnworkbench.engine.compression;

import java.util.Arrays;

/**
 * Weight sharing (Deep Compression, step 2): one-dimensional k-means over a layer's kept weights into
 * {@code k = 2^bits} shared values, so that each weight is stored as a {@code bits}-bit index into a codebook.
 *
 * <p>Centroids start evenly spaced over [min, max] of the values (linear initialisation, which Deep Compression
 * found to keep the rare large weights best), then Lloyd iterations run until no assignment changes or
 * {@code maxIterations} is reached. Everything is deterministic: equidistant values go to the smaller centroid.
 * A centroid that no value is nearest to keeps its place (it stays in the codebook unused). When the values have
 * at most k distinct values, the codebook is exactly those values, ascending (k is reduced to their count and
 * the quantisation is lossless). The returned centroids are ascending.
 *
 * <pre>{@code
 * KMeans1D.Codebook cb = KMeans1D.cluster(keptWeights, 4);          // 16 shared values
 * float shared = cb.centroids()[cb.assignment()[i]];
 * float[] step = KMeans1D.centroidGradients(keptGradients, cb.assignment(), cb.centroids().length);
 * }</pre>
 */
public final class KMeans1D {

    /** The default limit on Lloyd iterations. */
    public static final int DEFAULT_MAX_ITERATIONS = 100;

    private KMeans1D() {
    }

    /**
     * The shared values and, per input value, the index of its centroid.
     *
     * @param centroids  ascending; at most 2^bits of them
     * @param assignment one index into {@code centroids} per clustered value
     */
    public record Codebook(float[] centroids, int[] assignment) {

        /** The quantised values: {@code centroids[assignment[i]]}. */
        public float[] quantized() {
            float[] out = new float[assignment.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = centroids[assignment[i]];
            }
            return out;
        }
    }

    /** {@link #cluster(float[], int, int)} with {@link #DEFAULT_MAX_ITERATIONS}. */
    public static Codebook cluster(float[] values, int bits) {
        return cluster(values, bits, DEFAULT_MAX_ITERATIONS);
    }

    /**
     * Clusters {@code values} into at most {@code 2^bits} centroids.
     *
     * @param bits 1..16
     * @throws IllegalArgumentException for NaN or infinite values, or bits outside 1..16
     */
    public static Codebook cluster(float[] values, int bits, int maxIterations) {
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("bits must be in 1..16, got " + bits);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + i + " is " + values[i] + ": k-means needs finite values");
            }
        }
        int k = 1 << bits;
        float[] distinct = distinctAscending(values);
        if (distinct.length <= k) {
            return new Codebook(distinct, assign(values, distinct));
        }
        float min = distinct[0];
        float max = distinct[distinct.length - 1];
        float[] centroids = linearInit(min, max, k);
        int[] assignment = assign(values, centroids);
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (int i = 0; i < values.length; i++) {
                sum[assignment[i]] += values[i];
                count[assignment[i]]++;
            }
            for (int c = 0; c < k; c++) {
                if (count[c] > 0) {
                    centroids[c] = (float) (sum[c] / count[c]);
                }
            }
            int[] next = assign(values, centroids);
            boolean changed = !Arrays.equals(next, assignment);
            assignment = next;
            if (!changed) {
                break;
            }
        }
        return ascending(centroids, assignment);
    }

    /** {@code k} centroids evenly spaced over [min, max], both ends included (one centroid: the midpoint). */
    public static float[] linearInit(float min, float max, int k) {
        float[] c = new float[k];
        if (k == 1) {
            c[0] = (float) ((min + (double) max) / 2);
            return c;
        }
        double step = ((double) max - min) / (k - 1);
        for (int i = 0; i < k; i++) {
            c[i] = (float) (min + step * i);
        }
        c[k - 1] = max;
        return c;
    }

    /**
     * The gradient of each centroid for fine-tuning shared weights: the SUM of the gradients of the weights
     * assigned to it (Deep Compression, eq. 3). Unused centroids get 0.
     */
    public static float[] centroidGradients(float[] weightGradients, int[] assignment, int k) {
        if (weightGradients.length != assignment.length) {
            throw new IllegalArgumentException(weightGradients.length + " gradients for " + assignment.length
                    + " assigned weights");
        }
        double[] sum = new double[k];
        for (int i = 0; i < assignment.length; i++) {
            sum[assignment[i]] += weightGradients[i];
        }
        float[] out = new float[k];
        for (int c = 0; c < k; c++) {
            out[c] = (float) sum[c];
        }
        return out;
    }

    /** Nearest centroid per value, found by binary search over the centroids in ascending order. */
    static int[] assign(float[] values, float[] centroids) {
        int k = centroids.length;
        Integer[] boxed = new Integer[k];
        for (int c = 0; c < k; c++) {
            boxed[c] = c;
        }
        // sort by value, then index, so that equal centroids resolve to the lower index
        Arrays.sort(boxed, (a, b) -> centroids[a] != centroids[b]
                ? Float.compare(centroids[a], centroids[b]) : Integer.compare(a, b));
        float[] sorted = new float[k];
        for (int c = 0; c < k; c++) {
            sorted[c] = centroids[boxed[c]];
        }
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            int pos = Arrays.binarySearch(sorted, v);
            int best;
            if (pos >= 0) {
                best = pos;
                while (best > 0 && sorted[best - 1] == v) {
                    best--;
                }
            } else {
                int above = -pos - 1;
                if (above == 0) {
                    best = 0;
                } else if (above == k) {
                    best = k - 1;
                } else {
                    double below = (double) v - sorted[above - 1];
                    double up = (double) sorted[above] - v;
                    best = up < below ? above : above - 1;
                    while (best > 0 && sorted[best - 1] == sorted[best]) {
                        best--;
                    }
                }
            }
            out[i] = boxed[best];
        }
        return out;
    }

    private static float[] distinctAscending(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            // 0.0 and -0.0 are equal values; keep one
            if (n == 0 || sorted[i] != sorted[n - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    private static Codebook ascending(float[] centroids, int[] assignment) {
        int k = centroids.length;
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> centroids[a] != centroids[b]
                ? Float.compare(centroids[a], centroids[b]) : Integer.compare(a, b));
        float[] sorted = new float[k];
        int[] newIndex = new int[k];
        for (int c = 0; c < k; c++) {
            sorted[c] = centroids[order[c]];
            newIndex[order[c]] = c;
        }
        int[] remapped = new int[assignment.length];
        for (int i = 0; i < assignment.length; i++) {
            remapped[i] = newIndex[assignment[i]];
        }
        return new Codebook(sorted, remapped);
    }
}
