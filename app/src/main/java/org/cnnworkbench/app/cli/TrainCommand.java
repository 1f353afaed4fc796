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

    @Override
    public Integer call() {
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingProgress progress = new TrainingProgress(outWriter, err, !plain && System.console() != null);
        Path runDir = resume != null ? resume : out;
        try (SignalStop stop = SignalStop.install("train")) {
            AtomicBoolean cancel = stop.cancel();
            RunSummary summary = resume != null
                    ? Trainer.resume(resume, training.epochs == null ? 0 : training.epochs, progress, cancel)
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
        TrainingConfig config = training.config(10);
        DataSpec dataSpec = training.dataSpec(classes);
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
        out.printf(Locale.ROOT, "%s after %d epochs: top-1 %s, top-5 %s%s, %,d parameters, model %,d bytes, "
                        + "%.0f img/s, %.1f s%nrun directory: %s%n", s.status().name().toLowerCase(Locale.ROOT),
                s.epochs(), TextTable.accuracy(s.top1()), TextTable.accuracy(s.top5()),
                s.hasBest() ? " (best: epoch " + s.bestEpoch() + ", top-1 " + TextTable.accuracy(s.bestTop1()) + ")"
                        : "", s.params(), s.modelBytes(), s.imagesPerSecond(), s.wallSeconds(), runDir);
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
