package org.cnnworkbench.engine.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017) in its IDX form: 60,000 training and 10,000 test images of
 * 28x28 grey pixels in 10 classes.
 *
 * <p>The Debian package {@code dataset-fashion-mnist} installs the four gzipped files in
 * {@link #DEFAULT_DIRECTORY}.
 *
 * <pre>{@code
 * FashionMnist data = FashionMnist.open(FashionMnist.DEFAULT_DIRECTORY);
 * FashionMnist.Split test = data.load(FashionMnist.Subset.TEST, 1000);
 * ImageSample first = test.sample(0);   // 1x28x28, values in [0, 1]
 * }</pre>
 */
public final class FashionMnist {

    /** Where the Debian package {@code dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** The class names, by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Folder names for the classes, by label: the label first, so that sorting them keeps the label order. */
    public static final List<String> FOLDER_NAMES = List.of("0-tshirt-top", "1-trouser", "2-pullover", "3-dress",
            "4-coat", "5-sandal", "6-shirt", "7-sneaker", "8-bag", "9-ankle-boot");

    public static final int SIDE = 28;

    /** The two halves of the data set. */
    public enum Subset {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Subset(String prefix) {
            this.prefix = prefix;
        }

        String imagesFile() {
            return prefix + "-images-idx3-ubyte";
        }

        String labelsFile() {
            return prefix + "-labels-idx1-ubyte";
        }
    }

    private final Path directory;

    private FashionMnist(Path directory) {
        this.directory = directory;
    }

    /**
     * Opens the data set in {@code directory}, which must hold the four IDX files, gzipped ({@code .gz}) or not.
     *
     * @throws DatasetMissingException if a file is missing; the message says to install dataset-fashion-mnist
     */
    public static FashionMnist open(Path directory) throws DatasetMissingException {
        FashionMnist data = new FashionMnist(directory);
        for (Subset s : Subset.values()) {
            data.find(s.imagesFile());
            data.find(s.labelsFile());
        }
        return data;
    }

    /** Whether the data set is installed in {@link #DEFAULT_DIRECTORY}. */
    public static boolean isInstalled() {
        try {
            open(DEFAULT_DIRECTORY);
            return true;
        } catch (DatasetMissingException e) {
            return false;
        }
    }

    public Path directory() {
        return directory;
    }

    /** Reads the first {@code limit} images and labels of a subset ({@code Integer.MAX_VALUE}: all). */
    public Split load(Subset subset, int limit) throws IOException {
        IdxFile images = IdxReader.readImages(find(subset.imagesFile()), limit);
        IdxFile labels = IdxReader.readLabels(find(subset.labelsFile()), limit);
        if (images.count() != labels.count()) {
            throw new IdxFormatException(find(subset.labelsFile()), 4, labels.count() + " labels for "
                    + images.count() + " images");
        }
        int[] dims = images.dims();
        for (int i = 0; i < labels.count(); i++) {
            int label = labels.unsigned(i);
            if (label >= CLASS_NAMES.size()) {
                throw new IdxFormatException(find(subset.labelsFile()), 8 + i, "label " + label
                        + " is not a Fashion-MNIST class (0..9)");
            }
        }
        return new Split(images, labels, dims[1], dims[2]);
    }

    private Path find(String name) throws DatasetMissingException {
        Path gz = directory.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = directory.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new DatasetMissingException("Fashion-MNIST not found: no " + gz + (directory.equals(DEFAULT_DIRECTORY)
                ? "; install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)"
                : "; give the folder holding the IDX files, or install the Debian package dataset-fashion-mnist"));
    }

    /** Loaded images and labels of one subset. */
    public static final class Split {
        private final IdxFile images;
        private final IdxFile labels;
        private final int rows;
        private final int columns;

        Split(IdxFile images, IdxFile labels, int rows, int columns) {
            this.images = images;
            this.labels = labels;
            this.rows = rows;
            this.columns = columns;
        }

        public int size() {
            return labels.count();
        }

        public int rows() {
            return rows;
        }

        public int columns() {
            return columns;
        }

        public int label(int index) {
            return labels.unsigned(index);
        }

        /** The raw 8-bit pixel (0..255) of image {@code index}. */
        public int pixel(int index, int row, int column) {
            return images.unsigned((long) index * rows * columns + (long) row * columns + column);
        }

        /** Image {@code index} as a 1 x rows x columns sample with values v / 255. */
        public ImageSample sample(int index) {
            float[] chw = new float[rows * columns];
            int base = index * rows * columns;
            for (int i = 0; i < chw.length; i++) {
                chw[i] = images.unsigned(base + (long) i) / 255f;
            }
            return new ImageSample(chw, 1, rows, columns, label(index));
        }

        /** All images as samples, in file order. */
        public List<ImageSample> samples() {
            List<ImageSample> all = new ArrayList<>(size());
            for (int i = 0; i < size(); i++) {
                all.add(sample(i));
            }
            return all;
        }

        /** The number of images of each class, by label. */
        public int[] classCounts() {
            int[] counts = new int[CLASS_NAMES.size()];
            for (int i = 0; i < size(); i++) {
                counts[label(i)]++;
            }
            return counts;
        }
    }
}
