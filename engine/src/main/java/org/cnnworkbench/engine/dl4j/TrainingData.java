package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.cnnworkbench.engine.data.ClassSubset;
import org.cnnworkbench.engine.data.FashionMnist;
import org.cnnworkbench.engine.data.ImageEntry;
import org.cnnworkbench.engine.data.ImageAugment;
import org.cnnworkbench.engine.data.ImageFolderDataset;
import org.cnnworkbench.engine.data.ImageIndex;
import org.cnnworkbench.engine.data.ImagePipeline;
import org.cnnworkbench.engine.data.ImageSample;
import org.cnnworkbench.engine.model.Shape;

/**
 * The training and validation images of a run, with class names and the per-channel mean that every sample has
 * already had subtracted (the {@link Predictor} subtracts the same mean). Samples are read lazily by index, so
 * an image folder is decoded batch by batch.
 *
 * <pre>{@code
 * TrainingData data = TrainingData.open(DataSpec.fashionMnist(2_000, 500), new Shape.FeatureMap(1, 28, 28));
 * }</pre>
 */
public final class TrainingData {

    /** Images by index; {@code read} is empty for an unreadable image (skipped and counted). */
    public interface Source {
        int size();

        /** Image {@code i}; {@code random} null for the plain (evaluation) version, else augmented. */
        Optional<ImageSample> read(int i, Random random);
    }

    private static final String MEMORY = "memory";

    private final DataSpec spec;
    private final Source train;
    private final Source validation;
    private final List<String> classes;
    private final float[] mean;
    private final List<ImageFolderDataset> folders;

    private TrainingData(DataSpec spec, Source train, Source validation, List<String> classes, float[] mean,
                         List<ImageFolderDataset> folders) {
        this.spec = spec;
        this.train = train;
        this.validation = validation;
        this.classes = List.copyOf(classes);
        this.mean = mean.clone();
        this.folders = folders;
    }

    /** In-memory samples (already normalised), for tests and callers with their own data. */
    public static TrainingData of(List<ImageSample> train, List<ImageSample> validation, List<String> classes) {
        int channels = train.get(0).channels();
        return new TrainingData(new DataSpec(MEMORY, null, 0, 0, 0, 0, false), listSource(train),
                listSource(validation), classes, new float[channels], List.of());
    }

    /**
     * Opens the data described by {@code spec} for a network whose input is {@code input}.
     *
     * @throws IOException if the data is missing or unreadable (the message names the file or folder)
     * @throws IllegalArgumentException if the data does not fit the input (channels, size) or has no images
     */
    public static TrainingData open(DataSpec spec, Shape.FeatureMap input) throws IOException {
        return open(spec, input, null);
    }

    /**
     * Opens the data with a given per-channel mean instead of the training images' own ({@code null}: their
     * own): a model trained with one mean must see its data with that mean, whatever images fine-tune it.
     */
    public static TrainingData open(DataSpec spec, Shape.FeatureMap input, float[] mean) throws IOException {
        if (MEMORY.equals(spec.source())) {
            throw new IOException("this run was trained on in-memory samples (TrainingData.of), which cannot be "
                    + "read again");
        }
        if (mean != null && mean.length != input.channels()) {
            throw new IllegalArgumentException("the mean has " + mean.length + " channels, the input "
                    + input.channels());
        }
        return spec.isFashionMnist() ? openFashion(spec, input, mean) : openFolder(spec, input, mean);
    }

    private static TrainingData openFashion(DataSpec spec, Shape.FeatureMap input, float[] givenMean)
            throws IOException {
        if (input.channels() != 1 || input.height() != FashionMnist.SIDE || input.width() != FashionMnist.SIDE) {
            throw new IllegalArgumentException("Fashion-MNIST images are 1x28x28 but the network's input is "
                    + input.channels() + "x" + input.height() + "x" + input.width());
        }
        FashionMnist fm = FashionMnist.open(spec.fashionDir() == null ? FashionMnist.DEFAULT_DIRECTORY
                : Path.of(spec.fashionDir()));
        int classCount = spec.classes() == 0 ? FashionMnist.CLASS_NAMES.size()
                : Math.min(spec.classes(), FashionMnist.CLASS_NAMES.size());
        FashionMnist.Split trainSplit = fm.load(FashionMnist.Subset.TRAIN, limit(spec.trainLimit()));
        FashionMnist.Split valSplit = fm.load(FashionMnist.Subset.TEST, limit(spec.valLimit()));
        int[] trainIdx = select(trainSplit, classCount, spec.perClass());
        int[] valIdx = select(valSplit, classCount, spec.perClass());
        double sum = 0;
        for (int i : trainIdx) {
            for (float v : trainSplit.sample(i).chw()) {
                sum += v;
            }
        }
        float[] mean = givenMean != null ? givenMean.clone()
                : new float[] {trainIdx.length == 0 ? 0f : (float) (sum / ((double) trainIdx.length * 28 * 28))};
        return new TrainingData(spec, fashionSource(trainSplit, trainIdx, mean[0], spec.augment()),
                fashionSource(valSplit, valIdx, mean[0], false), FashionMnist.CLASS_NAMES.subList(0, classCount), mean,
                List.of());
    }

    private static int limit(int n) {
        return n == 0 ? Integer.MAX_VALUE : n;
    }

    private static int[] select(FashionMnist.Split split, int classCount, int perClass) {
        int[] counts = new int[classCount];
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < split.size(); i++) {
            int label = split.label(i);
            if (label < classCount && (perClass == 0 || counts[label] < perClass)) {
                counts[label]++;
                kept.add(i);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Fashion-MNIST samples minus the mean; with {@code augment}, a training read ({@code random} given) shifts
     * the image by up to {@link DataSpec#FASHION_SHIFT} pixels each way (uncovered pixels are background, 0
     * before the mean) and flips it horizontally with probability 1/2.
     */
    private static Source fashionSource(FashionMnist.Split split, int[] indices, float mean, boolean augment) {
        return new Source() {
            public int size() {
                return indices.length;
            }

            public Optional<ImageSample> read(int i, Random random) {
                ImageSample s = split.sample(indices[i]);
                float[] chw = augment && random != null
                        ? ImageAugment.shiftAndFlip(s.chw(), s.channels(), s.height(), s.width(),
                                DataSpec.FASHION_SHIFT, 0f, random)
                        : s.chw();
                for (int j = 0; j < chw.length; j++) {
                    chw[j] -= mean;
                }
                return Optional.of(new ImageSample(chw, 1, s.height(), s.width(), s.label()));
            }
        };
    }

    private static TrainingData openFolder(DataSpec spec, Shape.FeatureMap input, float[] givenMean)
            throws IOException {
        Path root = Path.of(spec.source());
        Path trainDir = root.resolve("train");
        if (!Files.isDirectory(trainDir)) {
            throw new IOException(root + ": no train/ folder (expected " + root + "/train/<class>/<image>.png and "
                    + "optionally " + root + "/val/<class>/<image>.png)");
        }
        ClassSubset subset = spec.classes() == 0 ? ClassSubset.all() : ClassSubset.first(spec.classes());
        ImageIndex trainIndex = ImageIndex.scanFolder(trainDir, subset, spec.perClass());
        ImageIndex valIndex;
        Path valDir = root.resolve("val");
        if (Files.isDirectory(valDir)) {
            valIndex = ImageIndex.scanFolder(valDir, ClassSubset.named(trainIndex.classes()), spec.perClass());
        } else {
            List<ImageEntry> kept = new ArrayList<>();
            List<ImageEntry> held = new ArrayList<>();
            for (int i = 0; i < trainIndex.entries().size(); i++) {
                (i % 10 == 9 ? held : kept).add(trainIndex.entries().get(i));
            }
            valIndex = new ImageIndex(trainIndex.classes(), held);
            trainIndex = new ImageIndex(trainIndex.classes(), kept);
        }
        trainIndex = cap(trainIndex, spec.trainLimit());
        valIndex = cap(valIndex, spec.valLimit());
        if (trainIndex.size() == 0) {
            throw new IllegalArgumentException(trainDir + ": no images");
        }
        ImagePipeline pipeline = ImagePipeline.forInput(input);
        float[] mean = givenMean != null ? givenMean.clone() : ImageFolderDataset.channelMean(trainIndex, pipeline);
        ImageFolderDataset trainSet = new ImageFolderDataset(trainIndex, pipeline.withMean(mean));
        ImageFolderDataset valSet = new ImageFolderDataset(valIndex, pipeline.withMean(mean));
        return new TrainingData(spec, folderSource(trainSet, spec.augment()), folderSource(valSet, false), trainIndex.classes(), mean,
                List.of(trainSet, valSet));
    }

    /** At most {@code limit} entries, evenly spaced so that every class keeps its share. */
    private static ImageIndex cap(ImageIndex index, int limit) {
        if (limit == 0 || index.size() <= limit) {
            return index;
        }
        List<ImageEntry> kept = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            kept.add(index.entries().get((int) ((long) i * index.size() / limit)));
        }
        return new ImageIndex(index.classes(), kept);
    }

    /** Images of {@code set}; a training read is augmented (random crop and flip) only with {@code augment}. */
    private static Source folderSource(ImageFolderDataset set, boolean augment) {
        return new Source() {
            public int size() {
                return set.size();
            }

            public Optional<ImageSample> read(int i, Random random) {
                return set.read(i, augment ? random : null);
            }
        };
    }

    private static Source listSource(List<ImageSample> samples) {
        List<ImageSample> copy = List.copyOf(samples);
        return new Source() {
            public int size() {
                return copy.size();
            }

            public Optional<ImageSample> read(int i, Random random) {
                return Optional.of(copy.get(i));
            }
        };
    }

    public DataSpec spec() {
        return spec;
    }

    public Source train() {
        return train;
    }

    public Source validation() {
        return validation;
    }

    public List<String> classes() {
        return classes;
    }

    /** The per-channel mean subtracted from every sample (in [0, 1] units). */
    public float[] mean() {
        return mean.clone();
    }

    /** The unreadable images met so far (path -> reason). */
    public Map<Path, String> skippedImages() {
        Map<Path, String> all = new LinkedHashMap<>();
        folders.forEach(f -> all.putAll(f.skippedImages()));
        return all;
    }
}
