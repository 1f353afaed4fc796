package org.cnnworkbench.app.ui.view.training;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.dl4j.TrainingListener;

/**
 * The live progress of a run that trains (training, compression fine-tuning): progress, status line, images/s,
 * ETA, the loss curve, per-epoch metrics and warnings, fed by {@link #listener} from the training thread and
 * published on {@code ui}. Shared by the Train and Compress windows.
 */
public final class RunProgress {

    /** Points of the loss chart per epoch at most (each the mean loss of its batches). */
    static final int LOSS_POINTS_PER_EPOCH = 50;

    private final Executor ui;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper speed = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper("");
    private final ObservableList<TrainingViewModel.LossPoint> lossCurve = FXCollections.observableArrayList();
    // one read-only view each, kept: an unmodifiable wrapper listens to its list weakly, so a view created per
    // call could be collected together with the listeners a panel added to it
    private final ObservableList<TrainingViewModel.LossPoint> lossCurveView =
            FXCollections.unmodifiableObservableList(lossCurve);
    private final ObservableList<TrainingListener.EpochMetrics> epochMetrics = FXCollections.observableArrayList();
    private final ObservableList<TrainingListener.EpochMetrics> epochMetricsView =
            FXCollections.unmodifiableObservableList(epochMetrics);
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ObservableList<String> warningsView = FXCollections.unmodifiableObservableList(warnings);

    public RunProgress(Executor ui) {
        this.ui = ui;
    }

    /** Clears everything for a new run (on the UI thread), showing {@code earlier} epochs first. */
    public void reset(List<TrainingListener.EpochMetrics> earlier, String firstStatus) {
        lossCurve.clear();
        epochMetrics.setAll(earlier);
        warnings.clear();
        progress.set(0);
        speed.set("");
        eta.set("");
        status.set(firstStatus);
    }

    /** Sets the status line (on the UI thread). */
    public void setStatus(String text) {
        status.set(text);
    }

    /** Sets the progress (on the UI thread). */
    public void setProgress(double done) {
        progress.set(done);
    }

    /**
     * A listener for one run. {@code running} says whether batch lines may replace the status (not while stopping);
     * {@code stage} names the stage of an epoch ("" for none), put before the batch line.
     */
    public TrainingListener listener(BooleanSupplier running, IntFunction<String> stage) {
        return new TrainingListener() {
            private int chunk = 1;
            private double sum;
            private int count;

            @Override
            public void started(RunStart s) {
                int batches = Math.max(1, s.batchesPerEpoch());
                chunk = Math.max(1, batches / LOSS_POINTS_PER_EPOCH);
                String text = String.format(Locale.ROOT, "epoch %d of %d: %,d training and %,d validation images, "
                        + "%,d parameters", s.firstEpoch(), s.epochs(), s.trainImages(), s.valImages(), s.params());
                double done = (double) (s.firstEpoch() - 1) / s.epochs();
                ui.execute(() -> {
                    status.set(text);
                    progress.set(done);
                });
            }

            @Override
            public void progress(Progress p) {
                sum += p.loss();
                count++;
                TrainingViewModel.LossPoint point = null;
                if (count == chunk || p.batch() == p.batches()) {
                    point = new TrainingViewModel.LossPoint(p.epoch() - 1 + (double) p.batch() / p.batches(),
                            sum / count);
                    sum = 0;
                    count = 0;
                }
                TrainingViewModel.LossPoint add = point;
                double done = ((p.epoch() - 1) + (double) p.batch() / p.batches()) / p.epochs();
                String name = stage.apply(p.epoch());
                String line = (name.isEmpty() ? "" : name + ": ") + String.format(Locale.ROOT,
                        "epoch %d/%d, batch %d/%d, loss %.4f", p.epoch(), p.epochs(), p.batch(), p.batches(),
                        p.loss());
                String rate = String.format(Locale.ROOT, "%.0f images/s", p.imagesPerSecond());
                String left = "ETA " + TextTable.duration(p.eta());
                ui.execute(() -> {
                    if (add != null) {
                        lossCurve.add(add);
                    }
                    if (running.getAsBoolean()) {
                        status.set(line);
                    }
                    progress.set(done);
                    speed.set(rate);
                    eta.set(left);
                });
            }

            @Override
            public void epochEnded(EpochMetrics m) {
                ui.execute(() -> epochMetrics.add(m));
            }

            @Override
            public void warning(String message) {
                ui.execute(() -> warnings.add(message));
            }
        };
    }

    /** 0 to 1. */
    public ReadOnlyDoubleProperty progress() {
        return progress.getReadOnlyProperty();
    }

    /** What the run is doing, or how it ended. */
    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    /** "1234 images/s". */
    public ReadOnlyStringProperty speed() {
        return speed.getReadOnlyProperty();
    }

    /** "ETA 1m 20s". */
    public ReadOnlyStringProperty eta() {
        return eta.getReadOnlyProperty();
    }

    public ObservableList<TrainingViewModel.LossPoint> lossCurve() {
        return lossCurveView;
    }

    public ObservableList<TrainingListener.EpochMetrics> epochMetrics() {
        return epochMetricsView;
    }

    public ObservableList<String> warnings() {
        return warningsView;
    }
}
