package org.cnnworkbench.engine.compression;

import java.util.Objects;

/**
 * One named tensor of a {@link CompressedModel}, dense, with how it is (or was) stored.
 *
 * <ul>
 *   <li>{@link Encoding#RAW}: every value as float32 ({@code kept} and {@code codebook} are null, bits 32).</li>
 *   <li>{@link Encoding#SPARSE}: only the kept values, located by relative indices (gaps of {@code gapBits}
 *       bits with fillers, see {@link SparseIndexCoding}); each kept value stored as float32 ({@code bits} 32,
 *       {@code codebook} null) or as a {@code bits}-bit index into {@code codebook}. {@code kept == null} means
 *       every value is kept (a quantised dense tensor): then no gaps are stored and {@code gapBits} is 0.</li>
 * </ul>
 *
 * <p>Values at pruned positions are not stored: they read back as 0. Kept values of a quantised tensor must be
 * codebook entries with exactly the same float bits. {@code gapBits == 0} on a tensor to write with gaps means
 * "choose the smallest"; a tensor read from a file carries the width that was used. Arrays are not copied:
 * records of arrays compare by identity.
 *
 * <pre>{@code
 * Tensor b = Tensor.raw("conv1/b", new long[] {64}, bias);
 * Tensor w = Tensor.of("conv1/W", new long[] {64, 3, 3, 3}, weights, keptMaskOrNull, codebookOrNull);
 * }</pre>
 *
 * @param name     unique in the model, 1..{@value CompressedModelFile#MAX_NAME_BYTES} bytes of UTF-8
 * @param shape    1..8 dimensions, each at least 1, with at most {@link Integer#MAX_VALUE} values in all
 * @param values   the dense values, flattened in the caller's order
 * @param kept     SPARSE: which values are kept, null = all; RAW: null
 * @param codebook SPARSE with bits 1..16: the shared values (at most 2^bits); otherwise null
 * @param bits     32 (float32 values) or 1..16 (codebook indices)
 * @param gapBits  SPARSE with a mask: 1..16, or 0 to let the writer choose; otherwise 0
 */
public record Tensor(String name, long[] shape, Encoding encoding, float[] values, boolean[] kept,
        float[] codebook, int bits, int gapBits) {

    /** How a tensor's values are stored. */
    public enum Encoding { RAW, SPARSE }

    /** The largest number of dimensions. */
    public static final int MAX_RANK = 8;

    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(values, "values");
        long count = count(shape);
        if (count != values.length) {
            throw new IllegalArgumentException(name + ": the shape holds " + count + " values, got "
                    + values.length);
        }
        if (kept != null && kept.length != values.length) {
            throw new IllegalArgumentException(name + ": a mask of " + kept.length + " for " + values.length
                    + " values");
        }
        if (encoding == Encoding.RAW && (kept != null || codebook != null || bits != 32 || gapBits != 0)) {
            throw new IllegalArgumentException(name + ": a RAW tensor has no mask, codebook or gap width, bits 32");
        }
        if (encoding == Encoding.SPARSE) {
            if (bits == 32 ? codebook != null : bits < 1 || bits > 16 || codebook == null) {
                throw new IllegalArgumentException(name + ": bits must be 32 without a codebook or 1..16 with one,"
                        + " got " + bits + (codebook == null ? " without" : " with") + " a codebook");
            }
            if (codebook != null && codebook.length > 1 << bits) {
                throw new IllegalArgumentException(name + ": " + codebook.length + " codebook entries do not fit "
                        + bits + "-bit indices");
            }
            if (kept == null ? gapBits != 0 : gapBits < 0 || gapBits > SparseIndexCoding.MAX_GAP_BITS) {
                throw new IllegalArgumentException(name + ": gap bits must be 0 (choose) or 1.."
                        + SparseIndexCoding.MAX_GAP_BITS + " with a mask and 0 without one, got " + gapBits);
            }
        }
    }

    /** A tensor stored as float32 values. */
    public static Tensor raw(String name, long[] shape, float[] values) {
        return new Tensor(name, shape, Encoding.RAW, values, null, null, 32, 0);
    }

    /**
     * The usual call: RAW when both {@code kept} and {@code codebook} are null; otherwise SPARSE with float32
     * values (no codebook) or the fewest index bits that hold the codebook, and the gap width chosen by the
     * writer.
     */
    public static Tensor of(String name, long[] shape, float[] values, boolean[] kept, float[] codebook) {
        if (kept == null && codebook == null) {
            return raw(name, shape, values);
        }
        return new Tensor(name, shape, Encoding.SPARSE, values, kept, codebook,
                codebook == null ? 32 : bitsFor(codebook.length), 0);
    }

    /** This tensor with another gap width (1..16; 0 = writer's choice). */
    public Tensor withGapBits(int newGapBits) {
        return new Tensor(name, shape, encoding, values, kept, codebook, bits, newGapBits);
    }

    /** This tensor with another index width, at least {@link #bitsFor} of the codebook. */
    public Tensor withBits(int newBits) {
        return new Tensor(name, shape, encoding, values, kept, codebook, newBits, gapBits);
    }

    /** The smallest index width (at least 1) for a codebook of {@code entries} values. */
    public static int bitsFor(int entries) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(0, entries - 1)));
    }

    /** Whether value {@code i} is kept (always, for RAW and mask-free tensors). */
    public boolean isKept(int i) {
        return kept == null || kept[i];
    }

    /** The number of kept values. */
    public int keptCount() {
        return kept == null ? values.length : MagnitudePruning.count(kept);
    }

    /** The number of values the shape holds; refuses a rank outside 1..8, a dimension below 1 or an overflow. */
    public static long count(long[] shape) {
        if (shape.length < 1 || shape.length > MAX_RANK) {
            throw new IllegalArgumentException("a shape has 1.." + MAX_RANK + " dimensions, got " + shape.length);
        }
        long count = 1;
        for (long d : shape) {
            if (d < 1 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("dimension " + d + " is outside 1.." + Integer.MAX_VALUE);
            }
            count *= d;
            if (count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the shape holds more than " + Integer.MAX_VALUE + " values");
            }
        }
        return count;
    }
}
