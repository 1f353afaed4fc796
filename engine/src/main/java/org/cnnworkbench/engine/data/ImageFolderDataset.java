package org.cnnworkbench.engine.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Images of an {@link ImageIndex} decoded (ImageIO: JPEG and PNG, grey or colour) and prepared by an
 * {@link ImagePipeline}.
 *
 * <p>An image that cannot be read - corrupt, truncated, an unsupported variant, not an image at all - is skipped
 * and remembered with its reason, never thrown: {@link #skipped()} counts them and {@link #warning()} names
 * them, so that one bad file out of a million does not abort a run.
 *
 * <pre>{@code
 * ImageIndex index = ImageIndex.scanFolder(root.resolve("train"), ClassSubset.first(10), 500);
 * ImagePipeline pipeline = ImagePipeline.forInput(new Shape.FeatureMap(3, 224, 224));
 * float[] mean = ImageFolderDataset.channelMean(index, pipeline);
 * ImageFolderDataset train = new ImageFolderDataset(index, pipeline.withMean(mean));
 * List<ImageSample> epoch = train.readAll(new Random(1));    // augmented
 * train.warning().ifPresent(System.err::println);
 * }</pre>
 */
public final class ImageFolderDataset {

    private final ImageIndex index;
    private final ImagePipeline pipeline;
    private final Map<Path, String> skipped = Collections.synchronizedMap(new LinkedHashMap<>());

    public ImageFolderDataset(ImageIndex index, ImagePipeline pipeline) {
        this.index = index;
        this.pipeline = pipeline;
    }

    public ImageIndex index() {
        return index;
    }

    public ImagePipeline pipeline() {
        return pipeline;
    }

    public List<String> classes() {
        return index.classes();
    }

    /** The number of indexed images (including any that turn out to be unreadable). */
    public int size() {
        return index.size();
    }

    /**
     * Image {@code i} prepared for the network; empty (and counted in {@link #skipped()}) if it cannot be read.
     *
     * @param random null for the centre crop (evaluation), else the source of the training crop and flip
     */
    public Optional<ImageSample> read(int i, Random random) {
        ImageEntry entry = index.entries().get(i);
        ImagePipeline.Prepared prepared = pipeline.prepare(entry.path(), entry.label(), random);
        if (prepared.problem() != null) {
            skipped.putIfAbsent(entry.path(), prepared.problem());
        }
        return prepared.image();
    }

    /** Every readable image, in index order; unreadable ones are skipped and counted. */
    public List<ImageSample> readAll(Random random) {
        List<ImageSample> samples = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            read(i, random).ifPresent(samples::add);
        }
        return samples;
    }

    /** The number of distinct images that could not be read so far. */
    public int skipped() {
        return skipped.size();
    }

    /** The unreadable images so far and why, in the order met. */
    public Map<Path, String> skippedImages() {
        synchronized (skipped) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        }
    }

    /** A warning naming the unreadable images (the first ten), or empty if all could be read. */
    public Optional<String> warning() {
        return warning(skippedImages());
    }

    /** A warning for {@code unreadable} images (path -> reason), or empty if there are none. */
    public static Optional<String> warning(Map<Path, String> unreadable) {
        if (unreadable.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder("skipped ").append(unreadable.size())
                .append(unreadable.size() == 1 ? " unreadable image: " : " unreadable images: ");
        int n = 0;
        for (Map.Entry<Path, String> e : unreadable.entrySet()) {
            if (n == 10) {
                b.append(", ... (").append(unreadable.size() - 10).append(" more)");
                break;
            }
            b.append(n++ == 0 ? "" : ", ").append(e.getKey()).append(" (").append(e.getValue()).append(')');
        }
        return Optional.of(b.toString());
    }

    /**
     * The per-channel mean (in [0, 1] units) of the centre crops of {@code index}'s readable images, for
     * {@link ImagePipeline#withMean}; all zeros if none is readable.
     */
    public static float[] channelMean(ImageIndex index, ImagePipeline pipeline) {
        ImageFolderDataset plain = new ImageFolderDataset(index, pipeline.withMean(null));
        double[] sums = new double[pipeline.channels()];
        long count = 0;
        int area = pipeline.height() * pipeline.width();
        for (int i = 0; i < index.size(); i++) {
            Optional<ImageSample> s = plain.read(i, null);
            if (s.isPresent()) {
                float[] chw = s.get().chw();
                for (int c = 0; c < sums.length; c++) {
                    for (int j = c * area; j < (c + 1) * area; j++) {
                        sums[c] += chw[j];
                    }
                }
                count += area;
            }
        }
        float[] mean = new float[sums.length];
        for (int c = 0; c < mean.length; c++) {
            mean[c] = count == 0 ? 0f : (float) (sums[c] / count);
        }
        return mean;
    }
}
