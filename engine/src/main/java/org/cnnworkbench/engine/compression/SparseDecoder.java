package org.cnnworkbench.engine.compression;

import java.nio.ByteBuffer;

/** Reads the SPARSE part of a tensor (after its encoding byte), checking every count against the others. */
final class SparseDecoder {

    private SparseDecoder() {
    }

    /** {@code shown}: the name as messages show it ({@link TensorCodec#shown}). */
    static Tensor decode(ByteInput in, String name, String shown, long[] shape, int count)
            throws CompressedFormatException {
        int flags = in.u8(shown + ": flags");
        if ((flags & ~(TensorCodec.FLAG_GAPS | TensorCodec.FLAG_INDEX_HUFFMAN | TensorCodec.FLAG_GAP_HUFFMAN)) != 0) {
            throw in.fail(shown + ": unknown flags " + Integer.toBinaryString(flags));
        }
        boolean gaps = (flags & TensorCodec.FLAG_GAPS) != 0;
        boolean indexHuffman = (flags & TensorCodec.FLAG_INDEX_HUFFMAN) != 0;
        boolean gapHuffman = (flags & TensorCodec.FLAG_GAP_HUFFMAN) != 0;
        int bits = in.u8(shown + ": bits");
        if (bits != 32 && (bits < 1 || bits > 16)) {
            throw in.fail(shown + ": bits " + bits + " is neither 32 nor in 1..16");
        }
        int gapBits = in.u8(shown + ": gap bits");
        if (gaps ? gapBits < 1 || gapBits > SparseIndexCoding.MAX_GAP_BITS : gapBits != 0) {
            throw in.fail(shown + ": gap bits " + gapBits + (gaps ? " is outside 1..16" : " without a gap stream"));
        }
        if (indexHuffman && bits == 32 || gapHuffman && !gaps) {
            throw in.fail(shown + ": a Huffman flag for a stream that is not there");
        }
        int kept = in.u32In(gaps ? 0 : count, count, shown + ": kept count");
        int gapSymbols = gaps ? in.u32In(kept, count, shown + ": gap symbol count") : 0;

        float[] codebook = null;
        float[] keptValues;
        if (bits == 32) {
            int at = in.skip(4L * kept, shown + ": kept values");
            keptValues = new float[kept];
            ByteBuffer.wrap(in.data(), at, 4 * kept).asFloatBuffer().get(keptValues);
        } else {
            int k = in.u32In(0, 1 << bits, shown + ": codebook size");
            int at = in.skip(4L * k, shown + ": codebook");
            codebook = new float[k];
            ByteBuffer.wrap(in.data(), at, 4 * k).asFloatBuffer().get(codebook);
            int[] indices = stream(in, shown + ": weight indices", kept, bits, indexHuffman);
            keptValues = new float[kept];
            for (int i = 0; i < kept; i++) {
                if (indices[i] >= k) {
                    throw in.fail(shown + ": weight index " + indices[i] + " is outside the codebook's " + k
                            + " entries");
                }
                keptValues[i] = codebook[indices[i]];
            }
        }
        float[] values = new float[count];
        boolean[] mask = null;
        if (gaps) {
            int[] symbols = stream(in, shown + ": gaps", gapSymbols, gapBits, gapHuffman);
            int[] positions;
            try {
                positions = SparseIndexCoding.positions(symbols, gapBits, count);
            } catch (IllegalArgumentException e) {
                throw in.fail(shown + ": " + e.getMessage());
            }
            if (positions.length != kept) {
                throw in.fail(shown + ": the gaps locate " + positions.length + " weights, the header says " + kept);
            }
            mask = new boolean[count];
            for (int i = 0; i < kept; i++) {
                mask[positions[i]] = true;
                values[positions[i]] = keptValues[i];
            }
        } else {
            System.arraycopy(keptValues, 0, values, 0, count);
        }
        return new Tensor(name, shape, Tensor.Encoding.SPARSE, values, mask, codebook, bits, gapBits);
    }

    private static int[] stream(ByteInput in, String what, int count, int width, boolean huffman)
            throws CompressedFormatException {
        int[] lengths = huffman ? SymbolStreams.readTable(in, width) : null;
        int length = in.u32In(0, in.remaining(), what + " byte length");
        int at = in.skip(length, what);
        return SymbolStreams.decode(in, at, length, count, width, lengths, what);
    }
}
