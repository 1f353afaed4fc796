package org.cnnworkbench.engine.compression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one primitive layer (a convolution or fully connected node of the expanded spec, such as {@code conv1},
 * {@code fire2/expand3x3} or {@code fc6}) is to be compressed: pruned to a density, its kept weights quantized
 * to shared values, and their positions stored as relative indices (docs/compression.md, "Analytic size").
 *
 * <p>The record holds whatever it is given, so that a plan read from a file can list every problem at once;
 * {@link #problems()} says what is out of range.
 *
 * <pre>{@code
 * LayerPlan fc6 = new LayerPlan("fc6", 0.09, 5, 4);   // Deep Compression, Table 4
 * LayerPlan dense = LayerPlan.float32("conv1");        // kept as it is
 * fc6.withDensity(0.2).problems();                     // []
 * }</pre>
 *
 * @param layer   node id in the expanded spec
 * @param density fraction of the weights kept after pruning, in (0, 1]
 * @param bits    bits of a shared-weight index, {@value #MIN_BITS}..{@value #MAX_INDEX_BITS}, or {@value #FLOAT32}
 *                for weights stored as 32-bit floats (no quantization)
 * @param gapBits width of the relative-index (gap) field, {@value #MIN_BITS}..{@value #MAX_GAP_BITS}; unused when
 *                the density is 1
 */
public record LayerPlan(String layer, double density, int bits, int gapBits) {

    /** {@link #bits()} of a layer whose kept weights stay 32-bit floats. */
    public static final int FLOAT32 = 32;
    public static final int MIN_BITS = 1;
    public static final int MAX_INDEX_BITS = 16;
    public static final int MAX_GAP_BITS = 16;

    public LayerPlan {
        Objects.requireNonNull(layer, "layer");
    }

    /** A layer stored dense at 32 bits: density 1, no quantization. */
    public static LayerPlan float32(String layer) {
        return new LayerPlan(layer, 1.0, FLOAT32, CompressionDefaults.GAP_BITS);
    }

    /** Whether the kept weights are indices into a codebook of 2^bits shared values. */
    public boolean quantized() {
        return bits != FLOAT32;
    }

    /** Whether weights are pruned, so that positions are stored as a gap stream. */
    public boolean sparse() {
        return density < 1.0;
    }

    public LayerPlan withDensity(double newDensity) {
        return new LayerPlan(layer, newDensity, bits, gapBits);
    }

    public LayerPlan withBits(int newBits) {
        return new LayerPlan(layer, density, newBits, gapBits);
    }

    public LayerPlan withGapBits(int newGapBits) {
        return new LayerPlan(layer, density, bits, newGapBits);
    }

    /** What is out of range, one sentence each; empty when the plan is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!(density > 0 && density <= 1)) {
            problems.add("density " + density + " is outside (0, 1]: it is the fraction of weights kept, e.g. 0.35"
                    + " for 35%; 1 keeps every weight");
        }
        if (bits != FLOAT32 && (bits < MIN_BITS || bits > MAX_INDEX_BITS)) {
            problems.add("bits " + bits + " is outside " + MIN_BITS + ".." + MAX_INDEX_BITS + " (the width of a"
                    + " shared-weight index) and is not " + FLOAT32 + " (weights kept as 32-bit floats)");
        }
        if (gapBits < MIN_BITS || gapBits > MAX_GAP_BITS) {
            problems.add("gapBits " + gapBits + " is outside " + MIN_BITS + ".." + MAX_GAP_BITS
                    + " (the width of the relative index; the default is " + CompressionDefaults.GAP_BITS + ")");
        }
        return problems;
    }
}
