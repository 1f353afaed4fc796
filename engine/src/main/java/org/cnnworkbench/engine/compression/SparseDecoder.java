package org.cnnworkbench.engine.compression;

import java.nio.ByteBuffer;

/** Reads the SPARSE part of a tensor (after its encoding byte), checking every count against the others. */
final class SparseDecoder {

    private SparseDecoder() {
    }

    static Tensor decode(ByteInput in, String name, long[] shape, int count) throws CompressedFormatException {
        int flags = in.u8(name + ": flags");
        if ((flags & ~(TensorCodec.FLAG_GAPS | TensorCodec.FLAG_INDEX_HUFFMAN | TensorCodec.FLAG_GAP_HUFFMAN)) != 0) {
            throw in.fail(name + ": unknown flags " + Integer.toBinaryString(flags));
        }
        boolean gaps = (flags & TensorCodec.FLAG_GAPS) != 0;
        boolean indexHuffman = (flags & TensorCodec.FLAG_INDEX_HUFFMAN) != 0;
        boolean gapHuffman = (flags & TensorCodec.FLAG_GAP_HUFFMAN) != 0;
        int bits = in.u8(name + ": bits");
        if (bits != 32 && (bits < 1 || bits > 16)) {
            throw in.fail(name + ": bits " + bits + " is neither 32 nor in 1..16");
        }
        int gapBits = in.u8(name + ": gap bits");
        if (gaps ? gapBits < 1 || gapBits > SparseIndexCoding.MAX_GAP_BITS : gapBits != 0) {
            throw in.fail(name + ": gap bits " + gapBits + (gaps ? " is outside 1..16" : " without a gap stream"));
        }
        if (indexHuffman && bits == 32 || gapHuffman && !gaps) {
            throw in.fail(name + ": a Huffman flag for a stream that is not there");
        }
        int kept = in.u32In(gaps ? 0 : count, count, name + ": kept count");
        int gapSymbols = gaps ? in.u32In(kept, count, name + ": gap symbol count") : 0;

        float[] codebook = null;
        float[] keptValues;
        if (bits == 32) {
            int at = in.skip(4L * kept, name + ": kept values");
            keptValues = new float[kept];
            ByteBuffer.wrap(in.data(), at, 4 * kept).asFloatBuffer().get(keptValues);
        } else {
            int k = in.u32In(0, 1 << bits, name + ": codebook size");
            int at = in.skip(4L * k, name + ": codebook");
            codebook = new float[k];
            ByteBuffer.wrap(in.data(), at, 4 * k).asFloatBuffer().get(codebook);
            int[] indices = stream(in, name + ": weight indices", kept, bits, indexHuffman);
            keptValues = new float[kept];
            for (int i = 0; i < kept; i++) {
                if (indices[i] >= k) {
                    throw in.fail(name + ": weight index " + indices[i] + " is outside the codebook's " + k
                            + " entries");
                }
                keptValues[i] = codebook[indices[i]];
            }
        }
        float[] values = new float[count];
        boolean[] mask = null;
        if (gaps) {
            int[] symbols = stream(in, name + ": gaps", gapSymbols, gapBits, gapHuffman);
            int[] positions;
            try {
                positions = SparseIndexCoding.positions(symbols, gapBits, count);
            } catch (IllegalArgumentException e) {
                throw in.fail(name + ": " + e.getMessage());
            }
            if (positions.length != kept) {
                throw in.fail(name + ": the gaps locate " + positions.length + " weights, the header says " + kept);
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
