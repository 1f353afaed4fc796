package org.cnnworkbench.engine.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.cnnworkbench.engine.model.Shape;

/**
 * Turns a decoded image into a network input: to the input's channels (grey or RGB), resized so that the
 * shorter side fits, cropped to {@code height x width}, scaled to [0, 1], minus the per-channel mean.
 *
 * <p>Evaluation takes the centre crop of the image resized to just cover the input. Training ({@code random}
 * given) resizes to {@code trainScale} times that, takes a random crop and flips it horizontally with
 * probability 1/2; the same seed gives the same crops and flips.
 *
 * <pre>{@code
 * ImagePipeline pipeline = ImagePipeline.forInput(new Shape.FeatureMap(3, 224, 224)).withMean(mean);
 * float[] chw = pipeline.apply(ImageIO.read(file), null);          // centre crop
 * float[] augmented = pipeline.apply(image, new Random(42));       // random crop + flip
 * }</pre>
 *
 * @param trainScale how much larger than the input the training resize is (1.0: no random crop, flip only)
 * @param mean       the per-channel mean to subtract (in [0, 1] units), or {@code null}
 */
public record ImagePipeline(int channels, int height, int width, double trainScale, float[] mean) {

    /** The default training resize: 32/28, the padding Fashion-MNIST and CIFAR training usually uses. */
    public static final double DEFAULT_TRAIN_SCALE = 32.0 / 28.0;

    public ImagePipeline {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("an image input has 1 (grey) or 3 (RGB) channels, not " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("input size must be positive: " + height + "x" + width);
        }
        if (trainScale < 1.0) {
            throw new IllegalArgumentException("trainScale must be >= 1, not " + trainScale);
        }
        if (mean != null && mean.length != channels) {
            throw new IllegalArgumentException(mean.length + " means for " + channels + " channels");
        }
        mean = mean == null ? null : mean.clone();
    }

    /** A pipeline for a network's input shape (C x H x W), with the default training scale and no mean. */
    public static ImagePipeline forInput(Shape.FeatureMap input) {
        return new ImagePipeline(Math.toIntExact(input.channels()), Math.toIntExact(input.height()),
                Math.toIntExact(input.width()), DEFAULT_TRAIN_SCALE, null);
    }

    public ImagePipeline withMean(float[] newMean) {
        return new ImagePipeline(channels, height, width, trainScale, newMean);
    }

    public ImagePipeline withTrainScale(double scale) {
        return new ImagePipeline(channels, height, width, scale, mean);
    }

    @Override
    public float[] mean() {
        return mean == null ? null : mean.clone();
    }

    /** The input an image file gives, or why it gives none (one line). */
    public record Prepared(ImageSample sample, String problem) {

        public Optional<ImageSample> image() {
            return Optional.ofNullable(sample);
        }
    }

    /**
     * Decodes {@code file} ({@link ImageDecoder}) and prepares it ({@link #apply}) as a sample of {@code label};
     * an unreadable file, or one too elongated to resize, gives its reason instead. Never throws for bad content.
     */
    public Prepared prepare(Path file, int label, Random random) {
        ImageDecoder.Result decoded = ImageDecoder.decode(file);
        if (decoded.image().isEmpty()) {
            return new Prepared(null, decoded.problem());
        }
        try {
            return new Prepared(new ImageSample(apply(decoded.decoded(), random), channels, height, width, label),
                    null);
        } catch (IllegalArgumentException tooElongated) {
            return new Prepared(null, tooElongated.getMessage());
        }
    }

    /**
     * The input for {@code image}: the centre crop if {@code random} is null, else a random crop and flip.
     *
     * @throws IllegalArgumentException if the image is so elongated that resizing it to cover the input would
     *                                  take more than {@link ImageDecoder#MAX_PIXELS} values
     */
    public float[] apply(BufferedImage image, Random random) {
        Planes planes = toPlanes(image, channels);
        float[] out;
        if (random == null) {
            Planes resized = resizeToCover(planes, height, width, 1.0);
            out = crop(resized, (resized.height - height) / 2, (resized.width - width) / 2, false);
        } else {
            Planes resized = resizeToCover(planes, height, width, trainScale);
            int y = random.nextInt(resized.height - height + 1);
            int x = random.nextInt(resized.width - width + 1);
            out = crop(resized, y, x, random.nextBoolean());
        }
        if (mean != null) {
            subtractMean(out, mean);
        }
        return out;
    }

    /** Subtracts {@code mean[c]} from every value of plane c of channel-major {@code chw}, in place. */
    public static void subtractMean(float[] chw, float[] mean) {
        int area = chw.length / mean.length;
        for (int c = 0; c < mean.length; c++) {
            for (int i = c * area; i < (c + 1) * area; i++) {
                chw[i] -= mean[c];
            }
        }
    }

    /**
     * {@code image} stretched (bilinear) to exactly {@code height x width}, as {@code channels} float planes in
     * [0, 1], without cropping: a detector's boxes then map to the input by one scale per axis.
     */
    public static float[] stretch(BufferedImage image, int channels, int height, int width) {
        BufferedImage target = image;
        if (image.getWidth() != width || image.getHeight() != height) {
            target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = target.createGraphics();
            try {
                g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                        java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(image, 0, 0, width, height, null);
            } finally {
                g.dispose();
            }
        }
        return toPlanes(target, channels).data();
    }

    /** An image's pixels as {@code channels} float planes in [0, 1]. */
    static Planes toPlanes(BufferedImage image, int channels) {
        int h = image.getHeight();
        int w = image.getWidth();
        float[] data = new float[channels * h * w];
        Raster raster = image.getRaster();
        boolean grey = raster.getNumBands() == 1 && image.getColorModel().getColorSpace().getNumComponents() == 1;
        if (grey) {
            // read grey samples directly: getRGB would pass them through a gamma conversion
            float max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = raster.getSample(x, y, 0) / max;
                    for (int c = 0; c < channels; c++) {
                        data[(c * h + y) * w + x] = v;
                    }
                }
            }
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = image.getRGB(x, y);
                    float r = ((rgb >> 16) & 0xff) / 255f;
                    float g = ((rgb >> 8) & 0xff) / 255f;
                    float b = (rgb & 0xff) / 255f;
                    if (channels == 1) {
                        data[y * w + x] = 0.299f * r + 0.587f * g + 0.114f * b;
                    } else {
                        data[y * w + x] = r;
                        data[(h + y) * w + x] = g;
                        data[(2 * h + y) * w + x] = b;
                    }
                }
            }
        }
        return new Planes(channels, h, w, data);
    }

    /** Resizes (bilinear, pixel centres aligned) so that the image covers {@code scale} x the target size. */
    static Planes resizeToCover(Planes in, int height, int width, double scale) {
        double factor = Math.max(scale * height / in.height, scale * width / in.width);
        double area = Math.max(height, in.height * factor) * Math.max(width, in.width * factor) * in.channels;
        if (area > ImageDecoder.MAX_PIXELS) {
            // a 100,000 x 1 image resized to cover 28 x 28 would be 2,800,000 x 28
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a %d x %d image is too elongated to "
                    + "resize to cover %d x %d (it would take %,.0f values, more than %,d)", in.width, in.height,
                    width, height, area, ImageDecoder.MAX_PIXELS));
        }
        int h = Math.max(height, (int) Math.round(in.height * factor));
        int w = Math.max(width, (int) Math.round(in.width * factor));
        if (h == in.height && w == in.width) {
            return in;
        }
        float[] out = new float[in.channels * h * w];
        double sy = (double) in.height / h;
        double sx = (double) in.width / w;
        for (int y = 0; y < h; y++) {
            double fy = Math.max(0, Math.min(in.height - 1, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(in.height - 1, y0 + 1);
            float dy = (float) (fy - y0);
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, Math.min(in.width - 1, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(in.width - 1, x0 + 1);
                float dx = (float) (fx - x0);
                for (int c = 0; c < in.channels; c++) {
                    float top = in.at(c, y0, x0) * (1 - dx) + in.at(c, y0, x1) * dx;
                    float bottom = in.at(c, y1, x0) * (1 - dx) + in.at(c, y1, x1) * dx;
                    out[(c * h + y) * w + x] = top * (1 - dy) + bottom * dy;
                }
            }
        }
        return new Planes(in.channels, h, w, out);
    }

    private float[] crop(Planes in, int top, int left, boolean flip) {
        float[] out = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int sourceX = left + (flip ? width - 1 - x : x);
                    out[(c * height + y) * width + x] = in.at(c, top + y, sourceX);
                }
            }
        }
        return out;
    }

    /** Float image planes, channel-major. */
    record Planes(int channels, int height, int width, float[] data) {
        float at(int c, int y, int x) {
            return data[(c * height + y) * width + x];
        }
    }
}
