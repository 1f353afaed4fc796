package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cnnworkbench.engine.data.ImageDecoder;
import org.cnnworkbench.engine.data.ImagePipeline;
import org.cnnworkbench.engine.data.kitti.KittiDataset;
import org.cnnworkbench.engine.data.kitti.KittiLabel;
import org.cnnworkbench.engine.data.kitti.KittiSample;
import org.cnnworkbench.engine.data.kitti.KittiTrainingData;
import org.cnnworkbench.engine.detection.ConvDetLoss;
import org.cnnworkbench.engine.detection.Detection;
import org.cnnworkbench.engine.detection.DetectionSettings;
import org.cnnworkbench.engine.detection.KittiEvaluation;
import org.cnnworkbench.engine.detection.KittiEvaluator;
import org.cnnworkbench.engine.detection.KittiFrame;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Object detection with a trained detection run: each image is stretched to the network's input, the training
 * mean subtracted, the head's output decoded ({@link org.cnnworkbench.engine.detection.ConvDetGrid}), boxes mapped
 * back to the image's pixels, then per-class non-maximum suppression with the run's {@link DetectionSettings}.
 * Results are written as KITTI result files: one {@code <image name>.txt} per image (empty when nothing was found),
 * a label line and a score per detection, which {@code workbench eval-kitti} and the official devkit read.
 *
 * <pre>{@code
 * Detector detector = Detector.load(runDir, ModelChoice.BEST);
 * List<Detector.Result> found = detector.detect(List.of(Path.of("000042.png")));
 * Detector.writeResults(found, detector.classNames(), Path.of("pred"));
 * }</pre>
 */
public final class Detector {

    static {
        Dl4jRuntime.configure();
    }

    /** Images per forward pass. */
    static final int BATCH = 8;

    /** One image's detections in its own pixels, or why it could not be read ({@code error}, detections empty). */
    public record Result(Path source, String name, int width, int height, List<Detection> detections, String error) {
        public Result {
            detections = List.copyOf(detections);
        }
    }

    private final ComputationGraph graph;
    private final DetectorHead head;
    private final RunDirectory.DataInfo info;
    private final DetectionSettings settings;
    private final String model;

    private Detector(ComputationGraph graph, DetectorHead head, RunDirectory.DataInfo info, DetectionSettings settings,
                     String model) {
        this.graph = graph;
        this.head = head;
        this.info = info;
        this.settings = settings;
        this.model = model;
    }

    /**
     * Loads a detection run's model: with {@link ModelChoice#BEST} the epoch with the best Moderate mean AP, else
     * (or when there is none) {@code model.zip}, else the newest readable checkpoint.
     *
     * @throws IOException if {@code runDir} is not a detection run or holds no readable model
     */
    public static Detector load(Path runDir, ModelChoice choice) throws IOException {
        RunDirectory run = new RunDirectory(runDir);
        run.requireRun();
        if (!DetectionRunInfo.isDetectionRun(runDir)) {
            throw new IOException(runDir + " is a classification run (it has no " + DetectionRunInfo.FILE
                    + "); use workbench infer for it");
        }
        DetectionRunInfo detection = DetectionRunInfo.read(runDir);
        RunDirectory.DataInfo info = run.dataInfo();
        DetectorHead head;
        NetworkSpec spec = run.spec();
        try {
            head = DetectorHead.of(Dl4jConverter.convert(spec));
        } catch (Dl4jConversionException e) {
            throw new IOException(run.specFile() + ": " + e.getMessage());
        }
        List<Path> candidates = new ArrayList<>();
        if (choice == ModelChoice.BEST && run.bestEpoch() > 0) {
            candidates.add(run.bestModelFile(run.bestEpoch()));
        }
        candidates.add(run.modelFile());
        List<String> problems = new ArrayList<>();
        for (Path file : candidates) {
            if (!Files.exists(file)) {
                continue;
            }
            try {
                ComputationGraph graph = ModelFiles.load(file, false);
                ModelFiles.checkFits(graph, file, 3, info.height(), info.width(), info.layout(), head.outputValues(),
                        "spec.json");
                return new Detector(InferenceGraphs.forInference(spec, graph), head, info, detection.settings(),
                        file.getFileName().toString());
            } catch (IOException damaged) {
                problems.add(damaged.getMessage());
            }
        }
        Optional<RunCheckpoints.Loaded> checkpoint = run.checkpoints().newestReadable(Integer.MAX_VALUE, false,
                problems);
        if (checkpoint.isEmpty()) {
            throw new IOException(runDir + " has no readable trained model yet"
                    + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)));
        }
        return new Detector(InferenceGraphs.forInference(spec, checkpoint.get().graph()), head, info,
                detection.settings(),
                run.checkpointFile(checkpoint.get().epoch()).getFileName().toString());
    }

    /**
     * The images of a detection run's own KITTI folder: its validation split ({@code validation}) or its training
     * split, as the run split them (same fraction and seed).
     *
     * @throws IOException if {@code runDir} is not a detection run or its KITTI folder cannot be read
     */
    public static List<Path> runImages(Path runDir, boolean validation) throws IOException {
        if (!DetectionRunInfo.isDetectionRun(runDir)) {
            throw new IOException(runDir + " is not a detection run (no " + DetectionRunInfo.FILE + ")");
        }
        DetectionRunInfo info = DetectionRunInfo.read(runDir);
        KittiDataset.Split split = KittiDataset.open(Path.of(info.kittiRoot()), info.options().onMalformed())
                .split(info.valFraction(), info.splitSeed());
        return (validation ? split.val() : split.train()).stream().map(KittiSample::image).toList();
    }

    public List<String> classNames() {
        return info.classes();
    }

    /** Which model file was loaded. */
    public String model() {
        return model;
    }

    public DetectionSettings settings() {
        return settings;
    }

    /** The same detector with other decoding settings. */
    public Detector withSettings(DetectionSettings other) {
        return new Detector(graph, head, info, other, model);
    }

    /** Detects objects in each image; an unreadable image gives a result with its error. */
    public List<Result> detect(List<Path> images) {
        List<Result> results = new ArrayList<>();
        int h = info.height();
        int w = info.width();
        for (int from = 0; from < images.size(); from += BATCH) {
            List<Path> chunk = images.subList(from, Math.min(images.size(), from + BATCH));
            List<float[]> pixels = new ArrayList<>();
            List<int[]> sizes = new ArrayList<>();
            List<Path> readable = new ArrayList<>();
            for (Path p : chunk) {
                ImageDecoder.Result r = ImageDecoder.decode(p);
                if (r.image().isEmpty()) {
                    results.add(new Result(p, name(p), 0, 0, List.of(), r.problem()));
                    continue;
                }
                float[] chw = ImagePipeline.stretch(r.image().get(), 3, h, w);
                ImagePipeline.subtractMean(chw, info.mean());
                pixels.add(chw);
                sizes.add(new int[] {r.image().get().getWidth(), r.image().get().getHeight()});
                readable.add(p);
            }
            if (readable.isEmpty()) {
                continue;
            }
            List<float[]> outputs = forward(graph, pixels, h, w, info.layout());
            for (int i = 0; i < readable.size(); i++) {
                List<Detection> found = settings.apply(head.grid(), outputs.get(i), sizes.get(i)[0], sizes.get(i)[1]);
                results.add(new Result(readable.get(i), name(readable.get(i)), sizes.get(i)[0], sizes.get(i)[1],
                        found, null));
            }
        }
        return results;
    }

    private static String name(Path p) {
        String file = p.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** The head's raw output per image, channel-major ({@code [K (5 + C)][rows][columns]}, flattened). */
    static List<float[]> forward(ComputationGraph graph, List<float[]> pixels, int h, int w, String layout) {
        int n = pixels.size();
        float[] batch = new float[n * 3 * h * w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(pixels.get(i), 0, batch, i * 3 * h * w, 3 * h * w);
        }
        INDArray input = InputLayout.fromNchw(Nd4j.create(batch, new long[] {n, 3, h, w}, 'c'), layout);
        float[][] out = graph.output(false, input)[0].castTo(DataType.FLOAT).toFloatMatrix();
        return List.of(out);
    }

    /**
     * Writes one KITTI result file per readable image into {@code dir} (created if needed), each written whole
     * (temporary file, then renamed).
     *
     * @return the number of files written
     */
    public static int writeResults(List<Result> results, List<String> classNames, Path dir) throws IOException {
        Files.createDirectories(dir);
        int written = 0;
        for (Result r : results) {
            if (r.error() != null) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (Detection d : r.detections()) {
                text.append(d.toKitti(classNames.get(d.classIndex())).format()).append('\n');
            }
            RunDirectory.writeAtomically(dir.resolve(r.name() + ".txt"), text.toString());
            written++;
        }
        return written;
    }

    /**
     * The loss and the KITTI evaluation of {@code graph}'s detections on {@code samples} (their own labels as ground
     * truth), from one forward pass of each image.
     */
    static Validation evaluate(ComputationGraph graph, DetectorHead head, KittiTrainingData data,
                               List<KittiSample> samples, int batchSize, String layout, DetectionSettings settings) {
        List<KittiFrame> frames = new ArrayList<>();
        double loss = 0;
        ConvDetLoss lossFunction = ConvDetLossFunction.of(graph);
        int h = (int) head.input().height();
        int w = (int) head.input().width();
        for (int from = 0; from < samples.size(); from += batchSize) {
            List<KittiSample> chunk = samples.subList(from, Math.min(samples.size(), from + batchSize));
            List<KittiTrainingData.Item> items = new ArrayList<>();
            List<KittiSample> readable = new ArrayList<>();
            for (KittiSample s : chunk) {
                Optional<KittiTrainingData.Item> item = data.read(s, null);
                if (item.isPresent()) {
                    items.add(item.get());
                    readable.add(s);
                }
            }
            if (items.isEmpty()) {
                continue;
            }
            List<float[]> outputs = forward(graph, items.stream().map(KittiTrainingData.Item::chw).toList(), h, w,
                    layout);
            for (int i = 0; i < items.size(); i++) {
                KittiTrainingData.Item item = items.get(i);
                float[] targets = head.grid().encode(item.boxes()).targets();
                loss += lossFunction.evaluate(head.grid(), outputs.get(i), targets, false).loss();
                List<KittiLabel> found = settings.apply(head.grid(), outputs.get(i), item.imageWidth(),
                        item.imageHeight()).stream()
                        .map(d -> d.toKitti(data.classNames().get(d.classIndex()))).toList();
                frames.add(new KittiFrame(readable.get(i).id(), readable.get(i).labels(), found));
            }
        }
        return new Validation(frames.isEmpty() ? Double.NaN : loss / frames.size(), KittiEvaluator.evaluate(frames));
    }

    /** The mean loss per image (the head's own loss, as its loss layer computes it) and the KITTI evaluation. */
    record Validation(double loss, KittiEvaluation evaluation) {
    }
}
