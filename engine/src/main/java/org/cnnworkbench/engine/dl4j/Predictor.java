package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cnnworkbench.engine.data.ImagePipeline;
import org.cnnworkbench.engine.data.ImageSample;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Class probabilities from a trained run directory: its {@code model.zip} (or, for a run that was killed before
 * writing it, its latest checkpoint), class names and normalisation (the training mean, the centre crop of
 * {@link ImagePipeline}).
 *
 * <pre>{@code
 * Predictor predictor = Predictor.load(runDir);
 * List<Prediction> top5 = predictor.predictFiles(List.of(Path.of("shoe.png")), 5);
 * top5.get(0).classes().get(0).name();      // "Sneaker"
 * }</pre>
 */
public final class Predictor {

    static {
        Dl4jRuntime.configure();   // the fast-path properties before a model file makes ND4J load
    }

    /** One class and its probability. */
    public record ClassScore(int label, String name, double probability) {
    }

    /** The top classes of one image, most probable first; {@code error} is set (and classes empty) if unreadable. */
    public record Prediction(String source, List<ClassScore> classes, String error) {
    }

    private final ComputationGraph graph;
    /** The spec {@link #graph} was trained from, or null when it could not be read. */
    private final NetworkSpec spec;
    /**
     * {@link #graph} in the inference form of its spec ({@link InferenceGraphs}), or the graph itself; made on the
     * first prediction, so that the compressor, the exporter and sensitivity analysis, which only want the
     * trained graph, do not pay for it.
     */
    private ComputationGraph inference;
    private final RunDirectory.DataInfo info;
    private final ImagePipeline pipeline;
    private final List<String> warnings;

    private final String model;

    private Predictor(ComputationGraph graph, NetworkSpec spec, RunDirectory.DataInfo info, List<String> warnings,
                      String model) {
        this.graph = graph;
        this.spec = spec;
        this.info = info;
        this.pipeline = new ImagePipeline(info.channels(), info.height(), info.width(), 1.0, info.mean());
        this.warnings = List.copyOf(warnings);
        this.model = model;
    }

    /** {@link #load(Path, ModelChoice)} of the best epoch's model. */
    public static Predictor load(Path runDir) throws IOException {
        return load(runDir, ModelChoice.BEST);
    }

    /**
     * Loads a run directory's model: with {@link ModelChoice#BEST} the best epoch's ({@code best-epoch-N.zip}),
     * or the last epoch's if the run has none (or it is damaged: a warning); with {@link ModelChoice#LAST}
     * {@code model.zip}. A damaged or missing {@code model.zip} falls back to the newest checkpoint that reads
     * (see {@link #warnings()}); a damaged {@code data.json}, no readable model at all, or a model that does not
     * take the run's input or give its classes is an IOException naming the file. A file (not a folder) is read
     * as a compressed model ({@link CompressedModels#load}). {@link #model()} says which model was used.
     */
    public static Predictor load(Path runDir, ModelChoice choice) throws IOException {
        if (Files.isRegularFile(runDir)) {
            return CompressedModels.load(runDir);   // a compressed model file (model.cwbz) holds all it needs
        }
        RunDirectory run = new RunDirectory(runDir);
        run.requireRun();
        RunDirectory.DataInfo info = run.dataInfo();
        NetworkSpec spec = specOrNull(run);
        List<String> warnings = new ArrayList<>();
        int recordedBest = run.bestEpoch();
        int best = choice == ModelChoice.BEST ? recordedBest : 0;
        if (best > 0) {
            Path file = run.bestModelFile(best);
            try {
                ComputationGraph graph = ModelFiles.load(file, false);
                ModelFiles.checkFits(graph, file, info.channels(), info.height(), info.width(), info.layout(),
                        info.classes().size(), "data.json");
                return new Predictor(graph, spec, info, warnings, file.getFileName() + " (epoch " + best
                        + ", the best validation top-1)");
            } catch (IOException damaged) {
                warnings.add(damaged.getMessage() + "; using the last epoch's model instead");
            }
        }
        Path model = run.modelFile();
        ComputationGraph graph = null;
        if (Files.exists(model)) {
            try {
                graph = ModelFiles.load(model, false);
            } catch (IOException damaged) {
                warnings.add(damaged.getMessage());
            }
        }
        if (graph == null) {
            List<String> passedOver = new ArrayList<>();
            RunCheckpoints.Loaded checkpoint;
            try {
                checkpoint = run.checkpoints().newestReadable(Integer.MAX_VALUE, false, passedOver).orElse(null);
            } catch (IOException none) {
                throw new IOException(warnings.isEmpty() ? none.getMessage()
                        : warnings.get(0) + "; " + none.getMessage());
            }
            if (checkpoint == null) {
                throw new IOException(warnings.isEmpty()
                        ? runDir + " has no trained model yet (no model.zip and no checkpoint)"
                        : warnings.get(0) + "; and there is no checkpoint to use instead");
            }
            warnings.addAll(passedOver);
            model = run.checkpointFile(checkpoint.epoch());
            graph = checkpoint.graph();
            if (!warnings.isEmpty() && passedOver.isEmpty()) {
                warnings.set(0, warnings.get(0) + "; using " + model.getFileName() + " (epoch "
                        + checkpoint.epoch() + ") instead");
            }
        }
        ModelFiles.checkFits(graph, model, info.channels(), info.height(), info.width(), info.layout(),
                info.classes().size(), "data.json");
        String what = choice == ModelChoice.BEST && recordedBest == 0
                ? "; the run records no best epoch" : "";
        return new Predictor(graph, spec, info, warnings,
                model.getFileName() + " (the last completed epoch" + what + ")");
    }

    /**
     * A predictor for a model already in memory (a decoded compressed model) of {@code spec} with the data it was
     * trained on.
     */
    static Predictor of(ComputationGraph graph, NetworkSpec spec, RunDirectory.DataInfo info, String model) {
        return new Predictor(graph, spec, info, List.of(), model);
    }

    /** The run's spec, or null if it cannot be read (the model is then used as it was trained, unfused). */
    private static NetworkSpec specOrNull(RunDirectory run) {
        try {
            return run.spec();
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** Which model file was loaded and why, e.g. {@code best-epoch-7.zip (epoch 7, the best validation top-1)}. */
    public String model() {
        return model;
    }

    /** The model (for the compressor, which starts from it). */
    ComputationGraph graph() {
        return graph;
    }

    /** The graph that predicts: {@link #graph()} in its spec's inference form, or the graph itself. */
    synchronized ComputationGraph inferenceGraph() {
        if (inference == null) {
            inference = spec == null ? graph : InferenceGraphs.forInference(spec, graph);
        }
        return inference;
    }

    /** The data the model was trained on. */
    RunDirectory.DataInfo dataInfo() {
        return info;
    }

    /** What was wrong with the run directory but could be worked around (a damaged model.zip), one line each. */
    public List<String> warnings() {
        return warnings;
    }

    public List<String> classes() {
        return info.classes();
    }

    /** The pipeline that turns an image into this model's input (centre crop, training mean subtracted). */
    public ImagePipeline pipeline() {
        return pipeline;
    }

    /** Class probabilities {@code [samples][classes]} of normalised samples (as {@link TrainingData} gives). */
    public float[][] probabilities(List<ImageSample> samples) {
        if (samples.isEmpty()) {
            return new float[0][];
        }
        ImageSample first = samples.get(0);
        int size = first.channels() * first.height() * first.width();
        float[] data = new float[samples.size() * size];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i).chw(), 0, data, i * size, size);
        }
        INDArray features = Nd4j.create(data, new long[] {samples.size(), first.channels(), first.height(),
                first.width()}, 'c');
        INDArray out = inferenceGraph().output(false, InputLayout.fromNchw(features, info.layout()))[0];
        return InputLayout.toMatrix(out).toFloatMatrix();
    }

    /** The top {@code k} classes of each sample. */
    public List<List<ClassScore>> predict(List<ImageSample> samples, int k) {
        List<List<ClassScore>> result = new ArrayList<>();
        for (float[] p : probabilities(samples)) {
            result.add(top(p, k));
        }
        return result;
    }

    /** The top {@code k} classes of each image file; an unreadable file gets an error instead. */
    public List<Prediction> predictFiles(List<Path> files, int k) {
        List<Prediction> result = new ArrayList<>();
        for (Path file : files) {
            ImagePipeline.Prepared prepared = pipeline.prepare(file, 0, null);
            if (prepared.problem() != null) {
                result.add(new Prediction(file.toString(), List.of(), prepared.problem()));
                continue;
            }
            ImageSample sample = prepared.sample();
            result.add(new Prediction(file.toString(), predict(List.of(sample), k).get(0), null));
        }
        return result;
    }

    private List<ClassScore> top(float[] p, int k) {
        List<ClassScore> all = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            all.add(new ClassScore(i, i < info.classes().size() ? info.classes().get(i) : "class " + i, p[i]));
        }
        all.sort(Comparator.comparingDouble(ClassScore::probability).reversed());
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }
}
