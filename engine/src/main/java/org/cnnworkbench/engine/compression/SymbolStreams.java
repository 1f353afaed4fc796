package org.cnnworkbench.engine.compression;

import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.StreamCorruptedException;

/**
 * A stream of symbols of a {@code width}-bit alphabet stored fixed-width or Huffman-coded, whichever is smaller,
 * and the Huffman table format (docs/compressed-format.md, "Symbol streams").
 */
final class SymbolStreams {

    static final int DENSE_TABLE = 0;
    static final int SPARSE_TABLE = 1;

    private SymbolStreams() {
    }

    /** How a stream is stored: {@code lengths} null for fixed-width. */
    record Choice(int width, int[] lengths, long tableBytes, long dataBytes) {
        boolean huffman() {
            return lengths != null;
        }
    }

    /** The smaller of fixed-width and (if allowed) Huffman for this histogram; fixed-width wins ties. */
    static Choice choose(long[] histogram, int width, boolean huffmanAllowed) {
        long count = 0;
        for (long c : histogram) {
            count += c;
        }
        Choice fixed = new Choice(width, null, 0, (count * width + 7) / 8);
        if (!huffmanAllowed || count == 0) {
            return fixed;
        }
        int[] lengths = Huffman.codeLengths(histogram);
        Choice coded = new Choice(width, lengths, tableBytes(lengths),
                (Huffman.encodedBits(histogram, lengths) + 7) / 8);
        return coded.tableBytes + coded.dataBytes < fixed.dataBytes ? coded : fixed;
    }

    /** The table in its smaller form: dense (u32 n, n length bytes) or sparse (u32 m, m × (u16 symbol, u8 length)). */
    static long tableBytes(int[] lengths) {
        return 1 + 4 + Math.min(denseCount(lengths), 3L * usedCount(lengths));
    }

    static void writeTable(DataOutputStream out, int[] lengths) throws IOException {
        int dense = denseCount(lengths);
        int used = usedCount(lengths);
        if (dense <= 3L * used) {
            out.writeByte(DENSE_TABLE);
            out.writeInt(dense);
            for (int s = 0; s < dense; s++) {
                out.writeByte(lengths[s]);
            }
        } else {
            out.writeByte(SPARSE_TABLE);
            out.writeInt(used);
            for (int s = 0; s < lengths.length; s++) {
                if (lengths[s] > 0) {
                    out.writeShort(s);
                    out.writeByte(lengths[s]);
                }
            }
        }
    }

    /** Reads and validates a table for an alphabet of {@code 2^width} symbols. */
    static int[] readTable(ByteInput in, int width) throws CompressedFormatException {
        int alphabet = 1 << width;
        int[] lengths = new int[alphabet];
        int form = in.u8("Huffman table form");
        if (form == DENSE_TABLE) {
            int n = in.u32In(0, alphabet, "Huffman table size");
            for (int s = 0; s < n; s++) {
                lengths[s] = in.u8("Huffman code length");
            }
        } else if (form == SPARSE_TABLE) {
            int m = in.u32In(0, alphabet, "Huffman table entries");
            int previous = -1;
            for (int i = 0; i < m; i++) {
                int symbol = in.u16("Huffman table symbol");
                if (symbol <= previous || symbol >= alphabet) {
                    throw in.fail("Huffman table symbol " + symbol + " is out of order or outside 0.."
                            + (alphabet - 1));
                }
                previous = symbol;
                lengths[symbol] = in.u8("Huffman code length");
                if (lengths[symbol] == 0) {
                    throw in.fail("Huffman table lists symbol " + symbol + " with length 0");
                }
            }
        } else {
            throw in.fail("unknown Huffman table form " + form);
        }
        try {
            Huffman.checkLengths(lengths);
        } catch (IllegalArgumentException e) {
            throw in.fail("invalid Huffman table: " + e.getMessage());
        }
        return lengths;
    }

    static byte[] encode(int[] symbols, Choice choice) {
        BitWriter out = new BitWriter();
        if (choice.huffman()) {
            Huffman.Encoder encoder = new Huffman.Encoder(choice.lengths);
            for (int s : symbols) {
                encoder.write(out, s);
            }
        } else {
            for (int s : symbols) {
                out.write(s, choice.width);
            }
        }
        return out.toByteArray();
    }

    /**
     * Decodes {@code count} symbols from {@code length} bytes at {@code offset}; the stream must use all its
     * bytes (no more than 7 padding bits, all zero).
     *
     * @param lengths the Huffman code lengths, or null for fixed-width
     */
    static int[] decode(ByteInput in, int offset, int length, int count, int width, int[] lengths, String what)
            throws CompressedFormatException {
        long minBits = lengths == null ? (long) count * width : count;
        if (minBits > 8L * length) {
            throw in.fail(what + ": " + count + " symbols cannot fit in " + length + " bytes");
        }
        BitReader bits = new BitReader(in.data(), offset, length);
        int[] symbols = new int[count];
        try {
            Huffman.Decoder decoder = lengths == null ? null : new Huffman.Decoder(lengths);
            for (int i = 0; i < count; i++) {
                symbols[i] = decoder == null ? bits.read(width) : decoder.read(bits);
            }
            long padding = bits.remaining();
            if (padding >= 8 || bits.read((int) padding) != 0) {
                throw in.fail(what + ": " + padding + " bits left over after " + count + " symbols");
            }
        } catch (EOFException e) {
            throw in.fail(what + ": truncated: " + e.getMessage());
        } catch (StreamCorruptedException e) {
            throw in.fail(what + ": " + e.getMessage());
        }
        return symbols;
    }

    private static int denseCount(int[] lengths) {
        int n = lengths.length;
        while (n > 0 && lengths[n - 1] == 0) {
            n--;
        }
        return n;
    }

    private static int usedCount(int[] lengths) {
        int used = 0;
        for (int l : lengths) {
            if (l > 0) {
                used++;
            }
        }
        return used;
    }
}
