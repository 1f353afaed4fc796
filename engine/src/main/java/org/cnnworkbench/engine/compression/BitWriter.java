package org.cnnworkbench.engine.compression;

import java.util.Arrays;

/**
 * Collects bits most-significant first into bytes; the last byte is padded with zero bits.
 *
 * <pre>{@code
 * BitWriter w = new BitWriter();
 * w.write(0b101, 3);
 * byte[] bytes = w.toByteArray();   // {(byte) 0b1010_0000}
 * }</pre>
 */
public final class BitWriter {

    private byte[] bytes = new byte[64];
    private long bitCount;

    /** Appends the low {@code width} bits of {@code value} (0..32 bits), most significant first. */
    public void write(int value, int width) {
        if (width < 0 || width > 32) {
            throw new IllegalArgumentException("width must be in 0..32, got " + width);
        }
        for (int i = width - 1; i >= 0; i--) {
            writeBit((value >>> i) & 1);
        }
    }

    /** Appends one bit (0 or 1). */
    public void writeBit(int bit) {
        int index = (int) (bitCount >>> 3);
        if (index == bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(64, bytes.length * 2));
        }
        if (bit != 0) {
            bytes[index] |= (byte) (0x80 >>> (bitCount & 7));
        }
        bitCount++;
    }

    /** The number of bits written so far. */
    public long bitCount() {
        return bitCount;
    }

    /** The bits as {@code ceil(bitCount / 8)} bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, (int) ((bitCount + 7) >>> 3));
    }
}
