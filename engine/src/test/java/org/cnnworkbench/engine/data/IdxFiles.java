package org.cnnworkbench.engine.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files for tests, in the real format. */
final class IdxFiles {

    private IdxFiles() {
    }

    static byte[] bytes(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        out.flush();
        return buffer.toByteArray();
    }

    static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            out.write(content);
        }
        return file;
    }

    /** Image {@code i}'s pixel (y, x): a pattern that differs between images, rows and columns. */
    static int pixel(int i, int y, int x) {
        return (i * 37 + y * 11 + x * 5) & 0xff;
    }

    /** A Fashion-MNIST-like folder: {@code count} images of {@code side x side} per subset, label i % 10. */
    static Path fakeFashionMnist(Path dir, int count, int side) throws IOException {
        Files.createDirectories(dir);
        for (String prefix : new String[] {"train", "t10k"}) {
            byte[] images = new byte[count * side * side];
            byte[] labels = new byte[count];
            for (int i = 0; i < count; i++) {
                labels[i] = (byte) (i % 10);
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        images[(i * side + y) * side + x] = (byte) pixel(i + (prefix.equals("t10k") ? 1 : 0), y, x);
                    }
                }
            }
            write(dir.resolve(prefix + "-images-idx3-ubyte.gz"),
                    bytes(IdxReader.IMAGES_MAGIC, new int[] {count, side, side}, images), true);
            write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"),
                    bytes(IdxReader.LABELS_MAGIC, new int[] {count}, labels), true);
        }
        return dir;
    }
}
