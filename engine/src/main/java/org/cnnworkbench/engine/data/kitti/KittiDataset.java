package org.cnnworkbench.engine.data.kitti;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cnnworkbench.engine.data.DatasetMissingException;
import org.cnnworkbench.engine.data.ImageIndex;

/**
 * The training part of the KITTI object benchmark: {@code DIR/training/image_2/NNNNNN.png} and
 * {@code DIR/training/label_2/NNNNNN.txt} (DIR may also be the {@code training} folder itself). Images are listed,
 * not decoded; every label file is parsed.
 *
 * <p>A malformed label line is reported with its file, line and column; {@link OnMalformed} decides whether that
 * image is left out ({@code SKIP_IMAGE}, counted) or opening stops with the first one ({@code STOP}). Images
 * without a label file and label files without an image are reported and left out.
 *
 * <pre>{@code
 * KittiDataset data = KittiDataset.open(Path.of("kitti"), KittiDataset.OnMalformed.SKIP_IMAGE);
 * data.warnings().forEach(System.err::println);
 * KittiDataset.Split split = data.split(0.2, 42);   // 20% for validation, reproducible
 * }</pre>
 */
public final class KittiDataset {

    /** What to do with an image whose label file has a malformed line. */
    public enum OnMalformed {
        /** Leave the image out, report the line and count the image. */
        SKIP_IMAGE,
        /** Stop with the first malformed line (a {@link KittiLabelFormatException}). */
        STOP
    }

    /** A train/val split of the samples. */
    public record Split(List<KittiSample> train, List<KittiSample> val) {

        public Split {
            train = List.copyOf(train);
            val = List.copyOf(val);
        }
    }

    private final Path root;
    private final List<KittiSample> samples;
    private final List<Path> imagesWithoutLabels;
    private final List<Path> labelsWithoutImages;
    private final List<KittiLabelFormatException> malformed;
    private final int skippedImages;

    private KittiDataset(Path root, List<KittiSample> samples, List<Path> imagesWithoutLabels,
            List<Path> labelsWithoutImages, List<KittiLabelFormatException> malformed, int skippedImages) {
        this.root = root;
        this.samples = List.copyOf(samples);
        this.imagesWithoutLabels = List.copyOf(imagesWithoutLabels);
        this.labelsWithoutImages = List.copyOf(labelsWithoutImages);
        this.malformed = List.copyOf(malformed);
        this.skippedImages = skippedImages;
    }

    /** The folder holding {@code image_2} and {@code label_2} for {@code dir} or {@code dir/training}. */
    public static Path trainingFolder(Path dir) throws DatasetMissingException {
        if (Files.isDirectory(dir.resolve("training").resolve("image_2"))) {
            return dir.resolve("training");
        }
        if (Files.isDirectory(dir.resolve("image_2"))) {
            return dir;
        }
        throw new DatasetMissingException(dir + ": not a KITTI object folder (expected " + dir
                + "/training/image_2/NNNNNN.png and " + dir + "/training/label_2/NNNNNN.txt)");
    }

    /**
     * Lists the images and parses every label file.
     *
     * @throws DatasetMissingException if there is no {@code image_2} or {@code label_2} folder
     * @throws KittiLabelFormatException    with {@code STOP}, at the first malformed line
     */
    public static KittiDataset open(Path dir, OnMalformed onMalformed) throws IOException {
        Path root = trainingFolder(dir);
        Path labelDir = root.resolve("label_2");
        if (!Files.isDirectory(labelDir)) {
            throw new DatasetMissingException(labelDir + ": no such folder (the labels of " + root.resolve("image_2")
                    + ")");
        }
        Map<String, Path> images = list(root.resolve("image_2"), ImageIndex::isImageFile);
        Map<String, Path> labels = list(labelDir, p -> p.getFileName().toString().endsWith(".txt"));
        List<KittiSample> samples = new ArrayList<>();
        List<Path> imagesWithoutLabels = new ArrayList<>();
        List<KittiLabelFormatException> malformed = new ArrayList<>();
        int skipped = 0;
        for (Map.Entry<String, Path> image : images.entrySet()) {
            Path labelFile = labels.get(image.getKey());
            if (labelFile == null) {
                imagesWithoutLabels.add(image.getValue());
                continue;
            }
            List<KittiLabelFormatException> problems;
            List<KittiLabel> parsed = List.of();
            try {
                KittiLabelFile.Parsed p = KittiLabelFile.read(labelFile);
                problems = p.problems();
                parsed = p.labels();
            } catch (KittiLabelFormatException e) {
                problems = List.of(e);
            }
            if (!problems.isEmpty()) {
                if (onMalformed == OnMalformed.STOP) {
                    throw problems.get(0);
                }
                malformed.addAll(problems);
                skipped++;
                continue;
            }
            samples.add(new KittiSample(image.getKey(), image.getValue(), parsed));
        }
        List<Path> labelsWithoutImages = labels.entrySet().stream().filter(e -> !images.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
        return new KittiDataset(root, samples, imagesWithoutLabels, labelsWithoutImages, malformed, skipped);
    }

    private static Map<String, Path> list(Path dir, java.util.function.Predicate<Path> keep) throws IOException {
        Map<String, Path> byId = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(keep).toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".")) {
                    byId.put(name.substring(0, name.lastIndexOf('.')), p);
                }
            }
        }
        return byId;
    }

    /** The {@code training} folder read. */
    public Path root() {
        return root;
    }

    /** The images with a label file that parsed, sorted by id. */
    public List<KittiSample> samples() {
        return samples;
    }

    /** Images that have no label file (left out). */
    public List<Path> imagesWithoutLabels() {
        return imagesWithoutLabels;
    }

    /** Label files that have no image (ignored). */
    public List<Path> labelsWithoutImages() {
        return labelsWithoutImages;
    }

    /** Every malformed line (or unreadable label file), with file, line and column. */
    public List<KittiLabelFormatException> malformed() {
        return malformed;
    }

    /** Images left out because their label file has a malformed line. */
    public int skippedImages() {
        return skippedImages;
    }

    /**
     * A reproducible split: the samples in id order are shuffled with {@code new Random(seed)}; the first
     * {@code round(valFraction x n)} go to validation, the rest to training; both lists are in id order. The same
     * folder, fraction and seed always give the same split.
     */
    public Split split(double valFraction, long seed) {
        if (!(valFraction >= 0 && valFraction <= 1)) {
            throw new IllegalArgumentException("the validation fraction must be between 0 and 1, not " + valFraction);
        }
        List<KittiSample> shuffled = new ArrayList<>(samples);
        Collections.shuffle(shuffled, new Random(seed));
        int valCount = (int) Math.round(valFraction * shuffled.size());
        Comparator<KittiSample> byId = Comparator.comparing(KittiSample::id);
        List<KittiSample> val = new ArrayList<>(shuffled.subList(0, valCount));
        List<KittiSample> train = new ArrayList<>(shuffled.subList(valCount, shuffled.size()));
        val.sort(byId);
        train.sort(byId);
        return new Split(train, val);
    }

    /**
     * One line each for what was left out: the first ten malformed lines and a count, images without labels,
     * labels without images.
     */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < Math.min(10, malformed.size()); i++) {
            w.add(malformed.get(i).getMessage());
        }
        if (malformed.size() > 10) {
            w.add("... and " + (malformed.size() - 10) + " more malformed lines");
        }
        if (skippedImages > 0) {
            w.add("skipped " + skippedImages + " image" + (skippedImages == 1 ? "" : "s")
                    + " with malformed label lines");
        }
        if (!imagesWithoutLabels.isEmpty()) {
            w.add(imagesWithoutLabels.size() + " image" + (imagesWithoutLabels.size() == 1 ? "" : "s")
                    + " without a label file: " + names(imagesWithoutLabels));
        }
        if (!labelsWithoutImages.isEmpty()) {
            w.add(labelsWithoutImages.size() + " label file" + (labelsWithoutImages.size() == 1 ? "" : "s")
                    + " without an image: " + names(labelsWithoutImages));
        }
        return w;
    }

    private static String names(List<Path> files) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(10, files.size()); i++) {
            b.append(i == 0 ? "" : ", ").append(files.get(i).getFileName());
        }
        return files.size() > 10 ? b + ", ..." : b.toString();
    }
}
