package org.cnnworkbench.engine.compression;

import java.io.EOFException;

/**
 * Reads bits most-significant first from a byte range, as {@link BitWriter} wrote them. Reading past the end of
 * the range throws {@link EOFException}: the range may come from an untrusted file.
 */
public final class BitReader {

    private final byte[] data;
    private final long startBit;
    private final long endBit;
    private long position;

    /** Reads the {@code length} bytes of {@code data} from {@code offset}. */
    public BitReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " of " + data.length + " bytes");
        }
        this.data = data;
        this.startBit = 8L * offset;
        this.position = startBit;
        this.endBit = 8L * (offset + (long) length);
    }

    /** Reads the whole array. */
    public BitReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** The next bit, 0 or 1. */
    public int readBit() throws EOFException {
        if (position >= endBit) {
            throw new EOFException("read past the end of the bit stream (" + (endBit - startBit) + " bits)");
        }
        int bit = (data[(int) (position >>> 3)] >>> (7 - (position & 7))) & 1;
        position++;
        return bit;
    }

    /** The next {@code width} bits (0..32) as an unsigned value, most significant first. */
    public int read(int width) throws EOFException {
        if (width < 0 || width > 32) {
            throw new IllegalArgumentException("width must be in 0..32, got " + width);
        }
        if (endBit - position < width) {
            throw new EOFException("the bit stream ends: " + width + " bits wanted, " + (endBit - position)
                    + " left");
        }
        int value = 0;
        for (int i = 0; i < width; i++) {
            value = (value << 1) | readBit();
        }
        return value;
    }

    /** Bits not read yet. */
    public long remaining() {
        return endBit - position;
    }
}
