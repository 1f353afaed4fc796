package org.cnnworkbench.engine.compression;

/**
 * Relative indices of a sparse tensor (Deep Compression, section 2): the positions of the kept weights are
 * stored as gaps of a fixed width of {@code g} bits, with FILLER symbols when a gap does not fit.
 *
 * <p>The rule (also in docs/compressed-format.md): positions {@code p_1 < p_2 < ...} of the kept weights in the
 * flattened tensor; a cursor starts at -1; {@code M = 2^g - 1}. To reach the next kept weight at {@code p}, with
 * {@code s = p - cursor - 1} zeros to skip: while {@code s >= M} emit the filler symbol {@code M} (cursor += M;
 * the position it lands on holds a zero and has no weight index), s -= M; then emit {@code s} and set
 * cursor = p. Decoding: a symbol {@code d == M} moves the cursor by M; any other moves it by d + 1 onto the next
 * kept weight. Zeros after the last kept weight need no symbols.
 *
 * <pre>{@code
 * SparseIndexCoding.Gaps gaps = SparseIndexCoding.encode(mask, 4);
 * int[] kept = SparseIndexCoding.positions(gaps.symbols(), 4, mask.length);
 * }</pre>
 */
public final class SparseIndexCoding {

    /** The widest gap field. */
    public static final int MAX_GAP_BITS = 16;

    private SparseIndexCoding() {
    }

    /**
     * The gap symbols and how many of them are fillers.
     *
     * @param symbols each in 0..2^g-1; the value 2^g-1 is a filler
     * @param fillers the number of filler symbols among them
     */
    public record Gaps(int[] symbols, int fillers) {
    }

    /** The gap symbols of the kept positions of {@code mask}. */
    public static Gaps encode(boolean[] mask, int gapBits) {
        int filler = fillerSymbol(gapBits);
        int kept = 0;
        for (boolean b : mask) {
            if (b) {
                kept++;
            }
        }
        int count = symbolCount(mask, gapBits);
        int[] symbols = new int[count];
        int n = 0;
        int cursor = -1;
        for (int p = 0; p < mask.length; p++) {
            if (mask[p]) {
                int s = p - cursor - 1;
                while (s >= filler) {
                    symbols[n++] = filler;
                    s -= filler;
                }
                symbols[n++] = s;
                cursor = p;
            }
        }
        return new Gaps(symbols, count - kept);
    }

    /** The number of gap symbols {@link #encode} produces, without producing them. */
    public static int symbolCount(boolean[] mask, int gapBits) {
        int filler = fillerSymbol(gapBits);
        int count = 0;
        int cursor = -1;
        for (int p = 0; p < mask.length; p++) {
            if (mask[p]) {
                count += (p - cursor - 1) / filler + 1;
                cursor = p;
            }
        }
        return count;
    }

    /**
     * Per symbol value, how often {@link #encode} emits it (length 2^g): what a Huffman code of the gaps is
     * built from, without materialising the symbols.
     */
    public static long[] histogram(boolean[] mask, int gapBits) {
        int filler = fillerSymbol(gapBits);
        long[] counts = new long[filler + 1];
        int cursor = -1;
        for (int p = 0; p < mask.length; p++) {
            if (mask[p]) {
                int s = p - cursor - 1;
                counts[filler] += s / filler;
                counts[s % filler]++;
                cursor = p;
            }
        }
        return counts;
    }

    /**
     * The kept positions that {@code symbols} describe in a tensor of {@code length} entries, ascending.
     *
     * @throws IllegalArgumentException when a symbol is outside 0..2^g-1 or a position falls outside the tensor
     */
    public static int[] positions(int[] symbols, int gapBits, int length) {
        int filler = fillerSymbol(gapBits);
        int kept = 0;
        for (int d : symbols) {
            if (d < 0 || d > filler) {
                throw new IllegalArgumentException("gap symbol " + d + " is outside 0.." + filler);
            }
            if (d != filler) {
                kept++;
            }
        }
        int[] positions = new int[kept];
        int n = 0;
        long cursor = -1;
        for (int i = 0; i < symbols.length; i++) {
            int d = symbols[i];
            cursor += d == filler ? filler : d + 1L;
            if (cursor >= length) {
                throw new IllegalArgumentException("gap symbol " + i + " reaches position " + cursor
                        + ", outside the tensor's " + length + " entries");
            }
            if (d != filler) {
                positions[n++] = (int) cursor;
            }
        }
        return positions;
    }

    /** The filler symbol {@code 2^g - 1} for g in 1..{@link #MAX_GAP_BITS}. */
    public static int fillerSymbol(int gapBits) {
        if (gapBits < 1 || gapBits > MAX_GAP_BITS) {
            throw new IllegalArgumentException("gap bits must be in 1.." + MAX_GAP_BITS + ", got " + gapBits);
        }
        return (1 << gapBits) - 1;
    }
}
