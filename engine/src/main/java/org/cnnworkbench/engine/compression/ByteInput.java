package org.cnnworkbench.engine.compression;

import java.nio.file.Path;

/** A bounds-checked big-endian cursor over a file's bytes; every problem names the file and the offset. */
final class ByteInput {

    private final byte[] data;
    private final Path file;
    private final int end;
    private int pos;

    ByteInput(byte[] data, int start, int end, Path file) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.file = file;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    byte[] data() {
        return data;
    }

    CompressedFormatException fail(String problem) {
        return new CompressedFormatException(file, problem + " (at byte " + pos + ")");
    }

    private void need(long bytes, String what) throws CompressedFormatException {
        if (bytes > end - pos) {
            throw fail("truncated: " + what + " needs " + bytes + " bytes, " + (end - pos) + " left");
        }
    }

    int u8(String what) throws CompressedFormatException {
        need(1, what);
        return data[pos++] & 0xff;
    }

    int u16(String what) throws CompressedFormatException {
        need(2, what);
        int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    long u32(String what) throws CompressedFormatException {
        need(4, what);
        long v = ((long) (data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16) | ((data[pos + 2] & 0xff) << 8)
                | (data[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** A u32 that must lie in min..max, as an int (max at most Integer.MAX_VALUE). */
    int u32In(long min, long max, String what) throws CompressedFormatException {
        int at = pos;
        long v = u32(what);
        if (v < min || v > max) {
            pos = at;
            throw fail(what + " " + v + " is outside " + min + ".." + max);
        }
        return (int) v;
    }

    long i64(String what) throws CompressedFormatException {
        long hi = u32(what);
        return (hi << 32) | u32(what);
    }

    float f32(String what) throws CompressedFormatException {
        return Float.intBitsToFloat((int) u32(what));
    }

    /** Skips {@code n} bytes after checking they are there; returns where they start. */
    int skip(long n, String what) throws CompressedFormatException {
        need(n, what);
        int at = pos;
        pos += (int) n;
        return at;
    }
}
