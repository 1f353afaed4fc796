package org.cnnworkbench.engine.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX files for tests, in the real format: a big-endian magic number ({@code 0x00000803} images,
 * {@code 0x00000801} labels), the big-endian dimensions, then one unsigned byte per pixel or label, gzipped under
 * the names of the Debian package dataset-fashion-mnist. The engine's test jar shares it with the app's tests, so
 * that every test of the data path runs on a machine without the package.
 *
 * <pre>{@code
 * Path idx = IdxFiles.fakeFashionMnist(tempDir.resolve("idx"), 40, 28);
 * FashionMnist data = FashionMnist.open(idx);                 // or: train --fashion-dir idx
 * }</pre>
 */
public final class IdxFiles {

    private IdxFiles() {
    }

    /** The bytes of an IDX file: magic, dimensions, data. */
    public static byte[] bytes(int magic, int[] dims, byte[] data) throws IOException {
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

    /** Writes {@code content} to {@code file}, gzipped or not. */
    public static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            out.write(content);
        }
        return file;
    }

    /** Image {@code i}'s pixel (y, x): a pattern that differs between images, rows and columns. */
    public static int pixel(int i, int y, int x) {
        return (i * 37 + y * 11 + x * 5) & 0xff;
    }

    /**
     * A Fashion-MNIST-like folder: {@code count} images of {@code side x side} per subset, label i % 10, pixels
     * {@link #pixel} (the test images shifted by one: test image i is training image i + 1).
     */
    public static Path fakeFashionMnist(Path dir, int count, int side) throws IOException {
        return fashionMnist(dir, count, count, side, (subset, i, y, x) -> pixel(i + subset, y, x));
    }

    /**
     * A Fashion-MNIST-like folder of 28x28 images that a small network learns within an epoch or two: in an
     * image of label L the rows y with y % 10 == L are bright, the others dark, with a little noise.
     */
    public static Path learnableFashionMnist(Path dir, int trainCount, int testCount) throws IOException {
        return fashionMnist(dir, trainCount, testCount, FashionMnist.SIDE,
                (subset, i, y, x) -> (y % 10 == i % 10 ? 200 : 20) + (i * 7 + y * FashionMnist.SIDE + x) % 30);
    }

    /** The value of pixel (y, x) of image {@code i} of a subset (0: train, 1: test). */
    private interface Pattern {
        int value(int subset, int i, int y, int x);
    }

    private static Path fashionMnist(Path dir, int trainCount, int testCount, int side, Pattern pattern)
            throws IOException {
        Files.createDirectories(dir);
        for (FashionMnist.Subset subset : FashionMnist.Subset.values()) {
            int s = subset.ordinal();
            int count = subset == FashionMnist.Subset.TRAIN ? trainCount : testCount;
            byte[] images = new byte[count * side * side];
            byte[] labels = new byte[count];
            for (int i = 0; i < count; i++) {
                labels[i] = (byte) (i % 10);
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        images[(i * side + y) * side + x] = (byte) pattern.value(s, i, y, x);
                    }
                }
            }
            write(dir.resolve(subset.imagesFile() + ".gz"),
                    bytes(IdxReader.IMAGES_MAGIC, new int[] {count, side, side}, images), true);
            write(dir.resolve(subset.labelsFile() + ".gz"),
                    bytes(IdxReader.LABELS_MAGIC, new int[] {count}, labels), true);
        }
        return dir;
    }
}
