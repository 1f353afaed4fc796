package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.dl4j.DataSpec;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.RunDirectory;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.dl4j.Trainer;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import org.cnnworkbench.engine.dl4j.TrainingData;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Shape;
import picocli.CommandLine.Command;
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

    enum OptimizerChoice { adam, nesterovs, sgd }

    enum ScheduleChoice { constant, poly }

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--network"}, paramLabel = "SPEC", description = "a spec file or sample network")
    String network;

    @Option(names = {"-d", "--data"}, paramLabel = "fashion-mnist|DIR", defaultValue = "fashion-mnist",
            description = "fashion-mnist, or a folder with train/<class>/ and optionally val/<class>/ images "
                    + "(default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--fashion-dir", paramLabel = "DIR",
            description = "the folder of the Fashion-MNIST IDX files (default: /usr/share/datasets/fashion-mnist)")
    Path fashionDir;

    @Option(names = "--classes", defaultValue = "0", paramLabel = "N", description = "the first N classes (0: all)")
    int classes;

    @Option(names = "--per-class", defaultValue = "0", paramLabel = "M",
            description = "at most M images per class and split (0: all)")
    int perClass;

    @Option(names = "--train-limit", defaultValue = "0", paramLabel = "N",
            description = "at most N training images (0: all)")
    int trainLimit;

    @Option(names = "--val-limit", defaultValue = "0", paramLabel = "N",
            description = "at most N validation images (0: all)")
    int valLimit;

    @Option(names = {"-e", "--epochs"}, paramLabel = "E", description = "epochs in all (default: 10; with "
            + "--resume: the run's own)")
    Integer epochs;

    @Option(names = {"-b", "--batch"}, defaultValue = "64", paramLabel = "B",
            description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", paramLabel = "RATE",
            description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--lr-schedule", defaultValue = "constant", paramLabel = "constant|poly",
            description = "learning-rate schedule (default: ${DEFAULT-VALUE}); poly lowers the rate linearly, "
                    + "epoch e of E training at RATE x (1 - (e - 1) / E) (Caffe's poly, as SqueezeNet)")
    ScheduleChoice schedule;

    @Option(names = "--no-augment", description = "train on the images as they are (default: a random shift "
            + "and flip for Fashion-MNIST, a random crop and flip for image folders)")
    boolean noAugment;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "adam|nesterovs|sgd",
            description = "optimiser (default: ${DEFAULT-VALUE}); nesterovs is SGD with Nesterov momentum")
    OptimizerChoice optimizer;

    @Option(names = "--momentum", defaultValue = "0.9", paramLabel = "M",
            description = "momentum for nesterovs (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "L2",
            description = "L2 weight decay on weights, not biases (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "random seed (default: "
            + "${DEFAULT-VALUE}); the same seed gives the same weights, shuffles and augmentation")
    long seed;

    @Option(names = {"-o", "--out"}, paramLabel = "RUN-DIR", description = "the run directory to create")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN-DIR",
            description = "continue this run from its last checkpoint, up to --epochs in all")
    Path resume;

    @Option(names = "--plain", description = "no progress bar, even on a terminal")
    boolean plain;

    @Override
    public Integer call() {
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingProgress progress = new TrainingProgress(outWriter, err, !plain && System.console() != null);
        Path runDir = resume != null ? resume : out;
        try (SignalStop stop = SignalStop.install("train")) {
            AtomicBoolean cancel = stop.cancel();
            RunSummary summary = resume != null ? Trainer.resume(resume, epochs == null ? 0 : epochs, progress, cancel)
                    : startNew(progress, cancel);
            progress.clearLine();
            return report(summary, runDir, outWriter, err);
        } catch (Dl4jConversionException | IllegalArgumentException | IOException e) {
            throw new UserException(e.getMessage());
        }
    }

    private RunSummary startNew(TrainingProgress progress, AtomicBoolean cancel)
            throws IOException, Dl4jConversionException {
        if (network == null || out == null) {
            throw new UserException("train needs --network and --out (or --resume RUN-DIR)");
        }
        if (RunDirectory.holdsRunFiles(out)) {
            throw new UserException(out + " already holds a training run; continue it with --resume " + out
                    + " or choose another --out");
        }
        NetworkSpec networkSpec = NetworkSource.load(network, spec.commandLine().getErr()).spec();
        TrainingConfig config;
        try {
            config = new TrainingConfig(epochs == null ? 10 : epochs, batch, lr,
                    TrainingConfig.Optimizer.valueOf(optimizer.name().toUpperCase(Locale.ROOT)), momentum,
                    weightDecay, seed, TrainingConfig.Schedule.valueOf(schedule.name().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        DataSpec dataSpec = new DataSpec(data, fashionDir == null ? null : fashionDir.toString(), classes, perClass,
                trainLimit, valLimit, !noAugment);
        Shape.FeatureMap input = inputOf(networkSpec);
        TrainingData trainingData = TrainingData.open(dataSpec, input);
        return Trainer.train(networkSpec, trainingData, config, out, progress, cancel);
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
        out.printf(Locale.ROOT, "%s after %d epochs: top-1 %s, top-5 %s, %,d parameters, model %,d bytes, "
                        + "%.0f img/s, %.1f s%nrun directory: %s%n", s.status().name().toLowerCase(Locale.ROOT),
                s.epochs(), TextTable.accuracy(s.top1()), TextTable.accuracy(s.top5()), s.params(), s.modelBytes(),
                s.imagesPerSecond(), s.wallSeconds(), runDir);
        out.flush();
        if (s.skippedImages() > 0) {
            err.println("workbench: warning: " + s.skippedImages() + " unreadable images were skipped");
        }
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
