package org.cnnworkbench.engine.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one image file with ImageIO, refusing what would break a run instead of throwing: an empty file, bytes
 * no decoder recognises, a truncated or corrupt file, and an image whose header announces more than
 * {@link #MAX_PIXELS} pixels. The size is read from the header (ImageIO's {@code ImageReader.getWidth/getHeight})
 * before any pixel is decoded, so a 100,000 x 100,000 header costs nothing.
 *
 * <pre>{@code
 * ImageDecoder.Result r = ImageDecoder.decode(Path.of("cat.jpg"));
 * r.image().ifPresentOrElse(use, () -> System.err.println("skipped cat.jpg: " + r.problem()));
 * }</pre>
 */
public final class ImageDecoder {

    /**
     * The largest image decoded, in pixels (50 megapixels, e.g. 8,660 x 5,774). Decoding takes about 3 bytes a
     * pixel and the pipeline's float planes 4 bytes a pixel and channel, so an RGB image at the limit needs
     * about 750 MB while it is prepared.
     */
    public static final long MAX_PIXELS = 50_000_000L;

    static {
        ImageIO.setUseCache(false);
    }

    /** A decoded image, or why there is none. */
    public record Result(BufferedImage decoded, String problem) {

        public Optional<BufferedImage> image() {
            return Optional.ofNullable(decoded);
        }

        static Result failed(String problem) {
            return new Result(null, problem);
        }
    }

    private ImageDecoder() {
    }

    /** Decodes {@code path}; never throws for bad content or a file that cannot be read. */
    public static Result decode(Path path) {
        try {
            if (Files.size(path) == 0) {
                return Result.failed("empty file (0 bytes)");
            }
        } catch (IOException e) {
            return Result.failed("cannot be read: " + describe(e));
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                return Result.failed("cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Result.failed("not a JPEG or PNG image");
            }
            ImageReader reader = readers.next();
            try {
                return read(reader, in);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO's decoders throw unchecked exceptions on some malformed data
            return Result.failed(describe(e));
        }
    }

    private static Result read(ImageReader reader, ImageInputStream in) throws IOException {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
            return Result.failed("the header announces " + width + " x " + height + " pixels");
        }
        if ((long) width * height > MAX_PIXELS) {
            return Result.failed(String.format(Locale.ROOT, "the header announces %,d x %,d pixels (%,.0f "
                    + "megapixels), more than the limit of %,d megapixels", width, height,
                    (double) width * height / 1e6, MAX_PIXELS / 1_000_000));
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image = reader.read(0);
        if (image == null) {
            return Result.failed("not a JPEG or PNG image");
        }
        // The JPEG decoder fills a truncated file's missing rows with grey and only warns: refuse that image.
        for (String w : warnings) {
            String lower = w.toLowerCase(Locale.ROOT);
            if (lower.contains("truncated") || lower.contains("premature end")) {
                return Result.failed("truncated " + reader.getFormatName().toUpperCase(Locale.ROOT) + " (" + w + ")");
            }
        }
        return new Result(image, null);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst()
                .orElse(message);
    }
}
