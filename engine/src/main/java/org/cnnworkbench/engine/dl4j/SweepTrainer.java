package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.cnnworkbench.engine.design.DesignSweep;
import org.cnnworkbench.engine.design.PointAccuracy;
import org.cnnworkbench.engine.design.SqueezeNetGenerator;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.design.SweepAxis;
import org.cnnworkbench.engine.design.SweepPoint;
import org.cnnworkbench.engine.design.TrainedRun;
import org.cnnworkbench.engine.io.CsvTable;
import org.cnnworkbench.engine.model.Shape;

/**
 * Trains every point of a design-space sweep, each with the same data, settings and seeds, so that the points
 * differ only by architecture. The sweep folder holds:
 *
 * <pre>
 * sweep.json        the {@link Setup}: metaparameters, axes, data, training settings, seeds (written first)
 * runs/NN-...       one run directory per point and seed (docs/training.md), trained by {@link Trainer}
 * sweep.csv         the sweep's CSV with the measured columns ({@link DesignSweep#toCsv(List, List)})
 * runs.csv          one row per run: point, seed, directory, status, best epoch and its top-1/top-5, last top-1
 * </pre>
 *
 * <p>Both CSV files are rewritten (atomically) after every run. Running the same sweep folder again continues
 * it: finished runs are read, not retrained; an interrupted run resumes from its latest checkpoint (exactly, see
 * {@link Trainer#resume}); a run folder left with only part of its files (a crash before the first
 * checkpoint) is started again.
 *
 * <pre>{@code
 * SweepTrainer.Setup setup = new SweepTrainer.Setup(SqueezeNetMetaparameters.smallDefaults(),
 *         new SweepAxis("pct_3x3", 0.01, 0.99, 5), null, DataSpec.fashionMnist(6_000, 2_000),
 *         TrainingConfig.defaults().withEpochs(3), List.of(42L), "");
 * SweepTrainer.Outcome o = SweepTrainer.run(dir, setup, listener, cancel);
 * o.accuracy().get(2).top1();     // mean best-epoch top-1 of the third point
 * }</pre>
 */
public final class SweepTrainer {

    /** The most runs (points times seeds) one trained sweep may have. */
    public static final int MAX_RUNS = 1000;

    static final String SETUP_FILE = "sweep.json";
    private static final String RUNS = "runs";

    private SweepTrainer() {
    }

    /**
     * What a trained sweep does.
     *
     * @param base the metaparameters that are not swept (classes, input channels and size must match the data)
     * @param x the swept metaparameter
     * @param y a second swept metaparameter, or null
     * @param data the data every point trains on
     * @param config the training settings of every run; its seed is replaced by each of {@code seeds}
     * @param seeds the seeds every point is trained with (at least one, distinct)
     * @param budget how the settings were sized to a budget, for people (empty if not)
     */
    public record Setup(SqueezeNetMetaparameters base, SweepAxis x, SweepAxis y, DataSpec data,
                        TrainingConfig config, List<Long> seeds, String budget) {

        public Setup {
            if (base == null || x == null || data == null || config == null) {
                throw new IllegalArgumentException("a trained sweep needs metaparameters, an axis, data and "
                        + "training settings");
            }
            seeds = List.copyOf(seeds == null ? List.of() : seeds);
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("a trained sweep needs at least one seed");
            }
            if (seeds.stream().distinct().count() != seeds.size()) {
                throw new IllegalArgumentException("the seeds " + seeds + " repeat one; give distinct seeds");
            }
            budget = budget == null ? "" : budget;
        }

        /** The points, generated and analysed (IllegalArgumentException naming a point that makes no network). */
        public List<SweepPoint> points() {
            return DesignSweep.sweep(base, x, y);
        }

        /** The network of point {@code p}. */
        public SqueezeNetMetaparameters metaparameters(SweepPoint p) {
            SqueezeNetMetaparameters m = base;
            for (var e : p.values().entrySet()) {
                m = m.with(e.getKey(), e.getValue());
            }
            return m;
        }

        public Setup withConfig(TrainingConfig c, DataSpec d, String why) {
            return new Setup(base, x, y, d, c, seeds, why);
        }
    }

    /** How a sweep went; {@link #accuracy()} has one entry per point, in sweep order. */
    public record Outcome(RunSummary.Status status, List<SweepPoint> points, List<PointAccuracy> accuracy,
                          int trainedThisSession, String message) {
    }

    /** Progress of a sweep, besides each run's own {@link TrainingListener} callbacks. */
    public interface Listener extends TrainingListener {

        /** The sweep starts: {@code done} of {@code runs} runs are already finished (a continued sweep). */
        default void sweepStarted(List<SweepPoint> points, int runs, int done) {
        }

        /** Run {@code index} (0-based, of {@code runs}) starts or resumes. */
        default void runStarting(int index, int runs, SweepPoint point, long seed, Path runDir, boolean resuming) {
        }

        /**
         * Run {@code index} ended; {@code eta} estimates the rest of the sweep from this session's runs (zero
         * when none is left).
         */
        default void runFinished(int index, int runs, TrainedRun result, List<PointAccuracy> accuracy,
                                 Duration eta) {
        }
    }

    /** The setup of the sweep in {@code dir} (its sweep.json). */
    public static Setup readSetup(Path dir) throws IOException {
        Path file = dir.resolve(SETUP_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + " is not a trained sweep (no " + SETUP_FILE + ")");
        }
        return RunFiles.readJson(RunDirectory.JSON, file, Setup.class);
    }

    /** Whether {@code dir} holds a trained sweep. */
    public static boolean isSweep(Path dir) {
        return Files.isRegularFile(dir.resolve(SETUP_FILE));
    }

    /**
     * Runs (or continues) the sweep of {@code setup} in {@code dir}. A folder that holds another sweep's setup is
     * refused (with what differs), as is a non-empty folder that is not a sweep.
     *
     * @param data the data of {@code setup.data()}, opened at the networks' input (null: opened here)
     */
    public static Outcome run(Path dir, Setup setup, TrainingData data, Listener listener, AtomicBoolean cancel)
            throws IOException, Dl4jConversionException {
        List<SweepPoint> points = setup.points();
        long runs = (long) points.size() * setup.seeds().size();
        if (runs > MAX_RUNS) {
            throw new IllegalArgumentException("the sweep has " + points.size() + " points x " + setup.seeds().size()
                    + " seeds = " + runs + " runs; at most " + MAX_RUNS + " are allowed");
        }
        prepareFolder(dir, setup);
        SqueezeNetMetaparameters base = setup.base();
        Shape.FeatureMap input = new Shape.FeatureMap(base.inputChannels(), base.inputSize(), base.inputSize());
        TrainingData opened = data != null ? data : TrainingData.open(setup.data(), input);
        if (opened.classes().size() != base.classes()) {
            throw new IllegalArgumentException("the networks have " + base.classes() + " classes but the data has "
                    + opened.classes().size() + "; set --classes " + opened.classes().size());
        }
        List<List<TrainedRun>> results = new ArrayList<>();
        int done = 0;
        for (int p = 0; p < points.size(); p++) {
            List<TrainedRun> perPoint = new ArrayList<>();
            for (long seed : setup.seeds()) {
                Optional<TrainedRun> r = finished(dir, setup, p, points.get(p), seed);
                r.ifPresent(perPoint::add);
                done += r.isPresent() ? 1 : 0;
            }
            results.add(perPoint);
        }
        listener.sweepStarted(points, (int) runs, done);
        writeCsv(dir, points, results);
        long sessionStart = System.nanoTime();
        int trained = 0;
        int index = -1;
        for (int p = 0; p < points.size(); p++) {
            SweepPoint point = points.get(p);
            for (long seed : setup.seeds()) {
                index++;
                int point1 = p;
                if (results.get(p).stream().anyMatch(r -> r.seed() == seed)) {
                    continue;
                }
                if (cancel.get()) {
                    return cancelled(points, results, trained, dir);
                }
                Path runDir = runDir(dir, setup, p, point, seed);
                boolean resuming = RunDirectory.isRun(runDir);
                listener.runStarting(index, (int) runs, point, seed, runDir, resuming);
                RunSummary summary = train(setup, point, seed, runDir, opened, listener, cancel);
                if (summary.status() == RunSummary.Status.CANCELLED) {
                    return cancelled(points, results, trained, dir);
                }
                TrainedRun result = result(p, seed, runDir, summary);
                results.get(point1).add(result);
                results.get(point1).sort(Comparator.comparingInt(r -> setup.seeds().indexOf(r.seed())));
                trained++;
                writeCsv(dir, points, results);
                long left = runs - results.stream().mapToLong(List::size).sum();
                double perRun = (System.nanoTime() - sessionStart) / 1e9 / trained;
                listener.runFinished(index, (int) runs, result, accuracy(results),
                        Duration.ofSeconds(Math.round(perRun * left)));
            }
        }
        return new Outcome(RunSummary.Status.COMPLETED, points, accuracy(results), trained,
                "all " + runs + " runs trained (" + trained + " in this session); results in "
                        + dir.resolve("sweep.csv"));
    }

    /** Continues the sweep in {@code dir} with the setup it was started with. */
    public static Outcome resume(Path dir, Listener listener, AtomicBoolean cancel)
            throws IOException, Dl4jConversionException {
        return run(dir, readSetup(dir), null, listener, cancel);
    }

    /** The measured results recorded so far in the sweep folder {@code dir} (runs not finished are left out). */
    public static List<PointAccuracy> recorded(Path dir) throws IOException {
        Setup setup = readSetup(dir);
        List<SweepPoint> points = setup.points();
        List<List<TrainedRun>> results = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) {
            List<TrainedRun> perPoint = new ArrayList<>();
            for (long seed : setup.seeds()) {
                finished(dir, setup, p, points.get(p), seed).ifPresent(perPoint::add);
            }
            results.add(perPoint);
        }
        return accuracy(results);
    }

    private static Outcome cancelled(List<SweepPoint> points, List<List<TrainedRun>> results, int trained, Path dir) {
        return new Outcome(RunSummary.Status.CANCELLED, points, accuracy(results), trained,
                "stopped; " + results.stream().mapToLong(List::size).sum() + " runs are finished. Continue with "
                        + "workbench sweep --resume " + dir);
    }

    private static List<PointAccuracy> accuracy(List<List<TrainedRun>> results) {
        return results.stream().map(PointAccuracy::new).toList();
    }

    private static void prepareFolder(Path dir, Setup setup) throws IOException {
        if (isSweep(dir)) {
            Setup existing = readSetup(dir);
            if (!existing.equals(setup)) {
                throw new IOException(dir + " holds a sweep with other settings (" + difference(existing, setup)
                        + "); continue it with --resume " + dir + ", or choose another folder");
            }
            return;
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.findAny().isPresent()) {
                    throw new IOException(dir + " is not empty and holds no sweep; choose a new or empty folder");
                }
            }
        }
        Files.createDirectories(dir.resolve(RUNS));
        RunDirectory.writeAtomically(dir.resolve(SETUP_FILE), RunDirectory.JSON.writeValueAsString(setup));
    }

    private static String difference(Setup a, Setup b) {
        List<String> parts = new ArrayList<>();
        if (!a.base().equals(b.base())) {
            parts.add("metaparameters: " + a.base().describe());
        }
        if (!a.x().equals(b.x()) || !java.util.Objects.equals(a.y(), b.y())) {
            parts.add("axes " + a.x() + (a.y() == null ? "" : ", " + a.y()));
        }
        if (!a.data().equals(b.data())) {
            parts.add("data " + a.data());
        }
        if (!a.config().equals(b.config())) {
            parts.add("training " + a.config());
        }
        if (!a.seeds().equals(b.seeds())) {
            parts.add("seeds " + a.seeds());
        }
        return parts.isEmpty() ? "budget: " + a.budget() : String.join("; ", parts);
    }

    /** {@code runs/NN-name-value[-name-value]-seed-S}, numbered in sweep order. */
    static Path runDir(Path dir, Setup setup, int index, SweepPoint point, long seed) {
        StringBuilder name = new StringBuilder(String.format(Locale.ROOT, "%02d", index + 1));
        point.values().forEach((k, v) -> name.append('-').append(k).append('-')
                .append(SqueezeNetMetaparameters.fmt(v)));
        name.append("-seed-").append(seed);
        return dir.resolve(RUNS).resolve(name.toString());
    }

    private static Optional<TrainedRun> finished(Path dir, Setup setup, int index, SweepPoint point, long seed)
            throws IOException {
        Path runDir = runDir(dir, setup, index, point, seed);
        if (!RunDirectory.isRun(runDir)) {
            return Optional.empty();
        }
        Optional<RunSummary> summary;
        try {
            summary = new RunDirectory(runDir).summary();
        } catch (IOException damaged) {
            return Optional.empty();   // resumed, which rewrites the summary
        }
        if (summary.isEmpty() || summary.get().status() == RunSummary.Status.CANCELLED
                || (summary.get().status() == RunSummary.Status.COMPLETED
                    && summary.get().epochs() < setup.config().epochs())) {
            return Optional.empty();
        }
        return Optional.of(result(index, seed, runDir, summary.get()));
    }

    private static TrainedRun result(int index, long seed, Path runDir, RunSummary s) throws IOException {
        // the training time of every session, from the epochs' own times
        double seconds = new RunDirectory(runDir).metrics().stream()
                .mapToDouble(TrainingListener.EpochMetrics::seconds).sum();
        return new TrainedRun(index, seed, runDir.getFileName().toString(), s.status().name(), s.epochs(),
                s.bestEpoch(), s.bestTop1(), s.bestTop5(), s.top1(), seconds, s.imagesPerSecond());
    }

    private static RunSummary train(Setup setup, SweepPoint point, long seed, Path runDir, TrainingData data,
                                    TrainingListener listener, AtomicBoolean cancel)
            throws IOException, Dl4jConversionException {
        TrainingConfig config = setup.config().withSeed(seed);
        if (RunDirectory.isRun(runDir)) {
            return Trainer.resume(runDir, config.epochs(), listener, cancel);
        }
        if (RunDirectory.holdsRunFiles(runDir)) {
            // a crash while the run was being created: nothing was trained yet, start it again
            listener.warning(runDir + " held only part of a run (no spec or config); starting that run again");
            try (Stream<Path> files = Files.walk(runDir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
        return Trainer.train(SqueezeNetGenerator.generate(setup.metaparameters(point)), data, config, runDir,
                listener, cancel);
    }

    private static void writeCsv(Path dir, List<SweepPoint> points, List<List<TrainedRun>> results)
            throws IOException {
        RunDirectory.writeAtomically(dir.resolve("sweep.csv"), DesignSweep.toCsv(points, accuracy(results)));
        CsvTable runs = new CsvTable("point", "seed", "run", "status", "epochs", "best_epoch", "best_top1",
                "best_top5", "last_top1", "train_seconds", "images_per_second");
        for (List<TrainedRun> perPoint : results) {
            for (TrainedRun r : perPoint) {
                runs.row(r.point() + 1, r.seed(), RUNS + "/" + r.run(), r.status(), r.epochs(), r.bestEpoch(),
                        fixed(r.bestTop1()), fixed(r.bestTop5()), fixed(r.lastTop1()),
                        String.format(Locale.ROOT, "%.1f", r.seconds()),
                        String.format(Locale.ROOT, "%.1f", r.imagesPerSecond()));
            }
        }
        RunDirectory.writeAtomically(dir.resolve("runs.csv"), runs.toCsv());
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
