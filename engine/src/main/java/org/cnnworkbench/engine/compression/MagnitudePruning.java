package org.cnnworkbench.engine.compression;

import java.util.Arrays;

/**
 * Magnitude pruning of one layer (Deep Compression, step 1): keep the weights of largest absolute value.
 *
 * <pre>{@code
 * boolean[] kept = MagnitudePruning.mask(weights, 0.1);   // keep the 10 % largest |w|
 * }</pre>
 */
public final class MagnitudePruning {

    private MagnitudePruning() {
    }

    /**
     * How many of {@code n} weights density {@code d} keeps: {@code round(d * n)}, at least 1 when n > 0.
     *
     * @param density the fraction kept, in (0, 1]
     */
    public static int keptCount(int n, double density) {
        if (!(density > 0 && density <= 1)) {
            throw new IllegalArgumentException("density (the fraction kept) must be in (0, 1], got " + density);
        }
        if (n <= 0) {
            return 0;
        }
        long kept = Math.round(density * n);
        return (int) Math.max(1, Math.min(n, kept));
    }

    /**
     * A mask keeping exactly {@link #keptCount keptCount(weights.length, density)} weights: those of largest
     * |w|; among equal magnitudes the lower index wins, so the mask is deterministic. +0 and -0 are equal.
     *
     * @throws IllegalArgumentException for a NaN weight or a density outside (0, 1]
     */
    public static boolean[] mask(float[] weights, double density) {
        int n = weights.length;
        int kept = keptCount(n, density);
        // One primitive sort: high half |w|'s bits (monotonic for non-negative floats), low half the index
        // inverted so that, ascending, the lower index of equal magnitudes comes last, i.e. is taken first.
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(weights[i])) {
                throw new IllegalArgumentException("weight " + i + " is NaN: it has no magnitude to rank");
            }
            long magnitude = Float.floatToIntBits(weights[i]) & 0x7fffffffL;
            keys[i] = (magnitude << 32) | (0xffffffffL - i);
        }
        Arrays.sort(keys);
        boolean[] mask = new boolean[n];
        for (int j = n - 1; j >= n - kept; j--) {
            mask[(int) (0xffffffffL - (keys[j] & 0xffffffffL))] = true;
        }
        return mask;
    }

    /** The number of true entries. */
    public static int count(boolean[] mask) {
        int c = 0;
        for (boolean b : mask) {
            if (b) {
                c++;
            }
        }
        return c;
    }
}
