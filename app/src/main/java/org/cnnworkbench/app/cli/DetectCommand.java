package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.cnnworkbench.engine.detection.Detection;
import org.cnnworkbench.engine.detection.DetectionSettings;
import org.cnnworkbench.engine.dl4j.Detector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench detect}: KITTI result files from a trained detection run. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Detect objects in images with a trained detection run (a network ending in a convdet head) "
                + "and write KITTI result files: OUT/<image name>.txt, one line per detection (the 15 label fields "
                + "and a score), the format eval-kitti and the official devkit read (docs/detection.md).",
                "Boxes are decoded from the head, mapped back to each image's pixels and thinned by per-class "
                + "non-maximum suppression. A KITTI folder may be given: its training/image_2 is read."})
final class DetectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "RUN-DIR",
            description = "a detection run directory written by workbench train")
    Path model;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "the folder for the result files (created if needed)")
    Path out;

    @Mixin
    UseEpochOption useEpoch;

    @Option(names = "--min-score", paramLabel = "P", description = "drop boxes scoring less (default: the run's, "
            + "0.005 unless set when training)")
    Double minScore;

    @Option(names = "--nms", paramLabel = "IOU", description = "per-class NMS threshold (default: the run's, 0.4)")
    Double nms;

    @Option(names = "--max-detections", paramLabel = "N", description = "at most N per image (default: the run's, 64)")
    Integer maxDetections;

    @Option(names = "--split", paramLabel = "val|train",
            description = "the run's own validation or training images (its KITTI folder, split as in training) "
                    + "instead of IMAGE arguments")
    String split;

    @Parameters(arity = "0..*", paramLabel = "IMAGE|FOLDER", description = "image files, folders, or a KITTI folder")
    List<Path> inputs = new ArrayList<>();

    private List<Path> argumentImages() {
        if (inputs.isEmpty()) {
            throw new UserException("give images, folders or a KITTI folder to detect in, or --split val");
        }
        List<Path> expanded = new ArrayList<>();
        for (Path input : inputs) {
            Path kittiImages = input.resolve("training").resolve("image_2");
            expanded.add(Files.isDirectory(kittiImages) ? kittiImages : input);
        }
        return InferCommand.imageFiles(expanded);
    }

    private List<Path> splitImages() {
        if (!inputs.isEmpty()) {
            throw new UserException("--split takes the run's own images; give no IMAGE arguments with it");
        }
        if (!split.equals("val") && !split.equals("train")) {
            throw new UserException("--split must be val or train, not '" + split + "'");
        }
        try {
            List<Path> images = Detector.runImages(model, split.equals("val"));
            if (images.isEmpty()) {
                throw new UserException("the run's " + split + " split has no images");
            }
            return images;
        } catch (IOException e) {
            throw new UserException(e.getMessage());
        }
    }

    @Override
    public Integer call() {
        Detector detector;
        try {
            detector = Detector.load(model, useEpoch.choice());
            DetectionSettings s = detector.settings();
            detector = detector.withSettings(new DetectionSettings(minScore == null ? s.minScore() : minScore,
                    nms == null ? s.nmsThreshold() : nms, maxDetections == null ? s.maxDetections() : maxDetections));
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        List<Path> files = split == null ? argumentImages() : splitImages();
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.println("workbench: model: " + detector.model());
        List<Detector.Result> results = detector.detect(files);
        Map<String, Integer> byClass = new TreeMap<>();
        int readable = 0;
        int boxes = 0;
        for (Detector.Result r : results) {
            if (r.error() != null) {
                err.println("workbench: warning: skipped " + r.source() + ": " + r.error());
                continue;
            }
            readable++;
            for (Detection d : r.detections()) {
                byClass.merge(detector.classNames().get(d.classIndex()), 1, Integer::sum);
                boxes++;
            }
        }
        if (readable == 0) {
            throw new UserException("no readable image among " + files.size() + " files");
        }
        int written;
        try {
            written = Detector.writeResults(results, detector.classNames(), out);
        } catch (IOException e) {
            throw new UserException("cannot write the results to " + out + ": " + e.getMessage());
        }
        o.printf(Locale.ROOT, "%,d images, %,d detections (score >= %s), %,d result files in %s%n", readable, boxes,
                detector.settings().minScore(), written, out);
        byClass.forEach((c, n) -> o.printf(Locale.ROOT, "  %-12s %,d%n", c, n));
        o.flush();
        err.flush();
        return ExitCodes.OK;
    }
}
