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

    /**
     * The density of step {@code step} of {@code steps} of iterative pruning towards {@code target}:
     * {@code target^(step / steps)}, so every step keeps the same fraction of the weights the step before kept
     * (with 3 steps to 0.1: 0.464, 0.215, 0.1), and the last step is exactly {@code target}. One step is one-shot
     * pruning.
     *
     * @throws IllegalArgumentException for a target outside (0, 1] or a step outside 1..steps
     */
    public static double stepDensity(double target, int step, int steps) {
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("density (the fraction kept) must be in (0, 1], got " + target);
        }
        if (steps < 1 || step < 1 || step > steps) {
            throw new IllegalArgumentException("pruning step " + step + " of " + steps + " does not exist");
        }
        return step == steps ? target : Math.pow(target, (double) step / steps);
    }

    /**
     * A mask for a layer already pruned to {@code kept}: exactly {@code keptCount(weights.length, density)}
     * weights, all among the kept ones (a weight once pruned stays pruned), those of largest |w|; a kept weight
     * that happens to be zero ranks above every pruned one. With {@code kept == null}, {@link #mask(float[], double)}.
     *
     * @throws IllegalArgumentException if {@code density} would keep more weights than {@code kept} does
     */
    public static boolean[] mask(float[] weights, boolean[] kept, double density) {
        if (kept == null) {
            return mask(weights, density);
        }
        if (kept.length != weights.length) {
            throw new IllegalArgumentException(kept.length + " mask entries for " + weights.length + " weights");
        }
        if (keptCount(weights.length, density) > count(kept)) {
            throw new IllegalArgumentException("density " + density + " keeps more weights than the "
                    + count(kept) + " still kept: pruning only removes weights");
        }
        float[] ranked = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            ranked[i] = !kept[i] ? 0f : weights[i] == 0f ? Float.MIN_VALUE : weights[i];
        }
        return mask(ranked, density);
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
