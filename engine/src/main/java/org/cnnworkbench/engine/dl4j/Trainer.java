package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.data.ImageFolderDataset;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Trains a network spec with DL4J into a {@link RunDirectory}: per epoch, validation top-1/top-5 and a checkpoint;
 * a NaN, infinite or exploding loss stops the run; a cancel flag stops it after the current batch.
 *
 * <pre>{@code
 * TrainingData data = TrainingData.open(DataSpec.fashionMnist(2_000, 500), input);
 * RunSummary s = Trainer.train(spec, data, TrainingConfig.defaults().withEpochs(2), runDir, listener, cancel);
 * RunSummary more = Trainer.resume(runDir, 4, listener, cancel);     // continue to 4 epochs in all
 * }</pre>
 *
 * <p>Determinism: the weights are initialised from the config's seed; each epoch's shuffle, augmentation and the
 * ND4J random generator (dropout) are seeded from the seed and the epoch number, and checkpoints hold the updater
 * state and iteration count, so training N epochs, or K epochs and resuming for N - K, gives the same parameters.
 */
public final class Trainer {

    /** The loss guard: a batch loss above this multiple of the first batch's loss stops the run. */
    public static final double EXPLODING_FACTOR = 1e4;

    private Trainer() {
    }

    /**
     * Trains {@code spec} from random weights into {@code runDir} (created; it must not hold a run already).
     *
     * @throws Dl4jConversionException if the spec cannot be converted or its output is not a class vector
     * @throws IOException if the run directory cannot be written
     */
    public static RunSummary train(NetworkSpec spec, TrainingData data, TrainingConfig config, Path runDir,
                                   TrainingListener listener, AtomicBoolean cancel)
            throws Dl4jConversionException, IOException {
        return train(spec, data, config, runDir, listener, cancel, EpochFit.LOCAL);
    }

    /** {@link #train(NetworkSpec, TrainingData, TrainingConfig, Path, TrainingListener, AtomicBoolean)} with each
     * epoch's batches trained by {@code fit} (e.g. on a cluster). */
    public static RunSummary train(NetworkSpec spec, TrainingData data, TrainingConfig config, Path runDir,
                                   TrainingListener listener, AtomicBoolean cancel, EpochFit fit)
            throws Dl4jConversionException, IOException {
        if (RunDirectory.holdsRunFiles(runDir)) {
            throw new IOException(runDir + " already holds a training run; resume it or choose another directory");
        }
        ConvertedGraph converted = Dl4jConverter.convert(spec);
        MemoryBudget.requireFits(converted, config.batchSize(), "training");
        Shape.FeatureMap input = inputShape(converted);
        int classes = checkOutput(converted, data.classes().size());
        ComputationGraph graph = newGraph(converted, config);
        RunDirectory run = new RunDirectory(runDir);
        run.create(spec, config, new RunDirectory.DataInfo(data.spec(), data.classes(), data.mean(),
                (int) input.channels(), (int) input.height(), (int) input.width(), InputLayout.current()));
        return loop(graph, converted, classes, data, config, run, 1, NO_METRICS, FineTuning.NONE, fit, listener,
                cancel);
    }

    /**
     * Continues the run in {@code runDir} from its latest checkpoint up to {@code epochs} epochs in all (0: the
     * number in its config), with the same data and settings.
     *
     * <p>Everything is read and checked before anything is written, so a damaged run directory gives an
     * IOException naming the file and is left as it was. A damaged or missing newest checkpoint (or a garbled
     * {@code latest-checkpoint}) is passed over for the newest one that reads, with a warning to the listener;
     * the older checkpoints are never removed before a newer one has been written and read back.
     */
    public static RunSummary resume(Path runDir, int epochs, TrainingListener listener, AtomicBoolean cancel)
            throws Dl4jConversionException, IOException {
        return resume(runDir, epochs, listener, cancel, EpochFit.LOCAL);
    }

    /** {@link #resume(Path, int, TrainingListener, AtomicBoolean)} with each epoch trained by {@code fit}. */
    public static RunSummary resume(Path runDir, int epochs, TrainingListener listener, AtomicBoolean cancel,
                                    EpochFit fit) throws Dl4jConversionException, IOException {
        if (Compressor.isCompressedRun(runDir)) {
            throw new IOException(runDir + " is a compressed run: its pruned and shared weights are kept only by "
                    + "the compressor; continue it with workbench compress --resume " + runDir);
        }
        return resume(runDir, epochs, FineTuning.NONE, fit, listener, cancel);
    }

    /**
     * {@link #resume(Path, int, TrainingListener, AtomicBoolean)} of a run that fine-tunes with {@code tuning}: a
     * run without a checkpoint starts again from {@link FineTuning#initialWeights}, and the tuning is told the
     * epochs already done before the first epoch of this session.
     */
    static RunSummary resume(Path runDir, int epochs, FineTuning tuning, TrainingListener listener,
                             AtomicBoolean cancel) throws Dl4jConversionException, IOException {
        return resume(runDir, epochs, tuning, EpochFit.LOCAL, listener, cancel);
    }

    private static RunSummary resume(Path runDir, int epochs, FineTuning tuning, EpochFit fit,
                                     TrainingListener listener, AtomicBoolean cancel)
            throws Dl4jConversionException, IOException {
        RunDirectory run = new RunDirectory(runDir);
        run.requireRun();
        TrainingConfig saved = run.config();
        TrainingConfig config = epochs > 0 ? saved.withEpochs(epochs) : saved;
        RunDirectory.DataInfo info = run.dataInfo();
        ConvertedGraph converted = Dl4jConverter.convert(run.spec());
        MemoryBudget.requireFits(converted, config.batchSize(), "training");
        Shape.FeatureMap input = inputShape(converted);
        RunFiles.Metrics metrics = run.parsedMetrics();
        TrainingData data = TrainingData.open(info.data(), input, info.mean());
        int classes = checkOutput(converted, data.classes().size());
        int recorded = metrics.lastEpoch();
        List<String> warnings = new ArrayList<>();
        Optional<RunCheckpoints.Loaded> checkpoint = run.checkpoints().newestReadable(recorded, true, warnings);
        ComputationGraph graph;
        int done = checkpoint.map(RunCheckpoints.Loaded::epoch).orElse(0);
        if (checkpoint.isEmpty()) {
            graph = newGraph(converted, config);
            tuning.initialWeights(graph);
        } else {
            graph = checkpoint.get().graph();
            ModelFiles.checkFits(graph, run.checkpointFile(done), (int) input.channels(), (int) input.height(),
                    (int) input.width(), info.layout(), classes, "spec.json");
        }
        run.missingRows(recorded, done).ifPresent(warnings::add);
        if (!config.equals(saved)) {
            run.writeConfig(config);
        }
        run.truncateTo(done, metrics);
        run.checkpoints().dropBestAfter(done);
        if (tuning == FineTuning.NONE) {
            repairBest(run, metrics, done);
        }
        warnings.forEach(listener::warning);
        double[] last = NO_METRICS;
        for (TrainingListener.EpochMetrics m : metrics.rows()) {
            if (m.epoch() == done) {
                last = new double[] {m.valLoss(), m.top1(), m.top5()};
            }
        }
        tuning.resumed(graph, done);
        return loop(graph, converted, classes, data, config, run, done + 1, last, tuning, fit, listener, cancel);
    }

    /**
     * Starts a run in {@code runDir} that fine-tunes the weights {@link FineTuning#initialWeights} gives
     * (compression): like {@link #train} with {@code data} opened with the source model's mean, the run's data
     * and mean given in {@code dataInfo}.
     */
    static RunSummary fineTune(NetworkSpec spec, TrainingData data, RunDirectory.DataInfo dataInfo,
                               TrainingConfig config, Path runDir, FineTuning tuning, TrainingListener listener,
                               AtomicBoolean cancel) throws Dl4jConversionException, IOException {
        if (RunDirectory.holdsRunFiles(runDir)) {
            throw new IOException(runDir + " already holds a training run; resume it or choose another directory");
        }
        ConvertedGraph converted = Dl4jConverter.convert(spec);
        MemoryBudget.requireFits(converted, config.batchSize(), "training");
        int classes = checkOutput(converted, data.classes().size());
        ComputationGraph graph = newGraph(converted, config);
        tuning.initialWeights(graph);
        RunDirectory run = new RunDirectory(runDir);
        tuning.creating(run);
        run.create(spec, config, dataInfo);
        tuning.resumed(graph, 0);
        return loop(graph, converted, classes, data, config, run, 1, NO_METRICS, tuning, EpochFit.LOCAL, listener,
                cancel);
    }

    private static final double[] NO_METRICS = {Double.NaN, Double.NaN, Double.NaN};

    private static RunSummary loop(ComputationGraph graph, ConvertedGraph converted, int classes, TrainingData data,
                                   TrainingConfig config, RunDirectory run, int firstEpoch, double[] startMetrics,
                                   FineTuning tuning, EpochFit fit, TrainingListener listener,
                                   AtomicBoolean cancel)
            throws IOException {
        long start = System.nanoTime();
        EpochFit epochFit = onThisMachine(fit, config);
        String layout = run.dataInfo().layout();
        boolean spatial = converted.activationShape(converted.outputs().get(0), 1).length == 4;
        SampleBatches trainBatches = new SampleBatches(data.train(), config.batchSize(), classes, spatial, layout,
                true, config.seed());
        SampleBatches valBatches = new SampleBatches(data.validation(), config.batchSize(), classes, spatial,
                layout, false, config.seed());
        // the same order and augmentation as the epoch just trained (BatchNormStatistics)
        SampleBatches statisticsBatches = new SampleBatches(data.train(), config.batchSize(), classes, spatial,
                layout, true, config.seed());
        listener.started(new TrainingListener.RunStart(firstEpoch, config.epochs(), data.train().size(),
                data.validation().size(), trainBatches.batches(), graph.numParams(),
                epochFit instanceof DataParallelFit ? config.workers() : 1));
        double[] firstLoss = {Double.NaN};
        long trainedImages = 0;
        double trainedSeconds = 0;
        int lastEpoch = firstEpoch - 1;
        double[] lastEval = startMetrics.clone();
        RunSummary.Status status = RunSummary.Status.COMPLETED;
        String message = "";
        int warnedSkipped = data.skippedImages().size();
        // a compression's fine-tuning prunes more with every epoch: its best by accuracy would be a denser model
        boolean keepBest = tuning == FineTuning.NONE;
        double bestTop1 = run.best().map(TrainingListener.EpochMetrics::top1).orElse(Double.NEGATIVE_INFINITY);
        for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
            trainBatches.setEpoch(epoch);
            tuning.epochStarting(graph, epoch);
            Nd4j.getRandom().setSeed(config.seed() * 1_000_003L + epoch);
            long epochStart = System.nanoTime();
            int thisEpoch = epoch;
            EpochFit.Outcome outcome = epochFit.fit(graph, epoch, trainBatches, trainBatches.batches(),
                    (batch, batches, loss, imagesSoFar) -> {
                        if (Double.isNaN(firstLoss[0])) {
                            firstLoss[0] = loss;
                        }
                        String problem = batchProblem(graph, loss, firstLoss[0]);
                        if (problem == null) {
                            listener.progress(progress(thisEpoch, config, batch, batches, loss, imagesSoFar,
                                    epochStart, data.train().size()));
                        }
                        return problem;
                    }, cancel);
            if (outcome.cancelled()) {
                status = RunSummary.Status.CANCELLED;
                message = "cancelled during epoch " + epoch + "; the run directory holds epoch " + lastEpoch;
                break;
            }
            if (outcome.problem() != null) {
                status = RunSummary.Status.DIVERGED;
                message = divergedMessage(epoch, outcome.batch(), outcome.problem(), config, lastEpoch);
                break;
            }
            long images = outcome.images();
            double lossSum = outcome.lossSum();
            reestimateStatistics(graph, statisticsBatches, config, epoch);
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            trainedImages += images;
            trainedSeconds += seconds;
            graph.getConfiguration().setEpochCount(epoch);
            lastEval = evaluate(graph, valBatches);
            ModelFiles.write(graph, run.checkpointFile(epoch), true);
            TrainingListener.EpochMetrics m = new TrainingListener.EpochMetrics(epoch,
                    images == 0 ? Double.NaN : lossSum / images, lastEval[0], lastEval[1], lastEval[2],
                    images / Math.max(seconds, 1e-9), seconds);
            run.commitEpoch(m);
            if (keepBest && m.top1() > bestTop1) {
                run.checkpoints().commitBest(graph, epoch);
                bestTop1 = m.top1();
            }
            lastEpoch = epoch;
            listener.epochEnded(m);
            Map<Path, String> skipped = data.skippedImages();
            if (skipped.size() > warnedSkipped) {
                warnedSkipped = skipped.size();
                ImageFolderDataset.warning(skipped).ifPresent(listener::warning);
            }
        }
        long modelBytes;
        if (status == RunSummary.Status.COMPLETED && tuning.finish(graph)) {
            // the tuning changed the weights after the last epoch (a stage without fine-tuning epochs): the
            // batch-norm statistics follow the changed weights before the final validation
            reestimateStatistics(graph, statisticsBatches, config, lastEpoch);
            lastEval = evaluate(graph, valBatches);
            ModelFiles.write(graph, run.modelFile(), false);
            modelBytes = Files.size(run.modelFile());
        } else {
            modelBytes = writeFinalModel(run, lastEpoch, lastEpoch >= firstEpoch);
        }
        Optional<TrainingListener.EpochMetrics> best = keepBest ? run.best() : Optional.empty();
        RunSummary summary = new RunSummary(status, lastEpoch, lastEval[1], lastEval[2], graph.numParams(),
                modelBytes, trainedImages / Math.max(trainedSeconds, 1e-9), (System.nanoTime() - start) / 1e9,
                data.train().size(), data.validation().size(), data.skippedImages().size(), message,
                best.map(TrainingListener.EpochMetrics::epoch).orElse(0),
                best.map(TrainingListener.EpochMetrics::top1).orElse(Double.NaN),
                best.map(TrainingListener.EpochMetrics::top5).orElse(Double.NaN));
        run.writeSummary(summary);
        return summary;
    }

    /**
     * How an epoch trains: {@code fit}, or on this machine's CPU with {@code config}'s workers
     * ({@link DataParallelFit}) when they are more than one and {@code fit} is {@link EpochFit#LOCAL}.
     */
    static EpochFit onThisMachine(EpochFit fit, TrainingConfig config) {
        return fit == EpochFit.LOCAL && config.workers() > 1 && Dl4jRuntime.cpuBackend()
                ? new DataParallelFit(config.workers(), Runtime.getRuntime().availableProcessors()) : fit;
    }

    /** The batch-norm statistics over {@code epoch}'s training images, with dropout seeded reproducibly. */
    private static void reestimateStatistics(ComputationGraph graph, SampleBatches batches, TrainingConfig config,
                                             int epoch) {
        batches.setEpoch(epoch);
        Nd4j.getRandom().setSeed(config.seed() * 1_000_003L + epoch + 0x5eed);
        BatchNormStatistics.reestimate(graph, batches, BatchNormStatistics.MAX_IMAGES);
    }

    /**
     * A crash between an epoch's checkpoint and its best-epoch file leaves a recorded epoch better than the best
     * file: that epoch is saved as the best from its checkpoint, if it is still there.
     */
    private static void repairBest(RunDirectory run, RunFiles.Metrics metrics, int done) throws IOException {
        double recorded = run.best().map(TrainingListener.EpochMetrics::top1).orElse(Double.NEGATIVE_INFINITY);
        TrainingListener.EpochMetrics top = null;
        for (TrainingListener.EpochMetrics m : metrics.rows()) {
            if (m.epoch() <= done && m.top1() > recorded && (top == null || m.top1() > top.top1())) {
                top = m;
            }
        }
        if (top != null && Files.isRegularFile(run.checkpointFile(top.epoch()))) {
            run.checkpoints().commitBest(ModelFiles.load(run.checkpointFile(top.epoch()), false), top.epoch());
        }
    }

    /**
     * What is wrong after a batch, or null: the loss ({@link #lossProblem}), or parameters that became NaN or
     * infinite while the reported loss stayed finite (DL4J clips the softmax probabilities inside the loss).
     */
    static String batchProblem(ComputationGraph graph, double loss, double firstLoss) {
        String problem = lossProblem(loss, firstLoss);
        if (problem == null && !Double.isFinite(graph.params().sumNumber().doubleValue())) {
            problem = "the parameters became NaN or infinite (the loss, clipped by DL4J, read "
                    + String.format(Locale.ROOT, "%.4g", loss) + ")";
        }
        return problem;
    }

    /** The summary message of a run stopped by {@link #batchProblem}. */
    static String divergedMessage(int epoch, int batch, String problem, TrainingConfig config, int lastEpoch) {
        return String.format(Locale.ROOT, "training stopped in epoch %d, batch %d: %s. Lower the learning rate (now "
                + "%s) or check the data for NaN or infinite values; the run directory keeps epoch %d", epoch, batch,
                problem, config.learningRate(), lastEpoch);
    }

    /** Progress after {@code images} images of {@code epoch}, with the rate so far and the time left for the run. */
    static TrainingListener.Progress progress(int epoch, TrainingConfig config, int batch, int batches, double loss,
                                              long images, long epochStart, int trainImages) {
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        double rate = images / Math.max(seconds, 1e-9);
        long remaining = (long) (config.epochs() - epoch) * trainImages + Math.max(0, trainImages - images);
        return new TrainingListener.Progress(epoch, config.epochs(), batch, batches, loss, rate,
                Duration.ofMillis((long) (remaining / rate * 1000)));
    }

    static String lossProblem(double loss, double firstLoss) {
        if (Double.isNaN(loss)) {
            return "the loss is NaN";
        }
        if (Double.isInfinite(loss)) {
            return "the loss is infinite";
        }
        if (loss > EXPLODING_FACTOR * Math.max(firstLoss, 1e-6)) {
            return String.format(Locale.ROOT, "the loss exploded to %.4g (first batch: %.4g)", loss, firstLoss);
        }
        return null;
    }

    /** Validation {loss, top-1, top-5}. */
    static double[] evaluate(ComputationGraph graph, SampleBatches batches) {
        batches.setEpoch(0);
        long n = 0;
        long top1 = 0;
        long top5 = 0;
        double loss = 0;
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            float[][] p = InputLayout.toMatrix(graph.output(false, ds.getFeatures())[0]).toFloatMatrix();
            float[][] y = InputLayout.toMatrix(ds.getLabels()).toFloatMatrix();
            for (int i = 0; i < p.length; i++) {
                int label = argmax(y[i]);
                int rank = 0;
                for (float v : p[i]) {
                    if (v > p[i][label]) {
                        rank++;
                    }
                }
                top1 += rank == 0 ? 1 : 0;
                top5 += rank < 5 ? 1 : 0;
                loss -= Math.log(Math.max(p[i][label], 1e-10));
                n++;
            }
        }
        return n == 0 ? new double[] {Double.NaN, Double.NaN, Double.NaN}
                : new double[] {loss / n, (double) top1 / n, (double) top5 / n};
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * model.zip: the latest checkpoint's weights without updater state (a partial epoch is never saved). A
     * session that completed no epoch leaves an intact model.zip as it is: it may hold a later epoch than a
     * damaged newest checkpoint that the resume had to pass over.
     */
    private static long writeFinalModel(RunDirectory run, int lastEpoch, boolean trainedAnEpoch) throws IOException {
        if (lastEpoch == 0) {
            return 0;
        }
        if (!trainedAnEpoch && ModelFiles.isIntact(run.modelFile())) {
            return Files.size(run.modelFile());
        }
        ComputationGraph model = ModelFiles.load(run.checkpointFile(lastEpoch), false);
        ModelFiles.write(model, run.modelFile(), false);
        return Files.size(run.modelFile());
    }

    /**
     * The image size training data must be prepared at: the output of the spec's first input node, as
     * {@code report} (the spec's analysis) has it; empty if there is none or it is not a feature map. Callers
     * check this before opening data; converting the network checks the rest.
     */
    public static Optional<Shape.FeatureMap> imageInput(NetworkSpec spec, AnalysisReport report) {
        return spec.nodes().stream().filter(n -> "input".equals(n.kind())).findFirst()
                .flatMap(n -> report.result(n.id()))
                .map(r -> r.output() instanceof Shape.FeatureMap fm ? fm : null);
    }

    static Shape.FeatureMap inputShape(ConvertedGraph converted) throws Dl4jConversionException {
        if (converted.inputs().size() != 1) {
            throw new Dl4jConversionException(null, "training needs a network with one input, not "
                    + converted.inputs().size());
        }
        Shape shape = converted.analysis().result(converted.inputs().get(0)).orElseThrow().output();
        if (!(shape instanceof Shape.FeatureMap fm)) {
            throw new Dl4jConversionException(converted.inputs().get(0), "training needs an image input");
        }
        return fm;
    }

    /** The number of classes the network outputs; refuses other outputs than a class vector or C x 1 x 1. */
    static int checkOutput(ConvertedGraph converted, int dataClasses) throws Dl4jConversionException {
        if (converted.outputs().size() != 1) {
            throw new Dl4jConversionException(null, "training needs a network with one output, not "
                    + converted.outputs());
        }
        String id = converted.outputs().get(0);
        var node = converted.primitiveSpec().node(id).orElseThrow();
        Shape out = converted.analysis().result(id).orElseThrow().output();
        long classes = out instanceof Shape.Vector v ? v.features()
                : out instanceof Shape.FeatureMap fm && fm.height() == 1 && fm.width() == 1 ? fm.channels() : -1;
        if (!"softmax".equals(node.kind()) || classes < 0) {
            throw new Dl4jConversionException(id, "training needs the network to end in a softmax over a class "
                    + "vector or a C x 1 x 1 map; '" + id + "' is a " + node.kind() + " with output " + out);
        }
        if (classes != dataClasses) {
            throw new Dl4jConversionException(id, "the network has " + classes + " outputs but the data has "
                    + dataClasses + " classes; set the last layer's units/filters to " + dataClasses);
        }
        return (int) classes;
    }

    /** The per-epoch learning rates of {@code config} as a DL4J schedule over 0-based epochs; null if constant. */
    private static ISchedule schedule(TrainingConfig config) {
        if (config.schedule() == TrainingConfig.Schedule.CONSTANT) {
            return null;
        }
        MapSchedule.Builder rates = new MapSchedule.Builder(ScheduleType.EPOCH);
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            rates.add(epoch - 1, config.learningRateOfEpoch(epoch));
        }
        return rates.build();
    }

    /**
     * A new graph of {@code converted}, set up to train with the optimiser, weight decay and seed of {@code config},
     * its weights initialised from that seed.
     */
    public static ComputationGraph newGraph(ConvertedGraph converted, TrainingConfig config) {
        ComputationGraph graph = new ComputationGraph(configure(converted.configuration(), config));
        Nd4j.getRandom().setSeed(config.seed());
        graph.init();
        return graph;
    }

    /** The converter's configuration with the optimiser, weight decay and seed of {@code config}. */
    static ComputationGraphConfiguration configure(ComputationGraphConfiguration base, TrainingConfig config) {
        ComputationGraphConfiguration conf = base.clone();
        conf.getDefaultConfiguration().setSeed(config.seed());
        ISchedule schedule = schedule(config);
        IUpdater updater = switch (config.optimizer()) {
            case ADAM -> schedule == null ? new Adam(config.learningRate()) : new Adam(schedule);
            case NESTEROVS -> schedule == null ? new Nesterovs(config.learningRate(), config.momentum())
                    : new Nesterovs(schedule, config.momentum());
            case SGD -> schedule == null ? new Sgd(config.learningRate()) : new Sgd(schedule);
        };
        for (GraphVertex vertex : conf.getVertices().values()) {
            if (vertex instanceof LayerVertex lv) {
                lv.getLayerConf().setSeed(config.seed());
                if (lv.getLayerConf().getLayer() instanceof BaseLayer layer) {
                    layer.setIUpdater(updater.clone());
                    layer.setBiasUpdater(null);
                    layer.setRegularization(config.weightDecay() > 0
                            ? List.of(new L2Regularization(config.weightDecay())) : List.of());
                    layer.setRegularizationBias(List.of());
                }
            }
        }
        return conf;
    }
}
