package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.app.design.TrainedSweepSetup;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.design.DesignSweep;
import org.cnnworkbench.engine.design.ParetoFront;
import org.cnnworkbench.engine.design.PointAccuracy;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.design.SweepAxis;
import org.cnnworkbench.engine.design.SweepPoint;
import org.cnnworkbench.engine.design.TrainedRun;
import org.cnnworkbench.engine.dl4j.DataSpec;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.dl4j.SweepTrainer;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import org.cnnworkbench.engine.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench sweep}: one or two SqueezeNet metaparameters over a range, as CSV; with --train, trained. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Sweep one or two SqueezeNet metaparameters (base_e, incr_e, freq, pct_3x3, sr) over a "
                + "range and write each point's params, MACs, activations, 32-bit model size and compressed size "
                + "(SqueezeNet paper's Deep Compression settings, estimated; docs/compression.md) as CSV.",
                "The other metaparameters come from the options (defaults: SqueezeNet v1.0, or the small trunk's "
                        + "with --trunk small). Without --train the accuracy column stays empty.",
                "--train trains every point (and seed) into a run directory under --out SWEEP-DIR with the same "
                        + "data and settings, and fills accuracy (the best epoch's validation top-1, mean over "
                        + "seeds), top5, top1_sd/min/max, seeds, best_epochs, train_seconds and images_per_second "
                        + "in SWEEP-DIR/sweep.csv (docs/design-space.md). Ctrl+C stops after the current batch; "
                        + "--resume SWEEP-DIR continues without retraining finished points."})
final class SweepCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--param", paramLabel = "NAME",
            description = "the swept metaparameter: base_e, incr_e, freq, pct_3x3 or sr")
    String param;

    @Option(names = "--from", paramLabel = "VALUE", description = "first value")
    Double from;

    @Option(names = "--to", paramLabel = "VALUE", description = "last value")
    Double to;

    @Option(names = "--steps", paramLabel = "N", description = "number of values, ends included (default: 8)")
    int steps = 8;

    @Option(names = "--param2", paramLabel = "NAME", description = "a second swept metaparameter (one curve per value)")
    String param2;

    @Option(names = "--from2", paramLabel = "VALUE", description = "first value of --param2")
    Double from2;

    @Option(names = "--to2", paramLabel = "VALUE", description = "last value of --param2")
    Double to2;

    @Option(names = "--steps2", paramLabel = "N", description = "number of values of --param2 (default: 3)")
    int steps2 = 3;

    @Mixin
    MetaparameterOptions metaparameters;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE|SWEEP-DIR", description = "write the CSV to this file "
            + "(atomically) instead of stdout; with --train, the sweep folder to create")
    Path out;

    @Option(names = "--train", description = "train every point (see above)")
    boolean train;

    @Mixin
    TrainingOptions training;

    @Option(names = "--seeds", paramLabel = "N", description = "with --train: train every point with N seeds "
            + "(--seed, --seed + 1, ...) and report their mean and spread (default: 1)")
    Integer seeds;

    @Option(names = "--max-minutes", paramLabel = "M", description = "with --train: size the epochs and the "
            + "training subset so that the whole sweep takes about M minutes (each point's speed is measured "
            + "first)")
    Double maxMinutes;

    @Option(names = "--images-per-point", paramLabel = "N", description = "with --train: at most N training "
            + "images per run in all epochs (epochs x subset)")
    Long imagesPerPoint;

    @Option(names = "--resume", paramLabel = "SWEEP-DIR", description = "continue a trained sweep with its own "
            + "settings")
    Path resume;

    @Option(names = "--plain", description = "no progress bar, even on a terminal")
    boolean plain;

    @Override
    public Integer call() {
        if (resume != null || train) {
            return trained();
        }
        if (seeds != null || maxMinutes != null || imagesPerPoint != null) {
            throw new UserException("--seeds, --max-minutes and --images-per-point size a trained sweep: add --train");
        }
        String csv;
        try {
            List<SweepPoint> points = DesignSweep.sweep(metaparameters.toMetaparameters(), firstAxis(), secondAxis());
            csv = DesignSweep.toCsv(points);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(csv);
            w.flush();
            return ExitCodes.OK;
        }
        try {
            AtomicFiles.writeString(out, csv);
        } catch (IOException e) {
            throw new UserException(out + ": cannot write: " + e.getMessage());
        }
        return ExitCodes.OK;
    }

    private SweepAxis firstAxis() {
        if (param == null || from == null || to == null) {
            throw new UserException("sweep needs --param NAME --from X --to Y (or --resume SWEEP-DIR)");
        }
        return new SweepAxis(param, from, to, steps);
    }

    private SweepAxis secondAxis() {
        if (param2 == null) {
            if (from2 != null || to2 != null) {
                throw new UserException("--from2/--to2 need --param2, the second metaparameter to sweep");
            }
            return null;
        }
        if (from2 == null || to2 == null) {
            throw new UserException("--param2 " + param2 + " needs --from2 and --to2");
        }
        return new SweepAxis(param2, from2, to2, steps2);
    }

    private int trained() {
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SignalStop stop = SignalStop.install("sweep")) {
            SweepProgress progress = new SweepProgress(outWriter, err, !plain && System.console() != null);
            SweepTrainer.Outcome outcome;
            if (resume != null) {
                SweepTrainer.Setup setup = SweepTrainer.readSetup(resume);
                outWriter.println("continuing the sweep in " + resume + describe(setup));
                outcome = SweepTrainer.run(resume, setup, null, progress, stop.cancel());
            } else {
                outcome = startNew(outWriter, progress, stop.cancel());
            }
            progress.clearLine();
            printTable(outcome, outWriter);
            outWriter.println(outcome.message());
            outWriter.flush();
            if (outcome.status() == RunSummary.Status.CANCELLED) {
                return ExitCodes.CANCELLED;
            }
            return ExitCodes.OK;
        } catch (Dl4jConversionException | IllegalArgumentException | IOException e) {
            throw new UserException(e.getMessage());
        }
    }

    private SweepTrainer.Outcome startNew(PrintWriter outWriter, SweepProgress progress, AtomicBoolean cancel)
            throws IOException, Dl4jConversionException {
        if (out == null) {
            throw new UserException("sweep --train needs --out SWEEP-DIR, the folder for the runs and results");
        }
        if (maxMinutes != null && !(maxMinutes > 0) || imagesPerPoint != null && imagesPerPoint < 1) {
            // (the budget record reads 0 as "no budget")
            throw new UserException("--max-minutes and --images-per-point must be more than 0");
        }
        TrainedSweepSetup.Budget budget = new TrainedSweepSetup.Budget(maxMinutes == null ? 0 : maxMinutes,
                imagesPerPoint == null ? 0 : imagesPerPoint);
        if (SweepTrainer.isSweep(out) && !budget.isNone()) {
            throw new UserException(out + " already holds a sweep; continue it with --resume " + out);
        }
        SqueezeNetMetaparameters base = TrainedSweepSetup.inputFromData(
                metaparameters.toMetaparameters(SqueezeNetMetaparameters.Trunk.SMALL),
                training.dataSpec(0), metaparameters.gives("input_channels"), metaparameters.gives("input_size"));
        DataSpec dataSpec = training.dataSpec(metaparameters.gives("classes") ? base.classes() : 0);
        TrainingConfig config = training.config(10);
        List<Long> seedList = TrainedSweepSetup.seeds(config.seed(), seeds == null ? 1 : seeds);
        if (maxMinutes != null) {
            outWriter.println("measuring the training speed of each point...");
            outWriter.flush();
        }
        TrainedSweepSetup.Prepared prepared = TrainedSweepSetup.prepare(base, firstAxis(), secondAxis(), dataSpec,
                config, seedList, budget, (p, rate) -> outWriter.printf(Locale.ROOT, "  %s: %.0f img/s%n",
                        p.label(), rate));
        SweepTrainer.Setup setup = prepared.setup();
        if (!setup.budget().isEmpty()) {
            outWriter.println(setup.budget());
        }
        outWriter.println("sweep of " + setup.points().size() + " points x " + seedList.size()
                + (seedList.size() == 1 ? " seed" : " seeds") + " into " + out + describe(setup));
        outWriter.flush();
        return SweepTrainer.run(out, setup, prepared.data(), progress, cancel);
    }

    private static String describe(SweepTrainer.Setup s) {
        TrainingConfig c = s.config();
        return String.format(Locale.ROOT, ": %s; %d epochs, batch %d, %s lr %s, seeds %s%s",
                s.base().describe(), c.epochs(), c.batchSize(), c.optimizer().name().toLowerCase(Locale.ROOT),
                c.learningRate(), s.seeds(), s.budget().isEmpty() ? "" : "; " + s.budget());
    }

    private static void printTable(SweepTrainer.Outcome o, PrintWriter out) {
        TextTable table = new TextTable("point", "params", "model (32-bit)", "top-1 (best epoch)", "sd", "seeds",
                "best epochs", "img/s", "Pareto");
        List<Integer> front = ParetoFront.bySize(o.points(), o.accuracy());
        for (int i = 0; i < o.points().size(); i++) {
            SweepPoint p = o.points().get(i);
            PointAccuracy a = o.accuracy().get(i);
            boolean none = a.measured().isEmpty();
            table.row(p.label(), TextTable.count(p.params()), TextTable.count(p.modelBytes32()) + " B",
                    none ? "" : TextTable.accuracy(a.top1()),
                    none || Double.isNaN(a.top1Sd()) ? "" : String.format(Locale.ROOT, "%.2f", 100 * a.top1Sd()),
                    none ? "" : Integer.toString(a.measured().size()),
                    String.join(" ", a.measured().stream().map(r -> Integer.toString(r.bestEpoch())).toList()),
                    none ? "" : String.format(Locale.ROOT, "%.0f", a.imagesPerSecond()),
                    front.contains(i) ? "*" : "");
        }
        table.print(out);
        out.println("Pareto: * marks the points no other point beats on both a smaller model and a higher top-1");
    }

    /** The per-run progress of {@link TrainingProgress} with a line per run of the sweep. */
    private static final class SweepProgress extends TrainingProgress implements SweepTrainer.Listener {
        private final PrintWriter out;

        SweepProgress(PrintWriter out, PrintWriter err, boolean terminal) {
            super(out, err, terminal);
            this.out = out;
        }

        @Override
        public void sweepStarted(List<SweepPoint> points, int runs, int done) {
            if (done > 0) {
                out.printf(Locale.ROOT, "%d of %d runs are finished already%n", done, runs);
                out.flush();
            }
        }

        @Override
        public void runStarting(int index, int runs, SweepPoint point, long seed, Path runDir, boolean resuming) {
            clearLine();
            out.printf(Locale.ROOT, "run %d/%d: %s, seed %d%s -> %s%n", index + 1, runs, point.label(), seed,
                    resuming ? " (resuming)" : "", runDir);
            out.flush();
        }

        @Override
        public void runFinished(int index, int runs, TrainedRun r, List<PointAccuracy> accuracy, Duration eta) {
            clearLine();
            out.printf(Locale.ROOT, "run %d/%d done: best top-1 %s at epoch %d, %.0f s; sweep ETA %s%n", index + 1,
                    runs, TextTable.accuracy(r.bestTop1()), r.bestEpoch(), r.seconds(),
                    TextTable.duration(eta));
            out.flush();
        }
    }
}
