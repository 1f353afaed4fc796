package org.cnnworkbench.app.ui.viewmodel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.design.PointAccuracy;
import org.cnnworkbench.engine.design.SweepPoint;
import org.cnnworkbench.engine.design.TrainedRun;
import org.cnnworkbench.engine.dl4j.SweepTrainer;

/**
 * The live progress of a trained sweep: runs finished of all, the share of the sweep done, the current run
 * (its point, seed, epoch and batch, and its own share done) and the sweep's ETA, fed by {@link #listener} from
 * the training thread and published on {@code ui}. Each finished run's accuracy goes to the sweep window at once.
 */
public final class SweepProgress {

    private final Executor ui;
    private final Consumer<String> warnings;
    private final ReadOnlyIntegerWrapper runsDone = new ReadOnlyIntegerWrapper(this, "runsDone", 0);
    private final ReadOnlyIntegerWrapper runsTotal = new ReadOnlyIntegerWrapper(this, "runsTotal", 0);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyDoubleWrapper runProgress = new ReadOnlyDoubleWrapper(this, "runProgress", 0);
    private final ReadOnlyStringWrapper currentRun = new ReadOnlyStringWrapper(this, "currentRun", "");
    private final ReadOnlyStringWrapper runDetail = new ReadOnlyStringWrapper(this, "runDetail", "");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper(this, "eta", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    SweepProgress(Executor ui, Consumer<String> warnings) {
        this.ui = ui;
        this.warnings = warnings;
    }

    /** Clears everything for a new session (on the UI thread). */
    void reset(String firstStatus) {
        runsDone.set(0);
        runsTotal.set(0);
        progress.set(0);
        runProgress.set(0);
        currentRun.set("");
        runDetail.set("");
        eta.set("");
        status.set(firstStatus);
    }

    /** Sets the status line, from any thread. */
    void setStatus(String text) {
        ui.execute(() -> status.set(text));
    }

    /** Shows the runs a sweep folder has recorded (on the UI thread). */
    void showRecorded(int done, int runs, String text) {
        reset(text);
        runsDone.set(done);
        runsTotal.set(runs);
        progress.set(runs == 0 ? 0 : (double) done / runs);
    }

    /** The sweep ended (on the UI thread): completed, or stopped. */
    void ended(boolean completed, String text) {
        status.set(text);
        if (completed) {
            progress.set(1);
            eta.set("");
        }
        runDetail.set("");
    }

    /**
     * The sweep's ETA while a run trains: the current run's own ETA, plus the runs after it at the mean time of
     * the runs finished in this session, or, before any finished, at the current run's time so far plus its ETA.
     */
    static Duration sweepEta(double finishedSeconds, int finished, double currentSeconds, double currentEta,
                             int runsAfterCurrent) {
        double perRun = finished > 0 ? finishedSeconds / finished : currentSeconds + currentEta;
        return Duration.ofSeconds(Math.round(currentEta + perRun * Math.max(0, runsAfterCurrent)));
    }

    /**
     * A listener for one session of the sweep of {@code setup} in {@code folder}, showing its points and accuracy
     * in {@code sweep}; {@code recorded} is what the folder held before (null for a new sweep).
     */
    SweepTrainer.Listener listener(SweepTrainer.Setup setup, Path folder, SweepViewModel sweep,
                                   List<PointAccuracy> recorded) {
        int seeds = setup.seeds().size();
        return new SweepTrainer.Listener() {
            private List<SweepPoint> points = List.of();
            private int runs;
            private int done;
            private int finished;
            private double finishedSeconds;
            private long runStart = System.nanoTime();
            private String lastEpoch = "";

            @Override
            public void sweepStarted(List<SweepPoint> sweepPoints, int runCount, int doneBefore) {
                points = sweepPoints;
                runs = runCount;
                done = doneBefore;
                List<PointAccuracy> shown = recorded != null && recorded.size() == sweepPoints.size() ? recorded
                        : sweepPoints.stream().map(p -> new PointAccuracy(List.of())).toList();
                String text = String.format(Locale.ROOT, "%d points x %d seed%s = %d runs%s", sweepPoints.size(),
                        seeds, seeds == 1 ? "" : "s", runCount, doneBefore == 0 ? ""
                                : "; " + doneBefore + " finished already");
                ui.execute(() -> {
                    sweep.show(sweepPoints, setup.base(), shown, folder, seeds);
                    runsDone.set(doneBefore);
                    runsTotal.set(runCount);
                    progress.set(runCount == 0 ? 0 : (double) doneBefore / runCount);
                    status.set(text);
                });
            }

            @Override
            public void runStarting(int index, int runCount, SweepPoint point, long seed, Path runDir,
                                    boolean resuming) {
                runStart = System.nanoTime();
                lastEpoch = "";
                String text = String.format(Locale.ROOT, "run %d of %d: point %d of %d (%s), seed %d%s", index + 1,
                        runCount, points.indexOf(point) + 1, points.size(), point.label(), seed,
                        resuming ? ", resuming from its last epoch" : "");
                ui.execute(() -> {
                    currentRun.set(text);
                    runProgress.set(0);
                    runDetail.set("building the network...");
                });
            }

            @Override
            public void started(RunStart s) {
                String text = String.format(Locale.ROOT, "epoch %d of %d: %,d training and %,d validation images, "
                        + "%,d parameters", s.firstEpoch(), s.epochs(), s.trainImages(), s.valImages(), s.params());
                double share = (double) (s.firstEpoch() - 1) / s.epochs();
                ui.execute(() -> {
                    runDetail.set(text);
                    runProgress.set(share);
                });
            }

            @Override
            public void progress(Progress p) {
                double share = ((p.epoch() - 1) + (double) p.batch() / p.batches()) / p.epochs();
                double elapsed = (System.nanoTime() - runStart) / 1e9;
                Duration left = sweepEta(finishedSeconds, finished, elapsed, p.eta().toMillis() / 1000.0,
                        runs - done - 1);
                String text = String.format(Locale.ROOT, "epoch %d/%d, batch %d/%d, loss %.4f, %.0f images/s%s",
                        p.epoch(), p.epochs(), p.batch(), p.batches(), p.loss(), p.imagesPerSecond(),
                        lastEpoch.isEmpty() ? "" : " (" + lastEpoch + ")");
                String etaText = "sweep ETA " + TextTable.duration(left) + " (this run " + TextTable.duration(p.eta())
                        + ")";
                double whole = runs == 0 ? 0 : (done + share) / runs;
                ui.execute(() -> {
                    runProgress.set(share);
                    progress.set(whole);
                    runDetail.set(text);
                    eta.set(etaText);
                });
            }

            @Override
            public void epochEnded(EpochMetrics m) {
                lastEpoch = String.format(Locale.ROOT, "epoch %d: validation top-1 %.2f%%", m.epoch(), 100 * m.top1());
                String text = lastEpoch;
                ui.execute(() -> runDetail.set(text));
            }

            @Override
            public void warning(String message) {
                ui.execute(() -> warnings.accept(message));
            }

            @Override
            public void runFinished(int index, int runCount, TrainedRun result, List<PointAccuracy> accuracy,
                                    Duration sweepEta) {
                finished++;
                finishedSeconds += (System.nanoTime() - runStart) / 1e9;
                done = (int) accuracy.stream().mapToLong(a -> a.runs().size()).sum();
                int doneNow = done;
                String text = String.format(Locale.ROOT, "run %d of %d finished (%s): best top-1 %s at epoch %d",
                        index + 1, runCount, result.status().toLowerCase(Locale.ROOT),
                        TextTable.accuracy(result.bestTop1()), result.bestEpoch());
                List<PointAccuracy> copy = new ArrayList<>(accuracy);
                ui.execute(() -> {
                    sweep.showAccuracy(copy);
                    runsDone.set(doneNow);
                    progress.set(runCount == 0 ? 1 : (double) doneNow / runCount);
                    runProgress.set(1);
                    currentRun.set(text);
                    eta.set(doneNow >= runCount ? "" : "sweep ETA " + TextTable.duration(sweepEta));
                });
            }
        };
    }

    /** Runs finished, of {@link #runsTotal()}. */
    public ReadOnlyIntegerProperty runsDone() {
        return runsDone.getReadOnlyProperty();
    }

    /** Points times seeds. */
    public ReadOnlyIntegerProperty runsTotal() {
        return runsTotal.getReadOnlyProperty();
    }

    /** The share of the whole sweep done, 0..1. */
    public ReadOnlyDoubleProperty progress() {
        return progress.getReadOnlyProperty();
    }

    /** The share of the current run done, 0..1. */
    public ReadOnlyDoubleProperty runProgress() {
        return runProgress.getReadOnlyProperty();
    }

    /** Which run trains: {@code run 3 of 8: point 2 of 4 (sr = 0.25), seed 43}; or how the last one ended. */
    public ReadOnlyStringProperty currentRun() {
        return currentRun.getReadOnlyProperty();
    }

    /** The current run's epoch, batch, loss and speed, or its last validation. */
    public ReadOnlyStringProperty runDetail() {
        return runDetail.getReadOnlyProperty();
    }

    /** {@code sweep ETA 12:03 (this run 1:02)}. */
    public ReadOnlyStringProperty eta() {
        return eta.getReadOnlyProperty();
    }

    /** What the sweep is doing, or how it ended. */
    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }
}
