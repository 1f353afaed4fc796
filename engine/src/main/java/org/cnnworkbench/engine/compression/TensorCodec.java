package org.cnnworkbench.engine.compression;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One tensor's bytes in a compressed-model file (docs/compressed-format.md, "Tensors"), both directions. */
final class TensorCodec {

    static final int RAW = 0;
    static final int SPARSE = 1;
    static final int FLAG_GAPS = 1;
    static final int FLAG_INDEX_HUFFMAN = 2;
    static final int FLAG_GAP_HUFFMAN = 4;

    private TensorCodec() {
    }

    /** Writes {@code t} to {@code bytes} and says where its bytes went. */
    static SizeBreakdown.TensorSize encode(Tensor t, boolean huffman, ByteArrayOutputStream bytes) {
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            return encode(t, huffman, out, bytes);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    private static SizeBreakdown.TensorSize encode(Tensor t, boolean huffman, DataOutputStream out,
            ByteArrayOutputStream bytes) throws IOException {
        int start = bytes.size();
        byte[] name = t.name().getBytes(StandardCharsets.UTF_8);
        if (name.length < 1 || name.length > CompressedModelFile.MAX_NAME_BYTES) {
            throw new IllegalArgumentException("tensor name \"" + t.name() + "\" takes " + name.length
                    + " bytes of UTF-8; allowed 1.." + CompressedModelFile.MAX_NAME_BYTES);
        }
        out.writeShort(name.length);
        out.write(name);
        out.writeByte(t.shape().length);
        for (long d : t.shape()) {
            out.writeInt((int) d);
        }
        int n = t.values().length;
        if (t.encoding() == Tensor.Encoding.RAW) {
            out.writeByte(RAW);
            long structure = bytes.size() - start;
            for (float v : t.values()) {
                out.writeInt(Float.floatToRawIntBits(v));
            }
            return new SizeBreakdown.TensorSize(t.name(), t.encoding(), structure, 0, 0, 0, 0, 0, 0, 4L * n, n, n,
                    0, 32, 0, false, false);
        }
        boolean[] mask = t.kept();
        int kept = t.keptCount();
        boolean gaps = kept < n;
        int[] keptPositions = keptPositions(mask, n, kept);
        int[] indices = t.codebook() == null ? null : indices(t, keptPositions);
        SymbolStreams.Choice indexChoice = indices == null ? null
                : SymbolStreams.choose(histogram(indices, 1 << t.bits()), t.bits(), huffman);
        int gapBits = gaps ? (t.gapBits() != 0 ? t.gapBits() : bestGapBits(mask, huffman)) : 0;
        SymbolStreams.Choice gapChoice = gaps
                ? SymbolStreams.choose(SparseIndexCoding.histogram(mask, gapBits), gapBits, huffman) : null;
        SparseIndexCoding.Gaps gapSymbols = gaps ? SparseIndexCoding.encode(mask, gapBits) : null;

        int flags = (gaps ? FLAG_GAPS : 0) | (indexChoice != null && indexChoice.huffman() ? FLAG_INDEX_HUFFMAN : 0)
                | (gapChoice != null && gapChoice.huffman() ? FLAG_GAP_HUFFMAN : 0);
        out.writeByte(SPARSE);
        out.writeByte(flags);
        out.writeByte(t.bits());
        out.writeByte(gapBits);
        out.writeInt(kept);
        if (gaps) {
            out.writeInt(gapSymbols.symbols().length);
        }
        long codebookBytes = 0;
        long valueBytes = 0;
        long indexBytes = 0;
        long tableBytes = 0;
        long gapBytes = 0;
        if (t.codebook() != null) {
            out.writeInt(t.codebook().length);
            codebookBytes = 4L * t.codebook().length;
            for (float c : t.codebook()) {
                out.writeInt(Float.floatToRawIntBits(c));
            }
            tableBytes += writeStream(out, indices, indexChoice);
            indexBytes = indexChoice.dataBytes();
        } else {
            valueBytes = 4L * kept;
            for (int p : keptPositions) {
                out.writeInt(Float.floatToRawIntBits(t.values()[p]));
            }
        }
        double fillerGapBytes = 0;
        if (gaps) {
            tableBytes += writeStream(out, gapSymbols.symbols(), gapChoice);
            gapBytes = gapChoice.dataBytes();
            int filler = SparseIndexCoding.fillerSymbol(gapBits);
            long fillerBits = (long) gapSymbols.fillers() * (gapChoice.huffman() ? gapChoice.lengths()[filler] : gapBits);
            long allBits = 0;
            for (int s : gapSymbols.symbols()) {
                allBits += gapChoice.huffman() ? gapChoice.lengths()[s] : gapBits;
            }
            fillerGapBytes = allBits == 0 ? 0 : (double) gapBytes * fillerBits / allBits;
        }
        long structure = bytes.size() - start - codebookBytes - valueBytes - indexBytes - tableBytes - gapBytes;
        return new SizeBreakdown.TensorSize(t.name(), t.encoding(), structure, codebookBytes, valueBytes,
                indexBytes, gapBytes, fillerGapBytes, tableBytes, 0, n, kept,
                gaps ? gapSymbols.fillers() : 0, t.bits(), gapBits,
                indexChoice != null && indexChoice.huffman(), gapChoice != null && gapChoice.huffman());
    }

    /** Writes [table] u32 length, data; returns the table's bytes. */
    private static long writeStream(DataOutputStream out, int[] symbols, SymbolStreams.Choice choice)
            throws IOException {
        if (choice.huffman()) {
            SymbolStreams.writeTable(out, choice.lengths());
        }
        byte[] data = SymbolStreams.encode(symbols, choice);
        out.writeInt(data.length);
        out.write(data);
        return choice.tableBytes();
    }

    /** The gap width 1..16 whose stream (table included) is smallest; the narrower wins ties. */
    static int bestGapBits(boolean[] mask, boolean huffman) {
        int best = 1;
        long bestBytes = Long.MAX_VALUE;
        for (int g = 1; g <= SparseIndexCoding.MAX_GAP_BITS; g++) {
            SymbolStreams.Choice c = SymbolStreams.choose(SparseIndexCoding.histogram(mask, g), g, huffman);
            long size = c.tableBytes() + c.dataBytes();
            if (size < bestBytes) {
                best = g;
                bestBytes = size;
            }
        }
        return best;
    }

    private static int[] keptPositions(boolean[] mask, int n, int kept) {
        int[] positions = new int[kept];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (mask == null || mask[i]) {
                positions[k++] = i;
            }
        }
        return positions;
    }

    /** The codebook index of each kept value, matched by exact float bits (the first equal entry). */
    private static int[] indices(Tensor t, int[] positions) {
        float[] codebook = t.codebook();
        long[] keyed = new long[codebook.length];
        for (int c = codebook.length - 1; c >= 0; c--) {
            keyed[c] = ((long) Float.floatToRawIntBits(codebook[c]) << 32) | c;
        }
        Arrays.sort(keyed);
        int[] sortedBits = new int[keyed.length];
        for (int i = 0; i < keyed.length; i++) {
            sortedBits[i] = (int) (keyed[i] >> 32);
        }
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            int bits = Float.floatToRawIntBits(t.values()[positions[i]]);
            int at = Arrays.binarySearch(sortedBits, bits);
            if (at < 0) {
                throw new IllegalArgumentException(t.name() + ": value " + positions[i] + " ("
                        + t.values()[positions[i]] + ") is not a codebook entry");
            }
            while (at > 0 && sortedBits[at - 1] == bits) {
                at--;
            }
            out[i] = (int) keyed[at];
        }
        return out;
    }

    private static long[] histogram(int[] symbols, int alphabet) {
        long[] h = new long[alphabet];
        for (int s : symbols) {
            h[s]++;
        }
        return h;
    }

    /**
     * A tensor name as messages show it: control characters (a line break, an escape sequence) as a backslash-u escape,
     * so that a message about a forged file stays one line and cannot rewrite the terminal.
     */
    static String shown(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Reads one tensor; {@code weightBudget} is how many more values the file may still decode to. */
    static Tensor decode(ByteInput in, long weightBudget) throws CompressedFormatException {
        int nameLength = in.u16("name length");
        if (nameLength < 1 || nameLength > CompressedModelFile.MAX_NAME_BYTES) {
            throw in.fail("name length " + nameLength + " is outside 1.." + CompressedModelFile.MAX_NAME_BYTES);
        }
        int nameAt = in.skip(nameLength, "name");
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in.data(), nameAt, nameLength)).toString();
        } catch (CharacterCodingException e) {
            throw in.fail("a tensor name is not UTF-8");
        }
        String shown = shown(name);
        int rank = in.u8(shown + ": rank");
        if (rank < 1 || rank > Tensor.MAX_RANK) {
            throw in.fail(shown + ": rank " + rank + " is outside 1.." + Tensor.MAX_RANK);
        }
        long[] shape = new long[rank];
        long n = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = in.u32In(1, Integer.MAX_VALUE, shown + ": dimension");
            n *= shape[i];
            if (n > Integer.MAX_VALUE) {
                throw in.fail(shown + ": the shape holds more than " + Integer.MAX_VALUE + " values");
            }
        }
        if (n > weightBudget) {
            throw in.fail(shown + ": " + n + " values exceed the reader's limit of "
                    + CompressedModelFile.MAX_TOTAL_WEIGHTS + " values per file");
        }
        int count = (int) n;
        int encoding = in.u8(shown + ": encoding");
        if (encoding == RAW) {
            int at = in.skip(4L * count, shown + ": raw values");
            float[] values = new float[count];
            ByteBuffer.wrap(in.data(), at, 4 * count).asFloatBuffer().get(values);
            return Tensor.raw(name, shape, values);
        }
        if (encoding != SPARSE) {
            throw in.fail(shown + ": unknown encoding " + encoding);
        }
        return SparseDecoder.decode(in, name, shown, shape, count);
    }
}
