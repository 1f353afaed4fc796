package org.cnnworkbench.engine.compression;

import java.io.EOFException;
import java.io.StreamCorruptedException;
import java.util.PriorityQueue;

/**
 * Canonical Huffman coding over the alphabet 0..n-1 (Deep Compression, step 3). A code is fully described by its
 * code lengths (0 = symbol unused), which is what a file stores; codes are assigned canonically as in DEFLATE
 * (RFC 1951, 3.2.2): shorter codes first, equal lengths in symbol order.
 *
 * <pre>{@code
 * int[] lengths = Huffman.codeLengths(frequencies);
 * Huffman.Encoder enc = new Huffman.Encoder(lengths);
 * BitWriter out = new BitWriter();
 * for (int s : symbols) enc.write(out, s);
 * Huffman.Decoder dec = new Huffman.Decoder(lengths);   // validates lengths read from a file
 * int first = dec.read(new BitReader(out.toByteArray()));
 * }</pre>
 */
public final class Huffman {

    /** The longest code this implementation writes or reads. */
    public static final int MAX_CODE_LENGTH = 24;

    private Huffman() {
    }

    /**
     * Huffman code lengths for the given symbol frequencies (0 = unused symbol, length 0). One used symbol gets
     * length 1; no used symbol gives all zeros. Lengths never exceed {@link #MAX_CODE_LENGTH}: if the optimal
     * tree is deeper, the frequencies are halved (used ones stay at least 1) and the tree rebuilt. Ties are
     * broken by the lower symbol, then the earlier merged node, so the result is deterministic.
     */
    public static int[] codeLengths(long[] frequencies) {
        long[] f = frequencies.clone();
        for (long x : f) {
            if (x < 0) {
                throw new IllegalArgumentException("negative frequency " + x);
            }
        }
        while (true) {
            int[] lengths = unlimitedLengths(f);
            int max = 0;
            for (int l : lengths) {
                max = Math.max(max, l);
            }
            if (max <= MAX_CODE_LENGTH) {
                return lengths;
            }
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i] == 0 ? 0 : Math.max(1, f[i] >>> 1);
            }
        }
    }

    private static int[] unlimitedLengths(long[] f) {
        int n = f.length;
        int[] lengths = new int[n];
        int used = 0;
        int only = -1;
        for (int i = 0; i < n; i++) {
            if (f[i] > 0) {
                used++;
                only = i;
            }
        }
        if (used <= 1) {
            if (used == 1) {
                lengths[only] = 1;
            }
            return lengths;
        }
        // nodes 0..n-1 are leaves, n.. internal; parent[] lets us read depths off afterwards
        long[] weight = new long[2 * n];
        int[] parent = new int[2 * n];
        PriorityQueue<Integer> queue = new PriorityQueue<>((a, b) -> weight[a] != weight[b]
                ? Long.compare(weight[a], weight[b]) : Integer.compare(a, b));
        for (int i = 0; i < n; i++) {
            if (f[i] > 0) {
                weight[i] = f[i];
                queue.add(i);
            }
        }
        int next = n;
        while (queue.size() > 1) {
            int a = queue.poll();
            int b = queue.poll();
            weight[next] = weight[a] + weight[b];
            parent[a] = next;
            parent[b] = next;
            queue.add(next++);
        }
        int root = next - 1;
        int[] depth = new int[2 * n];
        // internal nodes are created after their children, so walking down from the root visits parents first
        for (int node = root - 1; node >= n; node--) {
            depth[node] = depth[parent[node]] + 1;
        }
        for (int i = 0; i < n; i++) {
            if (f[i] > 0) {
                lengths[i] = depth[parent[i]] + 1;
            }
        }
        return lengths;
    }

    /**
     * Checks that lengths describe a decodable prefix code: each in 0..{@link #MAX_CODE_LENGTH} and Kraft's sum
     * {@code sum 2^-len} at most 1 (an incomplete code, like a single symbol of length 1, is allowed).
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static void checkLengths(int[] lengths) {
        long kraft = 0;  // in units of 2^-MAX_CODE_LENGTH
        for (int s = 0; s < lengths.length; s++) {
            int l = lengths[s];
            if (l < 0 || l > MAX_CODE_LENGTH) {
                throw new IllegalArgumentException("code length " + l + " of symbol " + s + " is outside 0.."
                        + MAX_CODE_LENGTH);
            }
            if (l > 0) {
                kraft += 1L << (MAX_CODE_LENGTH - l);
            }
        }
        if (kraft > 1L << MAX_CODE_LENGTH) {
            throw new IllegalArgumentException("the code lengths overfill the code space (Kraft sum "
                    + (double) kraft / (1L << MAX_CODE_LENGTH) + " > 1)");
        }
    }

    /** The canonical code of each symbol (its low {@code lengths[s]} bits); unused symbols get 0. */
    public static int[] canonicalCodes(int[] lengths) {
        checkLengths(lengths);
        int[] countPerLength = new int[MAX_CODE_LENGTH + 1];
        for (int l : lengths) {
            if (l > 0) {
                countPerLength[l]++;
            }
        }
        int[] nextCode = new int[MAX_CODE_LENGTH + 2];
        int code = 0;
        for (int l = 1; l <= MAX_CODE_LENGTH; l++) {
            code = (code + countPerLength[l - 1]) << 1;
            nextCode[l] = code;
        }
        int[] codes = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            if (lengths[s] > 0) {
                codes[s] = nextCode[lengths[s]]++;
            }
        }
        return codes;
    }

    /** {@code sum freq[s] * len[s]}: the exact size of the coded stream in bits, before byte padding. */
    public static long encodedBits(long[] frequencies, int[] lengths) {
        long bits = 0;
        for (int s = 0; s < frequencies.length; s++) {
            bits += frequencies[s] * lengths[s];
        }
        return bits;
    }

    /** Writes symbols with a canonical code. */
    public static final class Encoder {
        private final int[] lengths;
        private final int[] codes;

        public Encoder(int[] lengths) {
            this.lengths = lengths.clone();
            this.codes = canonicalCodes(this.lengths);
        }

        /** Appends the code of {@code symbol}, which must have a non-zero length. */
        public void write(BitWriter out, int symbol) {
            if (symbol < 0 || symbol >= lengths.length || lengths[symbol] == 0) {
                throw new IllegalArgumentException("symbol " + symbol + " has no code");
            }
            out.write(codes[symbol], lengths[symbol]);
        }
    }

    /** Reads symbols of a canonical code, bit by bit over the lengths (codes are short; tables stay small). */
    public static final class Decoder {
        private final int[] firstCode = new int[MAX_CODE_LENGTH + 1];
        private final int[] countPerLength = new int[MAX_CODE_LENGTH + 1];
        private final int[] firstIndex = new int[MAX_CODE_LENGTH + 1];
        private final int[] symbolsByCode;
        private final int maxLength;

        /**
         * @throws IllegalArgumentException when the lengths are not a valid code ({@link #checkLengths})
         */
        public Decoder(int[] lengths) {
            checkLengths(lengths);
            int used = 0;
            int max = 0;
            for (int l : lengths) {
                if (l > 0) {
                    countPerLength[l]++;
                    used++;
                    max = Math.max(max, l);
                }
            }
            maxLength = max;
            int code = 0;
            int index = 0;
            for (int l = 1; l <= MAX_CODE_LENGTH; l++) {
                code = (code + countPerLength[l - 1]) << 1;
                firstCode[l] = code;
                firstIndex[l] = index;
                index += countPerLength[l];
            }
            symbolsByCode = new int[used];
            int[] fill = firstIndex.clone();
            for (int s = 0; s < lengths.length; s++) {
                if (lengths[s] > 0) {
                    symbolsByCode[fill[lengths[s]]++] = s;
                }
            }
        }

        /**
         * The next symbol.
         *
         * @throws EOFException               when the stream ends inside a code
         * @throws StreamCorruptedException   when the bits match no code (an incomplete code's unused space)
         */
        public int read(BitReader in) throws EOFException, StreamCorruptedException {
            int code = 0;
            for (int l = 1; l <= maxLength; l++) {
                code = (code << 1) | in.readBit();
                int offset = code - firstCode[l];
                if (offset >= 0 && offset < countPerLength[l]) {
                    return symbolsByCode[firstIndex[l] + offset];
                }
            }
            throw new StreamCorruptedException("the bits match no Huffman code");
        }
    }
}
