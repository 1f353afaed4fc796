package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.data.kitti.KittiClassMap;
import org.cnnworkbench.engine.data.kitti.KittiDataset;
import org.cnnworkbench.engine.data.kitti.KittiTrainingData;
import org.cnnworkbench.engine.detection.DetectionSettings;
import org.cnnworkbench.engine.dl4j.DataSpec;
import org.cnnworkbench.engine.dl4j.DetectionRunInfo;
import org.cnnworkbench.engine.dl4j.DetectionTrainer;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.RunDirectory;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.dl4j.Trainer;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import org.cnnworkbench.engine.dl4j.TrainingData;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Shape;
import org.cnnworkbench.spark.SparkSettings;
import org.cnnworkbench.spark.SparkTraining;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench train}: trains a network on Fashion-MNIST or an image folder into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a network with DL4J (CPU) into a run directory: per epoch the validation top-1 and "
                + "top-5 and a checkpoint; at the end model.zip and summary.json (docs/training.md).",
                "Ctrl+C finishes the current batch and leaves the run directory at its last completed epoch; "
                + "--resume continues it. A NaN or exploding loss stops the run with exit status 3."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--network"}, paramLabel = "SPEC", description = "a spec file or sample network")
    String network;

    @Option(names = "--classes", defaultValue = "0", paramLabel = "N", description = "the first N classes (0: all)")
    int classes;

    @Mixin
    TrainingOptions training;

    @Option(names = {"-o", "--out"}, paramLabel = "RUN-DIR", description = "the run directory to create")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN-DIR",
            description = "continue this run from its last checkpoint, up to --epochs in all")
    Path resume;

    @Option(names = "--plain", description = "no progress bar, even on a terminal")
    boolean plain;

    @Option(names = "--spark", paramLabel = "MASTER", description = "train on Apache Spark with DL4J's parameter "
            + "averaging: local[N] on this machine, or a cluster's master URL (spark://host:7077, yarn), passed to "
            + "Spark unchanged (docs/spark.md); under spark-submit its --master. A Spark run resumes on Spark with its "
            + "own settings")
    String sparkMaster;

    @Option(names = "--spark-workers", defaultValue = "0", paramLabel = "N",
            description = "workers training in parallel (default: N of local[N]; needed for other masters)")
    int sparkWorkers;

    @Option(names = "--averaging-frequency", defaultValue = "5", paramLabel = "B",
            description = "batches each Spark worker trains between parameter averagings (default: ${DEFAULT-VALUE})")
    int averagingFrequency;

    @Option(names = "--gradient-sharing", description = "on Spark, share gradients (DL4J's SharedTrainingMaster: "
            + "thresholded, quantised updates over Aeron) instead of averaging parameters")
    boolean gradientSharing;

    @Option(names = "--threshold", paramLabel = "T", description = "gradient sharing's initial threshold "
            + "(adaptive; default: ${DEFAULT-VALUE})", defaultValue = "1e-3")
    double threshold;

    @ArgGroup(exclusive = false, heading = "%nDetection (a network ending in a convdet head, --data a KITTI folder):%n")
    DetectionOptions detectionOptions = new DetectionOptions();

    /** Options of a detection run (docs/detection.md). */
    static final class DetectionOptions {
        @Option(names = "--kitti-classes", split = ",", paramLabel = "NAME",
                description = "the trained classes, in the head's class order (default: Car,Pedestrian,Cyclist)")
        List<String> classes = new ArrayList<>(KittiClassMap.DEFAULT_CLASSES);

        @Option(names = "--map", split = ",", paramLabel = "TYPE=CLASS",
                description = "train another KITTI type as a class, e.g. Van=Car")
        List<String> mappings = new ArrayList<>();

        @Option(names = "--val-fraction", defaultValue = "0.2", paramLabel = "F",
                description = "share of the labelled images held out for validation (default: ${DEFAULT-VALUE})")
        double valFraction;

        @Option(names = "--split-seed", defaultValue = "42", paramLabel = "N",
                description = "seed of the train/validation split (default: ${DEFAULT-VALUE})")
        long splitSeed;

        @Option(names = "--stop-on-malformed", description = "stop at the first malformed label line instead of "
                + "leaving its image out")
        boolean stopOnMalformed;

        @Option(names = "--min-score", defaultValue = "0.005", paramLabel = "P",
                description = "drop boxes scoring less (default: ${DEFAULT-VALUE}, SqueezeDet's)")
        double minScore;

        @Option(names = "--nms", defaultValue = "0.4", paramLabel = "IOU",
                description = "per-class non-maximum suppression threshold (default: ${DEFAULT-VALUE})")
        double nms;

        @Option(names = "--max-detections", defaultValue = "64", paramLabel = "N",
                description = "at most N detections per image (default: ${DEFAULT-VALUE})")
        int maxDetections;

        DetectionSettings settings() {
            try {
                return new DetectionSettings(minScore, nms, maxDetections);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
        }

        KittiTrainingData.Options options(TrainingOptions training) {
            try {
                return new KittiTrainingData.Options(valFraction, splitSeed, training.trainLimit, training.valLimit,
                        !training.noAugment, KittiClassMap.parse(classes, mappings), stopOnMalformed
                        ? KittiDataset.OnMalformed.STOP : KittiDataset.OnMalformed.SKIP_IMAGE);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() {
        if (sparkMaster == null) {
            // under spark-submit (its --master is the system property spark.master) the run trains on that master
            sparkMaster = System.getProperty("spark.master");
        }
        if (gradientSharing && sparkMaster == null) {
            throw new UserException("--gradient-sharing trains on Spark: give --spark MASTER too");
        }
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingProgress progress = new TrainingProgress(outWriter, err, !plain && System.console() != null);
        Path runDir = resume != null ? resume : out;
        try (SignalStop stop = SignalStop.install("train")) {
            AtomicBoolean cancel = stop.cancel();
            NetworkSpec networkSpec = resume != null ? null : newRunNetwork();
            boolean detection = resume != null ? DetectionRunInfo.isDetectionRun(resume)
                    : DetectionTrainer.isDetector(networkSpec);
            if (detection) {
                progress.detection();
            }
            RunSummary summary;
            if (resume != null) {
                int epochs = training.epochs == null ? 0 : training.epochs;
                if (sparkMaster != null || SparkTraining.isSparkRun(resume)) {
                    summary = SparkTraining.resume(resume, epochs, sparkSettings(), progress, cancel);
                } else {
                    summary = detection ? DetectionTrainer.resume(resume, epochs, progress, cancel)
                            : Trainer.resume(resume, epochs, progress, cancel);
                }
            } else {
                summary = detection ? startDetection(networkSpec, progress, cancel)
                        : startNew(networkSpec, progress, cancel);
            }
            progress.clearLine();
            return detection ? reportDetection(summary, runDir, outWriter, err) : report(summary, runDir, outWriter, err);
        } catch (Dl4jConversionException | IllegalArgumentException | IOException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** The network of a new run, after checking that --network and a fresh --out are given. */
    private NetworkSpec newRunNetwork() {
        if (network == null || out == null) {
            throw new UserException("train needs --network and --out (or --resume RUN-DIR)");
        }
        if (RunDirectory.holdsRunFiles(out)) {
            throw new UserException(out + " already holds a training run; continue it with --resume " + out
                    + " or choose another --out");
        }
        return NetworkSource.load(network, spec.commandLine().getErr()).spec();
    }

    private RunSummary startNew(NetworkSpec networkSpec, TrainingProgress progress, AtomicBoolean cancel)
            throws IOException, Dl4jConversionException {
        TrainingConfig config = training.config(10);
        DataSpec dataSpec = training.dataSpec(classes);
        Shape.FeatureMap input = inputOf(networkSpec);
        TrainingData trainingData = TrainingData.open(dataSpec, input);
        if (sparkMaster != null) {
            return SparkTraining.train(networkSpec, trainingData, config, out, sparkSettings(), progress, cancel);
        }
        return Trainer.train(networkSpec, trainingData, config, out, progress, cancel);
    }

    /** The Spark settings the options give, or null without --spark. */
    private SparkSettings sparkSettings() {
        if (sparkMaster == null) {
            return null;
        }
        if (sparkWorkers <= 0 && !SparkSettings.countsItsWorkers(sparkMaster)) {
            throw new UserException("give --spark-workers N for master '" + sparkMaster
                    + "': only local[N] says how many workers it has");
        }
        SparkSettings settings = SparkSettings.of(sparkMaster, sparkWorkers, averagingFrequency);
        return gradientSharing ? settings.withSharing(threshold) : settings;
    }

    private RunSummary startDetection(NetworkSpec networkSpec, TrainingProgress progress, AtomicBoolean cancel)
            throws IOException, Dl4jConversionException {
        if (training.fashionMnist()) {
            throw new UserException("the network ends in a convdet head: give --data a KITTI folder (with "
                    + "training/image_2 and training/label_2), e.g. one made by workbench dataset synth-kitti");
        }
        TrainingConfig config = training.config(10);
        Shape.FeatureMap input = inputOf(networkSpec);
        KittiTrainingData data = KittiTrainingData.open(Path.of(training.data), input,
                detectionOptions.options(training), null);
        data.warnings().forEach(progress::warning);
        if (sparkMaster != null) {
            return SparkTraining.trainDetection(networkSpec, data, config, detectionOptions.settings(), out,
                    sparkSettings(), progress, cancel);
        }
        return DetectionTrainer.train(networkSpec, data, config, detectionOptions.settings(), out, progress, cancel);
    }

    static int reportDetection(RunSummary s, Path runDir, PrintWriter out, PrintWriter err) {
        out.printf(Locale.ROOT, "%s after %d epochs: mAP Moderate %.4f, Easy %.4f%s, %,d parameters, model %,d "
                        + "bytes, %.1f img/s, %.1f s%nrun directory: %s%n", s.status().name().toLowerCase(Locale.ROOT),
                s.epochs(), s.top1(), s.top5(), s.hasBest() ? String.format(Locale.ROOT, " (best: epoch %d, mAP "
                        + "Moderate %.4f)", s.bestEpoch(), s.bestTop1()) : "", s.params(), s.modelBytes(),
                s.imagesPerSecond(), s.wallSeconds(), runDir);
        out.flush();
        if (s.skippedImages() > 0) {
            err.println("workbench: warning: " + s.skippedImages() + " unreadable images were skipped");
        }
        return exitStatus(s, runDir, err, "train");
    }

    private static Shape.FeatureMap inputOf(NetworkSpec networkSpec) {
        return Trainer.imageInput(networkSpec, Analyzer.standard().analyze(networkSpec))
                .orElseThrow(() -> new UserException("training needs a network with an image input node"));
    }

    static int report(RunSummary s, Path runDir, PrintWriter out, PrintWriter err) {
        return report(s, runDir, out, err, "train");
    }

    /** The summary lines and the exit status of a run; {@code command} is the one that resumes it. */
    static int report(RunSummary s, Path runDir, PrintWriter out, PrintWriter err, String command) {
        out.printf(Locale.ROOT, "%s after %d epochs: top-1 %s, top-5 %s%s, %,d parameters, model %,d bytes, "
                        + "%.0f img/s, %.1f s%nrun directory: %s%n", s.status().name().toLowerCase(Locale.ROOT),
                s.epochs(), TextTable.accuracy(s.top1()), TextTable.accuracy(s.top5()),
                s.hasBest() ? " (best: epoch " + s.bestEpoch() + ", top-1 " + TextTable.accuracy(s.bestTop1()) + ")"
                        : "", s.params(), s.modelBytes(), s.imagesPerSecond(), s.wallSeconds(), runDir);
        out.flush();
        if (s.skippedImages() > 0) {
            err.println("workbench: warning: " + s.skippedImages() + " unreadable images were skipped");
        }
        return exitStatus(s, runDir, err, command);
    }

    private static int exitStatus(RunSummary s, Path runDir, PrintWriter err, String command) {
        return switch (s.status()) {
            case COMPLETED -> ExitCodes.OK;
            case CANCELLED -> {
                err.println("workbench: " + s.message() + "; continue with: workbench " + command + " --resume " + runDir);
                err.flush();
                yield ExitCodes.CANCELLED;
            }
            case DIVERGED -> {
                err.println("workbench: error: " + s.message());
                err.flush();
                yield ExitCodes.TRAINING_DIVERGED;
            }
        };
    }
}
