package org.cnnworkbench.engine.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Real image files as bytes for tests, and the surgery that forges their headers. */
public final class ImageBytes {

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ImageBytes() {
    }

    /** A {@code width x height} image of {@code type} with a pattern in every channel. */
    public static BufferedImage pattern(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, ((x * 9) & 0xff) << 16 | ((y * 7) & 0xff) << 8 | ((x + y) * 5 & 0xff));
            }
        }
        return image;
    }

    /** {@code image} encoded by ImageIO as {@code format} ("png" or "jpg"). */
    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no " + format + " writer for " + image);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG chunk: length, type, data and a correct CRC. */
    static byte[] chunk(String type, byte[] data) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            byte[] t = type.getBytes(StandardCharsets.US_ASCII);
            out.writeInt(data.length);
            out.write(t);
            out.write(data);
            CRC32 crc = new CRC32();
            crc.update(t);
            crc.update(data);
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** A PNG whose IHDR (valid CRC) announces {@code width x height} 8-bit RGB pixels, with no image data. */
    public static byte[] pngHeaderOnly(long width, long height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        out.writeBytes(chunk("IHDR", ihdr(width, height, 8, 2)));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] ihdr(long width, long height, int depth, int colourType) {
        byte[] data = new byte[13];
        putInt(data, 0, (int) width);
        putInt(data, 4, (int) height);
        data[8] = (byte) depth;
        data[9] = (byte) colourType;
        return data;
    }

    /** {@code png} with its IHDR's width and height replaced (and the CRC recomputed). */
    public static byte[] withPngSize(byte[] png, long width, long height) {
        byte[] out = png.clone();
        // signature (8), then IHDR: length (4), "IHDR" (4), data (13), CRC (4)
        if (out.length < 33) {
            return out;
        }
        putInt(out, 16, (int) width);
        putInt(out, 20, (int) height);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        putInt(out, 29, (int) crc.getValue());
        return out;
    }

    /** {@code jpeg} with the size in its first start-of-frame marker replaced (16 bits each, as JPEG has). */
    public static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] out = jpeg.clone();
        for (int i = 2; i + 8 < out.length; i++) {
            int marker = out[i + 1] & 0xff;
            if ((out[i] & 0xff) == 0xff && marker >= 0xc0 && marker <= 0xc3) {
                out[i + 5] = (byte) (height >> 8);
                out[i + 6] = (byte) height;
                out[i + 7] = (byte) (width >> 8);
                out[i + 8] = (byte) width;
                return out;
            }
        }
        return out;
    }

    public static byte[] truncate(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, Math.max(0, Math.min(length, bytes.length)));
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
