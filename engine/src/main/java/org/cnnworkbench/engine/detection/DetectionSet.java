package org.cnnworkbench.engine.detection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.cnnworkbench.engine.data.ImageIndex;
import org.cnnworkbench.engine.data.kitti.KittiClassMap;
import org.cnnworkbench.engine.data.kitti.KittiLabel;
import org.cnnworkbench.engine.data.kitti.KittiLabelFile;
import org.cnnworkbench.engine.data.kitti.KittiLabelFormatException;

/**
 * Images with their ground truth and predicted boxes, for looking at: an image folder (a KITTI root with
 * {@code training/image_2}, or any folder of .png/.jpg images), an optional ground-truth label folder (by default
 * the KITTI root's {@code training/label_2}) and an optional folder of KITTI result files (16 fields, the last the
 * score), paired by name ({@code 000042.png} with {@code 000042.txt}).
 *
 * <p>Unlike {@link KittiFolders}, which feeds the evaluator and stops at the first problem, this is lenient: a
 * malformed line is reported with its file, line and column and the file's other lines are kept; an image without
 * a label or result file simply has none; result files without an image are reported once.
 *
 * <pre>{@code
 * DetectionSet set = DetectionSet.load(Path.of("kitti"), null, Path.of("pred"));
 * set.warnings().forEach(System.err::println);
 * DetectionSet.Image first = set.images().get(0);   // first.truth(), first.predictions()
 * }</pre>
 *
 * @param groundTruth the label folder read, or null when there is none
 * @param predictions the result folder read, or null when none was given
 * @param classes     the object types found in either folder (DontCare left out): Car, Pedestrian and Cyclist
 *                    first, then the others by name
 */
public record DetectionSet(Path imageFolder, Path groundTruth, Path predictions, List<Image> images,
        List<String> classes, List<String> warnings) {

    /** The most malformed lines listed one by one; the rest are counted. */
    public static final int MAX_LISTED_PROBLEMS = 20;

    /** One image and the boxes for it (empty lists when it has no label or result file). */
    public record Image(String id, Path file, List<KittiLabel> truth, List<KittiLabel> predictions) {

        public Image {
            truth = List.copyOf(truth);
            predictions = List.copyOf(predictions);
        }

        /** Ground-truth objects, DontCare regions not counted. */
        public int objects() {
            return (int) truth.stream().filter(l -> !l.isDontCare()).count();
        }
    }

    public DetectionSet {
        images = List.copyOf(images);
        classes = List.copyOf(classes);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads the folders.
     *
     * @param images      a KITTI root (or its {@code training} folder), or a folder of images
     * @param groundTruth the label folder, or null for the KITTI root's {@code label_2} when there is one
     * @param predictions the result folder, or null for none
     * @throws KittiFolders.FolderException when a folder is missing, is not a folder, cannot be listed, or the
     *                                      image folder holds no images; the message names it
     */
    public static DetectionSet load(Path images, Path groundTruth, Path predictions)
            throws KittiFolders.FolderException {
        folder(images, "image");
        Path imageDir = images;
        Path truthDir = groundTruth;
        Path training = Files.isDirectory(images.resolve("training").resolve("image_2")) ? images.resolve("training")
                : Files.isDirectory(images.resolve("image_2")) ? images : null;
        if (training != null) {
            imageDir = training.resolve("image_2");
            if (truthDir == null && Files.isDirectory(training.resolve("label_2"))) {
                truthDir = training.resolve("label_2");
            }
        }
        if (groundTruth != null) {
            folder(groundTruth, "ground-truth");
        }
        if (predictions != null) {
            folder(predictions, "prediction");
        }
        TreeMap<String, Path> imageFiles = list(imageDir, ImageIndex::isImageFile);
        if (imageFiles.isEmpty()) {
            throw new KittiFolders.FolderException(imageDir + ": no images (.png, .jpg) in this folder"
                    + (training == null ? " (nor a KITTI training/image_2 folder)" : ""));
        }
        TreeMap<String, Path> truthFiles = truthDir == null ? new TreeMap<>() : list(truthDir, DetectionSet::isText);
        TreeMap<String, Path> resultFiles = predictions == null ? new TreeMap<>() : list(predictions, DetectionSet::isText);

        List<KittiLabelFormatException> problems = new ArrayList<>();
        List<Image> out = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        for (Map.Entry<String, Path> e : imageFiles.entrySet()) {
            List<KittiLabel> truth = read(truthFiles.get(e.getKey()), KittiLabel.Kind.LABEL, problems);
            List<KittiLabel> found = read(resultFiles.get(e.getKey()), KittiLabel.Kind.RESULT, problems);
            truth.stream().filter(l -> !l.isDontCare()).forEach(l -> types.add(l.type()));
            found.stream().filter(l -> !l.isDontCare()).forEach(l -> types.add(l.type()));
            out.add(new Image(e.getKey(), e.getValue(), truth, found));
        }
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_LISTED_PROBLEMS, problems.size()); i++) {
            warnings.add(problems.get(i).getMessage());
        }
        if (problems.size() > MAX_LISTED_PROBLEMS) {
            warnings.add("... and " + (problems.size() - MAX_LISTED_PROBLEMS) + " more malformed lines");
        }
        List<String> orphans = resultFiles.keySet().stream().filter(id -> !imageFiles.containsKey(id)).toList();
        if (!orphans.isEmpty()) {
            warnings.add(orphans.size() + " prediction file" + (orphans.size() == 1 ? "" : "s")
                    + " without an image in " + imageDir + ", not shown: "
                    + String.join(", ", orphans.subList(0, Math.min(5, orphans.size()))) + (orphans.size() > 5
                    ? ", ..." : "") + " (in " + predictions + ")");
        }
        List<String> classes = new ArrayList<>();
        for (String standard : KittiClassMap.DEFAULT_CLASSES) {
            if (types.remove(standard)) {
                classes.add(standard);
            }
        }
        classes.addAll(types);
        return new DetectionSet(imageDir, truthDir, predictions, out, classes, warnings);
    }

    /** The labels of {@code file} that parsed (none when it is null), its problems added to {@code problems}. */
    private static List<KittiLabel> read(Path file, KittiLabel.Kind kind, List<KittiLabelFormatException> problems) {
        if (file == null) {
            return List.of();
        }
        try {
            KittiLabelFile.Parsed parsed = KittiLabelFile.read(file, kind);
            problems.addAll(parsed.problems());
            return parsed.labels();
        } catch (KittiLabelFormatException e) {
            problems.add(e);
            return List.of();
        }
    }

    private static boolean isText(Path file) {
        return file.getFileName().toString().endsWith(".txt");
    }

    private static void folder(Path dir, String what) throws KittiFolders.FolderException {
        if (!Files.exists(dir)) {
            throw new KittiFolders.FolderException(dir + ": no such folder (the " + what + " folder)");
        }
        if (!Files.isDirectory(dir)) {
            throw new KittiFolders.FolderException(dir + ": is not a folder (the " + what + " folder)");
        }
    }

    /** The files directly in {@code dir} that {@code keep} accepts, hidden ones left out, by name without suffix. */
    private static TreeMap<String, Path> list(Path dir, Predicate<Path> keep) throws KittiFolders.FolderException {
        TreeMap<String, Path> byId = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && name.lastIndexOf('.') > 0 && Files.isRegularFile(p) && keep.test(p)) {
                    byId.putIfAbsent(name.substring(0, name.lastIndexOf('.')), p);
                }
            }
        } catch (IOException e) {
            throw new KittiFolders.FolderException(dir + ": cannot be listed: " + e.getMessage());
        }
        return byId;
    }
}
