package org.cnnworkbench.engine.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format), gzip-compressed or plain.
 *
 * <p>An IDX file is a big-endian header - two zero bytes, a type code ({@code 0x08}: unsigned byte), the number
 * of dimensions, then one 32-bit size per dimension - followed by the data. Images have the magic number
 * {@code 0x00000803}, labels {@code 0x00000801}.
 *
 * <pre>{@code
 * IdxFile images = IdxReader.readImages(Path.of("train-images-idx3-ubyte.gz")); // dims [60000, 28, 28]
 * IdxFile labels = IdxReader.readLabels(Path.of("train-labels-idx1-ubyte.gz")); // dims [60000]
 * }</pre>
 */
public final class IdxReader {

    /** Magic number of an unsigned-byte file with three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte file with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /** Reads an image file: magic {@code 0x00000803}, dimensions {@code [count, rows, columns]}. */
    public static IdxFile readImages(Path file) throws IOException {
        return read(file, IMAGES_MAGIC, Integer.MAX_VALUE);
    }

    /** Reads an image file but keeps only its first {@code limit} images (the rest is not decompressed). */
    public static IdxFile readImages(Path file, int limit) throws IOException {
        return read(file, IMAGES_MAGIC, limit);
    }

    /** Reads a label file: magic {@code 0x00000801}, dimensions {@code [count]}. */
    public static IdxFile readLabels(Path file) throws IOException {
        return read(file, LABELS_MAGIC, Integer.MAX_VALUE);
    }

    /** Reads a label file but keeps only its first {@code limit} labels. */
    public static IdxFile readLabels(Path file, int limit) throws IOException {
        return read(file, LABELS_MAGIC, limit);
    }

    /**
     * Reads an unsigned-byte IDX file with the given magic number, keeping the first {@code limit} items.
     *
     * @throws IdxFormatException if the magic number differs, a dimension is negative or the file ends early;
     *                            the message names the file and the byte offset
     */
    public static IdxFile read(Path file, int expectedMagic, int limit) throws IOException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, not " + limit);
        }
        try (InputStream raw = open(file); DataInputStream in = new DataInputStream(raw)) {
            int magic = readInt(in, file, 0, "the magic number");
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != UNSIGNED_BYTE) {
                throw new IdxFormatException(file, 0, String.format(
                        "not an IDX file of unsigned bytes: magic number 0x%08x, expected 0x%08x", magic,
                        expectedMagic));
            }
            if (magic != expectedMagic) {
                throw new IdxFormatException(file, 0, String.format(
                        "magic number 0x%08x (%d dimensions), expected 0x%08x (%d dimensions)%s", magic,
                        magic & 0xff, expectedMagic, expectedMagic & 0xff,
                        expectedMagic == IMAGES_MAGIC ? ": is this a label file?" : ": is this an image file?"));
            }
            int rank = magic & 0xff;
            int[] dims = new int[rank];
            long itemSize = 1;
            for (int d = 0; d < rank; d++) {
                long offset = 4 + 4L * d;
                dims[d] = readInt(in, file, offset, "dimension " + d);
                if (dims[d] < 0) {
                    throw new IdxFormatException(file, offset, "dimension " + d + " is negative: " + dims[d]);
                }
                if (d > 0) {
                    itemSize *= dims[d];
                }
            }
            long header = 4 + 4L * rank;
            int count = Math.min(dims[0], limit);
            long size = count * itemSize;
            if (size > Integer.MAX_VALUE - 8) {
                throw new IdxFormatException(file, 4, "too large to load: " + size + " bytes");
            }
            byte[] data = new byte[(int) size];
            int read = readFully(in, data);
            if (read < data.length) {
                throw new IdxFormatException(file, header + read, "truncated: the header promises " + dims[0]
                        + " items of " + itemSize + " bytes (" + (header + dims[0] * itemSize)
                        + " bytes in all) but the data ends after " + (header + read) + " bytes");
            }
            if (count == dims[0] && readTrailingByte(in) >= 0) {
                throw new IdxFormatException(file, header + size, "more data than the header promises ("
                        + dims[0] + " items of " + itemSize + " bytes)");
            }
            dims[0] = count;
            return new IdxFile(dims, data);
        } catch (java.util.zip.ZipException e) {
            throw new IdxFormatException(file, 0, "corrupt gzip data: " + e.getMessage());
        }
    }

    /** Reads until {@code data} is full or the stream ends (also when a gzip stream ends early); returns the count. */
    private static int readFully(InputStream in, byte[] data) throws IOException {
        int off = 0;
        try {
            while (off < data.length) {
                int n = in.read(data, off, data.length - off);
                if (n < 0) {
                    break;
                }
                off += n;
            }
        } catch (EOFException e) {
            // a truncated gzip member: report it like a short plain file
        }
        return off;
    }

    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    private static int readTrailingByte(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (EOFException e) {
            return -1;
        }
    }

    private static int readInt(DataInputStream in, Path file, long offset, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(file, offset, "truncated: the file ends before " + what);
        }
    }
}
