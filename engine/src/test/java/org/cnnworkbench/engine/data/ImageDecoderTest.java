package org.cnnworkbench.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

    @TempDir
    Path dir;

    private static final ImagePipeline GREY_28 = new ImagePipeline(1, 28, 28, 1.0, null);

    /** Bytes allocated by this thread so far (HotSpot's per-thread counter). */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    /** Reads every file as a one-class folder data set; returns path -> reason of the skipped ones. */
    private Map<Path, String> readAll(List<Path> files) {
        ImageFolderDataset set = new ImageFolderDataset(new ImageIndex(List.of("c"),
                files.stream().map(f -> new ImageEntry(f, 0)).toList()), GREY_28);
        set.readAll(null);
        return set.skippedImages();
    }

    @Test
    void headersAnnouncingHugeImagesAreSkippedBeforeAnyPixelIsAllocated() throws Exception {
        Path png = Files.write(dir.resolve("huge.png"), ImageBytes.pngHeaderOnly(100_000, 100_000));
        Path png2 = Files.write(dir.resolve("big.png"), ImageBytes.pngHeaderOnly(20_000, 20_000));
        byte[] jpeg = ImageBytes.encode(ImageBytes.pattern(32, 32, BufferedImage.TYPE_3BYTE_BGR), "jpg");
        Path jpg = Files.write(dir.resolve("huge.jpg"), ImageBytes.withJpegSize(jpeg, 65_500, 65_500));

        long before = allocatedBytes();
        Map<Path, String> skipped = readAll(List.of(png, png2, jpg));
        long allocated = allocatedBytes() - before;

        assertThat(skipped).containsOnlyKeys(png, png2, jpg);
        assertThat(skipped.get(png)).isEqualTo("the header announces 100,000 x 100,000 pixels (10,000 megapixels), "
                + "more than the limit of 50 megapixels");
        assertThat(skipped.get(png2)).contains("20,000 x 20,000 pixels (400 megapixels)");
        assertThat(skipped.get(jpg)).contains("65,500 x 65,500 pixels");
        // a 20,000 x 20,000 RGB raster alone would be 1.2 GB
        assertThat(allocated).isLessThan(32L << 20);
    }

    @Test
    void emptyTruncatedAndGarbageFilesAreSkippedWithTheirReason() throws Exception {
        BufferedImage image = ImageBytes.pattern(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        byte[] jpeg = ImageBytes.encode(image, "jpg");
        byte[] png = ImageBytes.encode(image, "png");
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        Path cutJpeg = Files.write(dir.resolve("cut.jpg"), ImageBytes.truncate(jpeg, jpeg.length * 9 / 10));
        Path cutPng = Files.write(dir.resolve("cut.png"), ImageBytes.truncate(png, png.length / 2));
        Path garbage = Files.write(dir.resolve("garbage.jpeg"), "not an image at all".getBytes());
        Path good = Files.write(dir.resolve("good.jpg"), jpeg);

        Map<Path, String> skipped = readAll(List.of(empty, cutJpeg, cutPng, garbage, good));

        assertThat(skipped).containsOnlyKeys(empty, cutJpeg, cutPng, garbage);
        assertThat(skipped.get(empty)).isEqualTo("empty file (0 bytes)");
        // ImageIO's JPEG decoder fills the missing rows with grey and only warns
        assertThat(skipped.get(cutJpeg)).startsWith("truncated JPEG");
        assertThat(skipped.get(cutPng)).isEqualTo("Error reading PNG image data");
        assertThat(skipped.get(garbage)).isEqualTo("not a JPEG or PNG image");
        assertThat(ImageDecoder.decode(good).image()).isPresent();
    }

    @Test
    void anImageTooElongatedToResizeIsSkippedNotBlownUp() throws Exception {
        Path line = dir.resolve("line.png");
        Files.write(line, ImageBytes.encode(new BufferedImage(100_000, 1, BufferedImage.TYPE_BYTE_GRAY), "png"));

        long before = allocatedBytes();
        Map<Path, String> skipped = readAll(List.of(line));

        assertThat(skipped.get(line)).startsWith("a 100000 x 1 image is too elongated to resize to cover 28 x 28");
        assertThat(allocatedBytes() - before).isLessThan(64L << 20);
    }
}
