package org.cnnworkbench.engine.detection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cnnworkbench.engine.data.kitti.KittiLabel;
import org.cnnworkbench.engine.data.kitti.KittiLabelFile;
import org.cnnworkbench.engine.data.kitti.KittiLabelFormatException;

/**
 * Pairs a ground-truth folder ({@code label_2/}) with a result folder by file name ({@code 000042.txt}): a
 * ground-truth file without a result file is an image with no detections; a result file without ground truth
 * is left out, with a warning.
 *
 * <pre>{@code
 * KittiFolders.Loaded data = KittiFolders.load(Path.of("training/label_2"), Path.of("results/data"));
 * data.warnings().forEach(System.err::println);
 * KittiEvaluation e = KittiEvaluator.evaluate(data.frames());
 * }</pre>
 */
public final class KittiFolders {

    /** The frames in file-name order, and what was left out. */
    public record Loaded(List<KittiFrame> frames, List<String> warnings) {
    }

    /** A folder the user named is not usable (missing, empty, not a folder): the message says which and why. */
    public static final class FolderException extends Exception {
        public FolderException(String message) {
            super(message);
        }
    }

    private KittiFolders() {
    }

    public static Loaded load(Path truthDir, Path resultDir) throws FolderException, KittiLabelFormatException {
        return load(truthDir, resultDir, false);
    }

    /**
     * {@link #load(Path, Path)}; with {@code onlyResults} only the frames that have a result file are evaluated
     * (a validation split detected on its own), the other ground-truth files are counted in a warning. The devkit
     * itself evaluates every ground-truth frame, a missing result file as no detections.
     */
    public static Loaded load(Path truthDir, Path resultDir, boolean onlyResults)
            throws FolderException, KittiLabelFormatException {
        TreeMap<String, Path> truth = textFiles(truthDir, "ground-truth");
        TreeMap<String, Path> results = textFiles(resultDir, "result");
        if (truth.isEmpty()) {
            throw new FolderException(truthDir + ": no ground-truth label files (NNNNNN.txt) in this folder");
        }
        if (results.isEmpty()) {
            throw new FolderException(resultDir + ": no result files (NNNNNN.txt) in this folder");
        }
        List<String> warnings = new ArrayList<>();
        List<String> orphans = results.keySet().stream().filter(name -> !truth.containsKey(name)).toList();
        if (orphans.size() == results.size()) {
            throw new FolderException("none of the " + results.size() + " result files in " + resultDir
                    + " has a ground-truth file of the same name in " + truthDir + " (e.g. " + orphans.get(0) + ")");
        }
        if (!orphans.isEmpty()) {
            warnings.add(orphans.size() + " result file" + (orphans.size() == 1 ? "" : "s") + " without ground truth "
                    + "left out: " + String.join(", ", orphans.subList(0, Math.min(5, orphans.size())))
                    + (orphans.size() > 5 ? ", ..." : "") + " (in " + resultDir + ")");
        }
        if (onlyResults) {
            long without = truth.keySet().stream().filter(name -> !results.containsKey(name)).count();
            if (without > 0) {
                warnings.add(without + " ground-truth file" + (without == 1 ? "" : "s") + " without a result file "
                        + "left out (--only-results)");
            }
        }
        List<KittiFrame> frames = new ArrayList<>();
        for (var entry : truth.entrySet()) {
            Path result = results.get(entry.getKey());
            if (onlyResults && result == null) {
                continue;
            }
            List<KittiLabel> gt = KittiLabelFile.readStrict(entry.getValue(), KittiLabel.Kind.LABEL);
            List<KittiLabel> det = result == null ? List.of()
                    : KittiLabelFile.readStrict(result, KittiLabel.Kind.RESULT);
            frames.add(new KittiFrame(entry.getKey(), gt, det));
        }
        return new Loaded(List.copyOf(frames), List.copyOf(warnings));
    }

    /** The {@code .txt} files directly in {@code dir} (hidden files left out), by name. */
    private static TreeMap<String, Path> textFiles(Path dir, String what) throws FolderException {
        if (!Files.exists(dir)) {
            throw new FolderException(dir + ": no such folder (the " + what + " folder)");
        }
        if (!Files.isDirectory(dir)) {
            throw new FolderException(dir + ": is not a folder; expected the folder of " + what + " files");
        }
        TreeMap<String, Path> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(p -> {
                String name = p.getFileName().toString();
                if (name.endsWith(".txt") && !name.startsWith(".") && !Files.isDirectory(p)) {
                    files.put(name, p);
                }
            });
        } catch (IOException e) {
            throw new FolderException(dir + ": cannot be listed: " + e.getMessage());
        }
        return files;
    }
}
