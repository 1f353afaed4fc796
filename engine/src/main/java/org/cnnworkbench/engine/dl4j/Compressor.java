package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.engine.compression.LowRank;
import org.cnnworkbench.engine.compression.LowRankSpec;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Compresses a trained run into a new run directory: low-rank factorisation, pruning and weight sharing with
 * fine-tuning on the source run's data (the training path of {@link Trainer}: the same checkpoints, resume, loss
 * guard and cancel), then the compressed file {@code model.cwbz} ({@link CompressedModels}).
 *
 * <pre>{@code
 * CompressionJob job = new CompressionJob(null, null, 0, List.of(PRUNE, QUANTIZE, HUFFMAN), Map.of(), plan,
 *         0, 2, 1, 1e-4, ModelChoice.BEST);
 * RunSummary s = Compressor.compress(Path.of("runs/sq"), job, FineTune.defaults(), Path.of("runs/sq-dc"),
 *         listener, cancel);
 * }</pre>
 *
 * <p>The compressed run is a run directory like any other ({@code runs}, {@code infer}, the Training Runs window)
 * with {@code compression.json} (the job), {@code model.cwbz} and {@code compression-report.json} (the sizes).
 */
public final class Compressor {

    static {
        Dl4jRuntime.configure();   // the fast-path properties before a model file makes ND4J load
    }

    /** The job of a compressed run. */
    public static final String JOB_FILE = "compression.json";

    /**
     * How the fine-tuning trains; the rest (optimiser, batch size, seed) is the source run's.
     *
     * @param learningRate the learning rate of every fine-tuning epoch (constant)
     * @param trainLimit at most this many training images (0: the source run's data)
     * @param valLimit at most this many validation images (0: the source run's data)
     * @param batchSize the batch size (0: the source run's)
     */
    public record FineTune(double learningRate, int trainLimit, int valLimit, int batchSize) {
        public FineTune {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("the learning rate must be positive, not " + learningRate);
            }
            if (trainLimit < 0 || valLimit < 0 || batchSize < 0) {
                throw new IllegalArgumentException("image counts and the batch size cannot be negative");
            }
        }

        /** A tenth of Adam's default rate, the source run's data and batch size. */
        public static FineTune defaults() {
            return new FineTune(1e-4, 0, 0, 0);
        }
    }

    private Compressor() {
    }

    /**
     * Compresses the model of {@code sourceRun} as {@code job} says into the new run directory {@code out}.
     *
     * @throws IOException if the source cannot be read or {@code out} written (the message names the file)
     * @throws Dl4jConversionException if the (factorised) network cannot be converted
     * @throws IllegalArgumentException if the job does not fit the network (a layer it names does not exist, ...)
     */
    public static RunSummary compress(Path sourceRun, CompressionJob job, FineTune fineTune, Path out,
                                      TrainingListener listener, AtomicBoolean cancel)
            throws IOException, Dl4jConversionException {
        if (RunDirectory.holdsRunFiles(out)) {
            throw new IOException(out + " already holds a run; resume it or choose another directory");
        }
        RunDirectory source = new RunDirectory(sourceRun);
        source.requireRun();
        Predictor model = Predictor.load(sourceRun, job.sourceModel());
        model.warnings().forEach(listener::warning);
        NetworkSpec sourceSpec = source.spec();
        ComputationGraph sourceGraph = model.graph();
        CompressionJob full = job.withSource(sourceRun.toString(), sourceSpec.name(), sourceGraph.numParams());
        ConvertedGraph sourceConverted = Dl4jConverter.convert(sourceSpec);
        checkLayers(full, sourceConverted);
        Factorisation factorisation = full.uses(CompressionJob.Method.SVD)
                ? factorise(sourceSpec, sourceGraph, sourceConverted, full, listener)
                : null;
        NetworkSpec spec = factorisation == null ? sourceSpec : factorisation.spec();
        checkPlanLayers(full, Dl4jConverter.convert(spec));

        TrainingConfig sourceConfig = source.config();
        TrainingConfig config = sourceConfig.withEpochs(full.epochs()).withLearningRate(fineTune.learningRate())
                .withSchedule(TrainingConfig.Schedule.CONSTANT)
                .withBatchSize(fineTune.batchSize() > 0 ? fineTune.batchSize() : sourceConfig.batchSize());
        RunDirectory.DataInfo info = model.dataInfo();
        DataSpec d = info.data();
        DataSpec data = new DataSpec(d.source(), d.fashionDir(), d.classes(), d.perClass(),
                fineTune.trainLimit() > 0 ? fineTune.trainLimit() : d.trainLimit(),
                fineTune.valLimit() > 0 ? fineTune.valLimit() : d.valLimit(), d.augment());
        Shape.FeatureMap input = new Shape.FeatureMap(info.channels(), info.height(), info.width());
        TrainingData trainingData = TrainingData.open(data, input, info.mean());
        RunDirectory.DataInfo runInfo = new RunDirectory.DataInfo(data, info.classes(), info.mean(), info.channels(),
                info.height(), info.width(), InputLayout.current());

        CompressionTuning tuning = new CompressionTuning(full, spec, graph -> {
            if (factorisation == null) {
                copyParams(sourceGraph, graph);
            } else {
                factorisation.initialise(sourceGraph, graph);
            }
        });
        RunSummary summary = Trainer.fineTune(spec, trainingData, runInfo, config, out, tuning, listener, cancel);
        return finish(out, summary, listener);
    }

    /**
     * Continues the compressed run in {@code runDir} from its latest checkpoint (or from the start, which needs
     * the source run) and writes its compressed file when it completes.
     */
    public static RunSummary resume(Path runDir, TrainingListener listener, AtomicBoolean cancel)
            throws IOException, Dl4jConversionException {
        CompressionJob job = readJob(runDir);
        RunDirectory run = new RunDirectory(runDir);
        run.requireRun();
        NetworkSpec spec = run.spec();
        CompressionTuning tuning = new CompressionTuning(job, spec, graph -> {
            Path sourceRun = Path.of(job.source());
            Predictor model = Predictor.load(sourceRun, job.sourceModel());
            NetworkSpec sourceSpec = new RunDirectory(sourceRun).spec();
            if (job.uses(CompressionJob.Method.SVD)) {
                ConvertedGraph converted;
                try {
                    converted = Dl4jConverter.convert(sourceSpec);
                    factorise(sourceSpec, model.graph(), converted, job, new TrainingListener() { })
                            .initialise(model.graph(), graph);
                } catch (Dl4jConversionException e) {
                    throw new IOException(sourceRun + ": " + e.getMessage(), e);
                }
            } else {
                copyParams(model.graph(), graph);
            }
        });
        RunSummary summary = Trainer.resume(runDir, 0, tuning, listener, cancel);
        return finish(runDir, summary, listener);
    }

    /** Whether {@code dir} is a compressed run (it has a {@code compression.json}). */
    public static boolean isCompressedRun(Path dir) {
        return Files.isRegularFile(dir.resolve(JOB_FILE));
    }

    /** The job of the compressed run in {@code dir}. */
    public static CompressionJob readJob(Path dir) throws IOException {
        Path file = dir.resolve(JOB_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + " is not a compressed run (no " + JOB_FILE + ")");
        }
        try {
            return RunDirectory.JSON.readValue(org.cnnworkbench.engine.io.BoundedText.read(file, 1 << 20),
                    CompressionJob.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(file + ": damaged (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private static RunSummary finish(Path out, RunSummary summary, TrainingListener listener) throws IOException {
        if (summary.status() == RunSummary.Status.COMPLETED) {
            try {
                CompressedModels.writeRun(out);
            } catch (Dl4jConversionException e) {
                throw new IOException(out + ": " + e.getMessage(), e);
            }
        }
        return summary;
    }

    /** Copies every parameter of {@code from} into {@code to} (the same network). */
    static void copyParams(ComputationGraph from, ComputationGraph to) {
        to.setParams(from.params().dup());
    }

    private static void checkLayers(CompressionJob job, ConvertedGraph converted) {
        for (String id : job.svd().keySet()) {
            if (converted.primitiveSpec().node(id).isEmpty()
                    || !List.of("conv", "fc").contains(converted.primitiveSpec().node(id).get().kind())) {
                throw new IllegalArgumentException("svd: '" + id + "' is not a conv or fc layer of the network");
            }
        }
    }

    private static void checkPlanLayers(CompressionJob job, ConvertedGraph converted) {
        List<String> known = converted.primitiveSpec().nodes().stream()
                .filter(n -> "conv".equals(n.kind()) || "fc".equals(n.kind())).map(n -> n.id()).toList();
        for (var plan : job.layers()) {
            if (!known.contains(plan.layer())) {
                String hint = org.cnnworkbench.engine.kinds.Names.closest(plan.layer(), known);
                throw new IllegalArgumentException("'" + plan.layer() + "' is not a conv or fc layer of the network"
                        + (hint == null ? "" : "; did you mean '" + hint + "'?") + " (layers: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    /** The factorised network and how its first weights come from the source model. */
    private record Factorisation(NetworkSpec spec, Map<String, LowRank.Factors> factors,
                                 Map<String, String> firstIds) {

        void initialise(ComputationGraph source, ComputationGraph target) {
            ConvertedGraph converted;
            try {
                converted = Dl4jConverter.convert(spec);
            } catch (Dl4jConversionException e) {
                throw new IllegalStateException(e);
            }
            var targetParams = GraphWeights.all(target);
            var sourceParams = GraphWeights.all(source);
            for (var vertex : targetParams.entrySet()) {
                var from = sourceParams.get(vertex.getKey());
                if (from == null) {
                    continue;
                }
                for (var param : vertex.getValue().entrySet()) {
                    var value = from.get(param.getKey());
                    if (value != null && java.util.Arrays.equals(value.shape(), param.getValue().shape())) {
                        param.getValue().assign(value);
                    }
                }
            }
            for (var layer : GraphWeights.compressible(target, converted)) {
                for (var e : factors.entrySet()) {
                    if (layer.node().equals(e.getKey())) {
                        GraphWeights.write(target, layer.vertex(), GraphWeights.WEIGHTS,
                                layer.kind().equals("conv") ? e.getValue().left() : e.getValue().right());
                    } else if (layer.node().equals(firstIds.get(e.getKey()))) {
                        GraphWeights.write(target, layer.vertex(), GraphWeights.WEIGHTS,
                                layer.kind().equals("conv") ? e.getValue().right() : e.getValue().left());
                    }
                }
            }
        }
    }

    /**
     * Factorises the job's layers at their rank (or the rank that keeps their energy fraction). A convolution's
     * weights {@code [m, c, kh, kw]} are the m x (c kh kw) matrix L R: R becomes the first layer's r filters and L
     * the 1x1 second layer; a dense layer's {@code [n, m]} weights are L R with L the first layer's and R the
     * second's.
     */
    private static Factorisation factorise(NetworkSpec spec, ComputationGraph graph, ConvertedGraph converted,
                                           CompressionJob job, TrainingListener listener) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        Map<String, LowRank.Factors> factors = new LinkedHashMap<>();
        List<GraphWeights.WeightLayer> layers = GraphWeights.compressible(graph, converted);
        for (var e : job.svd().entrySet()) {
            GraphWeights.WeightLayer layer = layers.stream().filter(l -> l.node().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("svd: '" + e.getKey()
                            + "' is not a conv or fc layer with weights"));
            if (layers.stream().filter(l -> l.node().equals(e.getKey())).count() > 1) {
                throw new IllegalArgumentException("svd: '" + e.getKey() + "' is a grouped convolution; factorise "
                        + "ungrouped layers");
            }
            long[] shape = layer.shape();
            int rows = Math.toIntExact(shape[0]);
            int cols = layer.size() / rows;
            float[] weights = GraphWeights.read(graph, layer.vertex(), GraphWeights.WEIGHTS);
            double setting = e.getValue();
            int rank;
            if (setting >= 1) {
                rank = (int) setting;
            } else {
                LowRank.Factors all = LowRank.factor(weights, rows, cols, Math.min(rows, cols));
                rank = LowRank.rankForEnergy(all.singularValues(), setting);
            }
            rank = Math.min(rank, Math.min(rows, cols));
            if (!LowRank.saves(rows, cols, rank)) {
                listener.warning("svd: rank " + rank + " of '" + e.getKey() + "' (" + rows + " x " + cols
                        + ") stores more weights than the layer itself (" + ((long) rank * (rows + cols)) + " > "
                        + ((long) rows * cols) + ")");
            }
            ranks.put(e.getKey(), rank);
            factors.put(e.getKey(), LowRank.factor(weights, rows, cols, rank));
        }
        LowRankSpec.Factorised f = LowRankSpec.factorise(spec, ranks);
        return new Factorisation(f.spec(), factors, f.firstIds());
    }
}
