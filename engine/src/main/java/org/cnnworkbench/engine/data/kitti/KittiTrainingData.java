package org.cnnworkbench.engine.data.kitti;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.cnnworkbench.engine.data.ImageDecoder;
import org.cnnworkbench.engine.data.ImagePipeline;
import org.cnnworkbench.engine.detection.Detection;
import org.cnnworkbench.engine.model.Shape;

/**
 * A KITTI folder prepared for a detector: the reproducible train/validation split, the class mapping, and each
 * image stretched to the network's input with its boxes scaled alike and the per-channel mean subtracted.
 * Unreadable images are skipped and counted ({@link #skipped}). Training reads may be augmented: a horizontal flip
 * with probability 1/2 and a random shift of up to 1/16 of each side (uncovered pixels take the mean), boxes moved
 * with the pixels and clipped.
 *
 * <pre>{@code
 * KittiTrainingData data = KittiTrainingData.open(Path.of("kitti"), new Shape.FeatureMap(3, 188, 621),
 *         KittiTrainingData.Options.defaults(), null);
 * Optional<KittiTrainingData.Item> first = data.read(data.train().get(0), null);
 * }</pre>
 */
public final class KittiTrainingData {

    /** How many training images the mean is computed from at most (evenly spaced). */
    public static final int MEAN_IMAGES = 200;

    /**
     * @param valFraction share of the images held out for validation
     * @param splitSeed   seed of the split ({@link KittiDataset#split})
     * @param trainLimit  at most this many training images (0: all), the first in id order
     * @param valLimit    at most this many validation images (0: all)
     * @param augment     flip and shift training images
     * @param classes     the trained classes and which KITTI types map to them
     * @param onMalformed what a malformed label line does
     */
    public record Options(double valFraction, long splitSeed, int trainLimit, int valLimit, boolean augment,
                          KittiClassMap classes, KittiDataset.OnMalformed onMalformed) {

        public Options {
            if (!(valFraction > 0 && valFraction < 1)) {
                throw new IllegalArgumentException("the validation share must be between 0 and 1, not "
                        + valFraction);
            }
            if (trainLimit < 0 || valLimit < 0) {
                throw new IllegalArgumentException("image limits must not be negative");
            }
        }

        /** 20% validation, split seed 42, all images, augmented, Car/Pedestrian/Cyclist, malformed images skipped. */
        public static Options defaults() {
            return new Options(0.2, 42, 0, 0, true, KittiClassMap.standard(), KittiDataset.OnMalformed.SKIP_IMAGE);
        }

        public Options withLimits(int train, int val) {
            return new Options(valFraction, splitSeed, train, val, augment, classes, onMalformed);
        }

        public Options withAugment(boolean on) {
            return new Options(valFraction, splitSeed, trainLimit, valLimit, on, classes, onMalformed);
        }
    }

    /**
     * One prepared image: channel-major pixels at the network's input size minus the mean, the objects of the
     * trained classes in input pixels (class index into {@link #classNames}, score 1), and the original size.
     */
    public record Item(String id, float[] chw, List<Detection> boxes, int imageWidth, int imageHeight) {
    }

    private final KittiDataset dataset;
    private final Shape.FeatureMap input;
    private final Options options;
    private final List<KittiSample> train;
    private final List<KittiSample> val;
    private final float[] mean;
    private final Map<Path, String> skipped = new ConcurrentHashMap<>();

    private KittiTrainingData(KittiDataset dataset, Shape.FeatureMap input, Options options, float[] mean) {
        this.dataset = dataset;
        this.input = input;
        this.options = options;
        KittiDataset.Split split = dataset.split(options.valFraction(), options.splitSeed());
        this.train = limit(split.train(), options.trainLimit());
        this.val = limit(split.val(), options.valLimit());
        this.mean = mean != null ? mean.clone() : computeMean();
    }

    /**
     * Opens the KITTI folder {@code root} for a network whose input is {@code input} ({@code mean} null: the
     * training images' own).
     *
     * @throws IOException if the folder is missing or unreadable, or a malformed line stops opening
     * @throws IllegalArgumentException if the input is not 3 channels or the split leaves no training image
     */
    public static KittiTrainingData open(Path root, Shape.FeatureMap input, Options options, float[] mean)
            throws IOException {
        if (input.channels() != 3) {
            throw new IllegalArgumentException("KITTI images are colour: the network's input must have 3 channels, "
                    + "not " + input.channels());
        }
        if (mean != null && mean.length != 3) {
            throw new IllegalArgumentException("the mean has " + mean.length + " channels, the input 3");
        }
        KittiTrainingData data = new KittiTrainingData(KittiDataset.open(root, options.onMalformed()), input, options,
                mean);
        if (data.train.isEmpty()) {
            throw new IllegalArgumentException(root + ": no training images left after the validation split ("
                    + data.dataset.samples().size() + " labelled images)");
        }
        return data;
    }

    private static List<KittiSample> limit(List<KittiSample> samples, int limit) {
        return limit == 0 || samples.size() <= limit ? samples : List.copyOf(samples.subList(0, limit));
    }

    private float[] computeMean() {
        double[] sums = new double[3];
        long count = 0;
        int n = Math.min(MEAN_IMAGES, train.size());
        for (int i = 0; i < n; i++) {
            KittiSample s = train.get((int) ((long) i * train.size() / n));
            Optional<float[]> pixels = pixels(s);
            if (pixels.isEmpty()) {
                continue;
            }
            float[] chw = pixels.get();
            int area = chw.length / 3;
            for (int c = 0; c < 3; c++) {
                for (int j = c * area; j < (c + 1) * area; j++) {
                    sums[c] += chw[j];
                }
            }
            count += area;
        }
        float[] m = new float[3];
        for (int c = 0; c < 3; c++) {
            m[c] = count == 0 ? 0f : (float) (sums[c] / count);
        }
        return m;
    }

    private Optional<float[]> pixels(KittiSample s) {
        return decode(s).map(image -> ImagePipeline.stretch(image, 3, (int) input.height(), (int) input.width()));
    }

    /** The decoded image of {@code s}; empty (skipped and counted) if it cannot be read. */
    private Optional<BufferedImage> decode(KittiSample s) {
        ImageDecoder.Result r = ImageDecoder.decode(s.image());
        if (r.image().isEmpty()) {
            skipped.put(s.image(), r.problem());
        }
        return r.image();
    }

    /**
     * Image {@code s} prepared for the network; {@code random} null for the plain (evaluation) version, else
     * augmented when the options say so. Empty for an unreadable image (skipped and counted).
     */
    public Optional<Item> read(KittiSample s, Random random) {
        Optional<BufferedImage> decoded = decode(s);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        BufferedImage image = decoded.get();
        int h = (int) input.height();
        int w = (int) input.width();
        float[] chw = ImagePipeline.stretch(image, 3, h, w);
        double sx = (double) w / image.getWidth();
        double sy = (double) h / image.getHeight();
        List<Detection> boxes = new ArrayList<>();
        for (KittiLabel l : s.labels()) {
            Optional<Integer> c = options.classes().classOf(l.type());
            if (c.isPresent() && l.right() > l.left() && l.bottom() > l.top()) {
                boxes.add(new Detection(c.get(), 1, l.left() * sx, l.top() * sy, l.right() * sx, l.bottom() * sy));
            }
        }
        ImagePipeline.subtractMean(chw, mean);
        if (random != null && options.augment()) {
            boolean flip = random.nextBoolean();
            int dx = random.nextInt(2 * (w / 16) + 1) - w / 16;
            int dy = random.nextInt(2 * (h / 16) + 1) - h / 16;
            chw = shiftAndFlip(chw, h, w, dx, dy, flip);
            List<Detection> moved = new ArrayList<>();
            for (Detection d : boxes) {
                // pixel x moves to w - 1 - x (shiftAndFlip), and so do the box's edges
                double left = flip ? w - 1 - d.right() : d.left();
                double right = flip ? w - 1 - d.left() : d.right();
                new Detection(d.classIndex(), 1, left + dx, d.top() + dy, right + dx, d.bottom() + dy)
                        .clipped(w, h).ifPresent(moved::add);
            }
            boxes = moved;
        }
        return Optional.of(new Item(s.id(), chw, List.copyOf(boxes), image.getWidth(), image.getHeight()));
    }

    /** The image flipped (optionally) and moved by (dx, dy); uncovered pixels are 0, the mean. */
    private static float[] shiftAndFlip(float[] chw, int h, int w, int dx, int dy, boolean flip) {
        float[] out = new float[chw.length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                int sy = y - dy;
                if (sy < 0 || sy >= h) {
                    continue;
                }
                for (int x = 0; x < w; x++) {
                    int sx = x - dx;
                    if (sx < 0 || sx >= w) {
                        continue;
                    }
                    int from = flip ? w - 1 - sx : sx;
                    out[(c * h + y) * w + x] = chw[(c * h + sy) * w + from];
                }
            }
        }
        return out;
    }

    public List<KittiSample> train() {
        return train;
    }

    public List<KittiSample> validation() {
        return val;
    }

    public float[] mean() {
        return mean.clone();
    }

    public Shape.FeatureMap input() {
        return input;
    }

    public Options options() {
        return options;
    }

    /** The trained classes, in class-index order. */
    public List<String> classNames() {
        return options.classes().classes();
    }

    /** Unreadable images so far, with the reason. */
    public Map<Path, String> skipped() {
        return Map.copyOf(skipped);
    }

    /** The data set's own warnings (malformed lines, images without labels, labels without images). */
    public List<String> warnings() {
        return dataset.warnings();
    }

    public Path root() {
        return dataset.root();
    }
}
