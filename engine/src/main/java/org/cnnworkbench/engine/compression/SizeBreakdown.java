package org.cnnworkbench.engine.compression;

import java.util.List;

/**
 * Where the bytes of a compressed-model file go. Every byte belongs to exactly one part, so the parts add up to
 * the file size ({@link #totalBytes()}). docs/compressed-format.md names the fields of each part.
 *
 * @param headerBytes   magic, version, file length, metadata lengths and the tensor count
 * @param metadataBytes the deflated metadata
 * @param tensors       one entry per tensor, in file order
 * @param checksumBytes the CRC-32 at the end (4)
 */
public record SizeBreakdown(long headerBytes, long metadataBytes, List<TensorSize> tensors, long checksumBytes) {

    public SizeBreakdown {
        tensors = List.copyOf(tensors);
    }

    /** The file size. */
    public long totalBytes() {
        long sum = headerBytes + metadataBytes + checksumBytes;
        for (TensorSize t : tensors) {
            sum += t.totalBytes();
        }
        return sum;
    }

    /**
     * One tensor's bytes and counts.
     *
     * @param structureBytes  name, shape, encoding, flags, widths, counts and the byte length of each stream
     * @param codebookBytes   the float32 centroids
     * @param valueBytes      the kept values as float32 (SPARSE with bits 32)
     * @param indexBytes      the weight-index stream (SPARSE with a codebook)
     * @param gapBytes        the gap stream, fillers included
     * @param fillerGapBytes  the share of {@code gapBytes} taken by filler symbols, pro-rated by code length
     *                        (part of {@code gapBytes}, not added to the total again)
     * @param huffmanTableBytes both Huffman tables, when used
     * @param rawBytes        all values as float32 (RAW)
     * @param weights         values in the tensor
     * @param kept            values stored
     * @param fillers         filler gap symbols
     * @param bits            32 or the index width
     * @param gapBits         the gap width, 0 without gaps
     * @param indexHuffman    whether the index stream is Huffman-coded
     * @param gapHuffman      whether the gap stream is Huffman-coded
     */
    public record TensorSize(String name, Tensor.Encoding encoding, long structureBytes, long codebookBytes,
            long valueBytes, long indexBytes, long gapBytes, double fillerGapBytes, long huffmanTableBytes,
            long rawBytes, long weights, long kept, long fillers, int bits, int gapBits, boolean indexHuffman,
            boolean gapHuffman) {

        /** The tensor's bytes in the file. */
        public long totalBytes() {
            return structureBytes + codebookBytes + valueBytes + indexBytes + gapBytes + huffmanTableBytes
                    + rawBytes;
        }
    }
}
