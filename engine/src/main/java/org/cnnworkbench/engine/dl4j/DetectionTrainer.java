package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.engine.data.kitti.KittiSample;
import org.cnnworkbench.engine.data.kitti.KittiTrainingData;
import org.cnnworkbench.engine.detection.ApMetric;
import org.cnnworkbench.engine.detection.DetectionSettings;
import org.cnnworkbench.engine.detection.KittiDifficulty;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a network that ends in a {@code convdet} head on a KITTI folder, with the convdet loss ({@link
 * org.cnnworkbench.engine.detection.ConvDetLoss#WORKBENCH}) ({@link ConvDetLossFunction}; docs/detection.md says why
 * not DL4J's YOLOv2 output layer), into the same kind of run directory as {@link Trainer}: config, data, per-epoch
 * metrics and checkpoints, best and final model, resume, cancel, the same loss guard. The run directory also holds
 * {@code detection.json} ({@link DetectionRunInfo}).
 *
 * <p>Per epoch the validation images are detected and scored with the KITTI evaluation (40-point AP): in
 * {@code metrics.csv} the accuracy columns of a detection run hold the mean AP over Car, Pedestrian and Cyclist at
 * Moderate ({@code val_top1}) and at Easy ({@code val_top5}); the best epoch is the one with the highest Moderate
 * mean AP.
 *
 * <pre>{@code
 * KittiTrainingData data = KittiTrainingData.open(root, input, KittiTrainingData.Options.defaults(), null);
 * RunSummary s = DetectionTrainer.train(spec, data, config, DetectionSettings.SQUEEZEDET, runDir, listener, cancel);
 * }</pre>
 */
public final class DetectionTrainer {

    private DetectionTrainer() {
    }

    /** Whether {@code spec} is a detector: a convdet node that nothing consumes (its output). */
    public static boolean isDetector(NetworkSpec spec) {
        java.util.Set<String> consumed = new java.util.HashSet<>();
        spec.nodes().forEach(n -> consumed.addAll(n.inputs()));
        return spec.nodes().stream().anyMatch(n -> DetectorHead.KIND.equals(n.kind()) && !consumed.contains(n.id()));
    }

    /**
     * Trains {@code spec} from random weights into {@code runDir}.
     *
     * @throws Dl4jConversionException if the spec cannot be converted or does not end in a convdet head whose
     *                                 classes match the data's
     * @throws IOException if the run directory cannot be written
     */
    public static RunSummary train(NetworkSpec spec, KittiTrainingData data, TrainingConfig config,
                                   DetectionSettings settings, Path runDir, TrainingListener listener,
                                   AtomicBoolean cancel) throws Dl4jConversionException, IOException {
        return train(spec, data, config, settings, runDir, listener, cancel, EpochFit.LOCAL);
    }

    /** {@link #train(NetworkSpec, KittiTrainingData, TrainingConfig, DetectionSettings, Path, TrainingListener,
     * AtomicBoolean)} with each epoch trained by {@code fit} (e.g. on Spark). */
    public static RunSummary train(NetworkSpec spec, KittiTrainingData data, TrainingConfig config,
                                   DetectionSettings settings, Path runDir, TrainingListener listener,
                                   AtomicBoolean cancel, EpochFit fit) throws Dl4jConversionException, IOException {
        if (RunDirectory.holdsRunFiles(runDir)) {
            throw new IOException(runDir + " already holds a training run; resume it or choose another directory");
        }
        ConvertedGraph converted = Dl4jConverter.convert(spec);
        MemoryBudget.requireFits(converted, config.batchSize(), "training");
        DetectorHead head = DetectorHead.of(converted);
        head.requireClasses(data.classNames());
        Shape.FeatureMap input = head.input();
        ComputationGraph graph = Trainer.newGraph(converted, config);
        RunDirectory run = new RunDirectory(runDir);
        DataSpec dataSpec = new DataSpec(data.root().toString(), null, 0, 0, data.options().trainLimit(),
                data.options().valLimit(), data.options().augment());
        run.create(spec, config, new RunDirectory.DataInfo(dataSpec, data.classNames(), data.mean(),
                (int) input.channels(), (int) input.height(), (int) input.width(), InputLayout.current()));
        DetectionRunInfo.of(data.root(), data.options(), settings).write(runDir);
        return loop(graph, head, data, config, settings, run, 1, new double[] {Double.NaN, Double.NaN, Double.NaN},
                listener, cancel, fit);
    }

    /**
     * Continues the detection run in {@code runDir} from its newest readable checkpoint up to {@code epochs}
     * epochs in all (0: as configured), reading the same KITTI folder with the same split and mean.
     */
    public static RunSummary resume(Path runDir, int epochs, TrainingListener listener, AtomicBoolean cancel)
            throws Dl4jConversionException, IOException {
        return resume(runDir, epochs, listener, cancel, EpochFit.LOCAL);
    }

    /** {@link #resume(Path, int, TrainingListener, AtomicBoolean)} with each epoch trained by {@code fit}. */
    public static RunSummary resume(Path runDir, int epochs, TrainingListener listener, AtomicBoolean cancel,
                                    EpochFit fit) throws Dl4jConversionException, IOException {
        RunDirectory run = new RunDirectory(runDir);
        run.requireRun();
        DetectionRunInfo info = DetectionRunInfo.read(runDir);
        TrainingConfig saved = run.config();
        TrainingConfig config = epochs > 0 ? saved.withEpochs(epochs) : saved;
        RunDirectory.DataInfo dataInfo = run.dataInfo();
        ConvertedGraph converted = Dl4jConverter.convert(run.spec());
        DetectorHead head = DetectorHead.of(converted);
        KittiTrainingData data = KittiTrainingData.open(Path.of(info.kittiRoot()), head.input(), info.options(),
                dataInfo.mean());
        head.requireClasses(data.classNames());
        RunFiles.Metrics metrics = run.parsedMetrics();
        List<String> warnings = new ArrayList<>();
        Optional<RunCheckpoints.Loaded> checkpoint = run.checkpoints().newestReadable(metrics.lastEpoch(), true,
                warnings);
        int done = checkpoint.map(RunCheckpoints.Loaded::epoch).orElse(0);
        ComputationGraph graph;
        if (checkpoint.isEmpty()) {
            graph = Trainer.newGraph(converted, config);
        } else {
            graph = checkpoint.get().graph();
            ModelFiles.checkFits(graph, run.checkpointFile(done), 3, (int) head.input().height(),
                    (int) head.input().width(), dataInfo.layout(), head.outputValues(), "spec.json");
        }
        run.missingRows(metrics.lastEpoch(), done).ifPresent(warnings::add);
        if (!config.equals(saved)) {
            run.writeConfig(config);
        }
        run.truncateTo(done, metrics);
        run.checkpoints().dropBestAfter(done);
        warnings.forEach(listener::warning);
        double[] last = {Double.NaN, Double.NaN, Double.NaN};
        for (TrainingListener.EpochMetrics m : metrics.rows()) {
            if (m.epoch() == done) {
                last = new double[] {m.valLoss(), m.top1(), m.top5()};
            }
        }
        return loop(graph, head, data, config, info.settings(), run, done + 1, last, listener, cancel, fit);
    }

    private static RunSummary loop(ComputationGraph graph, DetectorHead head, KittiTrainingData data,
                                   TrainingConfig config, DetectionSettings settings, RunDirectory run,
                                   int firstEpoch, double[] startMetrics, TrainingListener listener,
                                   AtomicBoolean cancel, EpochFit fit) throws IOException {
        long start = System.nanoTime();
        String layout = run.dataInfo().layout();
        ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "detection-batches");
            t.setDaemon(true);
            return t;
        });
        try {
            DetectionBatches trainBatches = new DetectionBatches(data, data.train(), head.grid(), config.batchSize(),
                    layout, config.seed(), prefetch);
            listener.started(new TrainingListener.RunStart(firstEpoch, config.epochs(), data.train().size(),
                    data.validation().size(), trainBatches.batches(), graph.numParams(), 1));
            double[] firstLoss = {Double.NaN};
            long trainedImages = 0;
            double trainedSeconds = 0;
            int lastEpoch = firstEpoch - 1;
            double[] lastEval = startMetrics.clone();
            RunSummary.Status status = RunSummary.Status.COMPLETED;
            String message = "";
            double bestMap = run.best().map(TrainingListener.EpochMetrics::top1).orElse(Double.NEGATIVE_INFINITY);
            for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
                trainBatches.setEpoch(epoch);
                Nd4j.getRandom().setSeed(config.seed() * 1_000_003L + epoch);
                long epochStart = System.nanoTime();
                int thisEpoch = epoch;
                EpochFit.Outcome outcome = fit.fit(graph, epoch, trainBatches, trainBatches.batches(),
                        (batch, batches, loss, imagesSoFar) -> {
                            if (Double.isNaN(firstLoss[0])) {
                                firstLoss[0] = loss;
                            }
                            String problem = Trainer.batchProblem(graph, loss, firstLoss[0]);
                            if (problem == null) {
                                listener.progress(Trainer.progress(thisEpoch, config, batch, batches, loss,
                                        imagesSoFar, epochStart, data.train().size()));
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
                    message = Trainer.divergedMessage(epoch, outcome.batch(), outcome.problem(), config, lastEpoch);
                    break;
                }
                long images = outcome.images();
                double lossSum = outcome.lossSum();
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                trainedImages += images;
                trainedSeconds += seconds;
                graph.getConfiguration().setEpochCount(epoch);
                lastEval = evaluate(graph, head, data, data.validation(), config.batchSize(), layout, settings);
                ModelFiles.write(graph, run.checkpointFile(epoch), true);
                TrainingListener.EpochMetrics m = new TrainingListener.EpochMetrics(epoch,
                        images == 0 ? Double.NaN : lossSum / images, lastEval[0], lastEval[1], lastEval[2],
                        images / Math.max(seconds, 1e-9), seconds);
                run.commitEpoch(m);
                if (m.top1() > bestMap) {   // a NaN mean AP (no class evaluated) is never the best
                    run.checkpoints().commitBest(graph, epoch);
                    bestMap = m.top1();
                }
                lastEpoch = epoch;
                listener.epochEnded(m);
            }
            if (trainBatches.droppedBoxes() > 0) {
                listener.warning(trainBatches.droppedBoxes() + " training boxes shared a grid cell with a larger box "
                        + "and were not trained on (a finer grid, from less downsampling, holds more)");
            }
            if (!data.skipped().isEmpty()) {
                listener.warning("skipped " + data.skipped().size() + " unreadable images, e.g. "
                        + data.skipped().entrySet().iterator().next());
            }
            long modelBytes = 0;
            if (lastEpoch > 0) {
                ComputationGraph model = ModelFiles.load(run.checkpointFile(lastEpoch), false);
                ModelFiles.write(model, run.modelFile(), false);
                modelBytes = Files.size(run.modelFile());
            }
            Optional<TrainingListener.EpochMetrics> best = run.best();
            RunSummary summary = new RunSummary(status, lastEpoch, lastEval[1], lastEval[2], graph.numParams(),
                    modelBytes, trainedImages / Math.max(trainedSeconds, 1e-9), (System.nanoTime() - start) / 1e9,
                    data.train().size(), data.validation().size(), data.skipped().size(), message,
                    best.map(TrainingListener.EpochMetrics::epoch).orElse(0),
                    best.map(TrainingListener.EpochMetrics::top1).orElse(Double.NaN),
                    best.map(TrainingListener.EpochMetrics::top5).orElse(Double.NaN));
            run.writeSummary(summary);
            return summary;
        } finally {
            prefetch.shutdownNow();
        }
    }

    /** Validation {loss per image, Moderate mean AP, Easy mean AP} (40-point AP over the evaluated classes). */
    static double[] evaluate(ComputationGraph graph, DetectorHead head, KittiTrainingData data,
                             List<KittiSample> samples, int batchSize, String layout, DetectionSettings settings) {
        Detector.Validation v = Detector.evaluate(graph, head, data, samples, batchSize, layout, settings);
        return new double[] {v.loss(), v.evaluation().meanAp(KittiDifficulty.MODERATE, ApMetric.R40).orElse(Double.NaN),
                v.evaluation().meanAp(KittiDifficulty.EASY, ApMetric.R40).orElse(Double.NaN)};
    }
}
