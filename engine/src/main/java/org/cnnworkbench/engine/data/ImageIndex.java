package org.cnnworkbench.engine.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.spi.ImageReaderSpi;
import org.cnnworkbench.engine.plugin.Plugins;

/**
 * The image files of a data set and their labels, found without decoding any image.
 *
 * <p>Two layouts are read:
 * <ul>
 *   <li>the ImageNet folder layout, {@code split/<class>/<image>}, with class folders sorted by name giving the
 *       label indices ({@link #scanFolder});</li>
 *   <li>the ILSVRC2012 validation set: images {@code ILSVRC2012_val_00000001.JPEG} ... in one folder and a
 *       ground-truth file with one label per line, line n for image n ({@link #ilsvrcValidation}).</li>
 * </ul>
 * Image files are those ending in .jpeg, .jpg or .png, in any case, or in a suffix of an image reader that an
 * installed plugin adds ({@code WorkbenchPlugin.imageReaders()}).
 *
 * <pre>{@code
 * ImageIndex train = ImageIndex.scanFolder(root.resolve("train"), ClassSubset.first(10), 100);
 * ImageIndex val = ImageIndex.scanFolder(root.resolve("val"), ClassSubset.named(train.classes()), 50);
 * }</pre>
 */
public record ImageIndex(List<String> classes, List<ImageEntry> entries) {

    private static final Pattern ILSVRC_VAL = Pattern.compile("ILSVRC2012_val_(\\d{8})\\.jpe?g",
            Pattern.CASE_INSENSITIVE);

    public ImageIndex {
        classes = List.copyOf(classes);
        entries = List.copyOf(entries);
    }

    /** Whether {@code file}'s name ends in .jpeg, .jpg or .png, or a plugin image reader's suffix (any case). */
    public static boolean isImageFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jpeg") || name.endsWith(".jpg") || name.endsWith(".png")) {
            return true;
        }
        for (ImageReaderSpi reader : Plugins.installed().imageReaders()) {
            for (String suffix : reader.getFileSuffixes()) {
                if (!suffix.isEmpty() && name.endsWith("." + suffix.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Indexes {@code splitDir/<class>/*.{jpeg,jpg,png}}: classes are the sub-folders sorted by name, narrowed by
     * {@code subset}; each class keeps at most {@code perClass} images (0: all), the first in name order.
     *
     * @throws DatasetMissingException if {@code splitDir} is not a folder or has no class folders
     */
    public static ImageIndex scanFolder(Path splitDir, ClassSubset subset, int perClass) throws IOException {
        if (!Files.isDirectory(splitDir)) {
            throw new DatasetMissingException(splitDir + ": no such folder");
        }
        List<String> available;
        try (Stream<Path> s = Files.list(splitDir)) {
            available = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        }
        if (available.isEmpty()) {
            throw new DatasetMissingException(splitDir + ": no class folders (expected " + splitDir
                    + "/<class>/<image>.JPEG)");
        }
        List<String> classes = subset.apply(available, splitDir.toString());
        List<ImageEntry> entries = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            List<Path> files;
            try (Stream<Path> s = Files.list(splitDir.resolve(classes.get(label)))) {
                files = s.filter(Files::isRegularFile).filter(ImageIndex::isImageFile).sorted().toList();
            }
            int n = perClass > 0 ? Math.min(perClass, files.size()) : files.size();
            for (int i = 0; i < n; i++) {
                entries.add(new ImageEntry(files.get(i), label));
            }
        }
        return new ImageIndex(classes, entries);
    }

    /**
     * Indexes the ILSVRC2012 validation images in {@code valDir} with a ground-truth file of one label per line
     * (as the devkit's {@code ILSVRC2012_validation_ground_truth.txt}: line n is the label of image n).
     *
     * @param labelNames the class name of each label, label {@code firstLabel} first (the devkit's labels start at
     *                   1 and name synsets; the names must be those of {@code classes}); {@code null}: the labels'
     *                   numbers are the names
     * @param firstLabel the smallest label, 1 for the devkit, 0 for zero-based files
     * @param classes    the classes to keep, in label-index order (for example a training index's classes);
     *                   images of other classes are left out
     * @param perClass   at most this many images per class (0: all), in image-number order
     */
    public static ImageIndex ilsvrcValidation(Path valDir, Path groundTruth, List<String> labelNames, int firstLabel,
            List<String> classes, int perClass) throws IOException {
        if (!Files.isDirectory(valDir)) {
            throw new DatasetMissingException(valDir + ": no such folder");
        }
        if (!Files.isRegularFile(groundTruth)) {
            throw new DatasetMissingException(groundTruth + ": no such ground-truth file");
        }
        List<String> lines = Files.readAllLines(groundTruth, StandardCharsets.UTF_8);
        List<String> truth = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() && i == lines.size() - 1) {
                break;
            }
            int label;
            try {
                label = Integer.parseInt(line);
            } catch (NumberFormatException e) {
                throw new IOException(groundTruth + " line " + (i + 1) + ": '" + line + "' is not a label number");
            }
            int index = label - firstLabel;
            if (index < 0 || (labelNames != null && index >= labelNames.size())) {
                throw new IOException(groundTruth + " line " + (i + 1) + ": label " + label + " is out of range "
                        + firstLabel + ".." + (labelNames == null ? "" : firstLabel + labelNames.size() - 1));
            }
            truth.add(labelNames == null ? Integer.toString(label) : labelNames.get(index));
        }
        Map<String, Integer> labelOf = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            labelOf.put(classes.get(i), i);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(valDir)) {
            files = s.filter(Files::isRegularFile).filter(p -> ILSVRC_VAL.matcher(p.getFileName().toString())
                    .matches()).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new DatasetMissingException(valDir + ": no ILSVRC2012_val_XXXXXXXX.JPEG images");
        }
        int[] taken = new int[classes.size()];
        List<ImageEntry> entries = new ArrayList<>();
        for (Path file : files) {
            Matcher m = ILSVRC_VAL.matcher(file.getFileName().toString());
            m.matches();
            int number = Integer.parseInt(m.group(1));
            if (number < 1 || number > truth.size()) {
                throw new IOException(groundTruth + " has " + truth.size() + " labels but there is an image "
                        + file.getFileName() + " (number " + number + ")");
            }
            Integer label = labelOf.get(truth.get(number - 1));
            if (label != null && (perClass <= 0 || taken[label] < perClass)) {
                taken[label]++;
                entries.add(new ImageEntry(file, label));
            }
        }
        return new ImageIndex(classes, entries);
    }

    /** The number of images of each class, by label. */
    public int[] classCounts() {
        int[] counts = new int[classes.size()];
        for (ImageEntry e : entries) {
            counts[e.label()]++;
        }
        return counts;
    }

    public int size() {
        return entries.size();
    }
}
