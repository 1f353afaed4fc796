package org.cnnworkbench.app.ui.view.compression;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.cnnworkbench.app.ui.view.training.RunProgress;
import org.cnnworkbench.engine.dl4j.CompressedModels;
import org.cnnworkbench.engine.dl4j.CompressionJob;
import org.cnnworkbench.engine.dl4j.Compressor;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.RunSummary;

/**
 * The Compress window's state: its {@link CompressionSettings} and, while compressing, the live progress; at the
 * end, the size report. Compression runs on {@code work}; every property changes on {@code ui}. Testable without
 * the toolkit.
 *
 * <pre>{@code
 * CompressViewModel vm = new CompressViewModel(workThread, Platform::runLater);
 * vm.open(trainedRun);                               // false with error() set if it cannot be read
 * vm.edit("fc6", CompressionSettings.Column.DENSITY, "0.09");   // the predicted size follows
 * vm.start();
 * }</pre>
 */
public final class CompressViewModel {

    /** Where a compression is. */
    public enum State { IDLE, RUNNING, STOPPING, FINISHED, FAILED }

    private final Executor work;
    private final Executor ui;
    private final RunProgress live;
    private final CompressionSettings settings = new CompressionSettings();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<RunSummary> summary = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<CompressedModels.Report> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> activeRun = new ReadOnlyObjectWrapper<>();
    private volatile AtomicBoolean cancel = new AtomicBoolean();

    public CompressViewModel(Executor work, Executor ui) {
        this.work = work;
        this.ui = ui;
        this.live = new RunProgress(ui);
    }

    /**
     * Reads the spec of the trained run {@code run} and fills the plan with the published settings for it.
     * Returns false, with {@link #error()} saying why, if the run cannot be read.
     */
    public boolean open(Path run) {
        try {
            settings.open(run);
        } catch (IOException | RuntimeException e) {
            error.set(message(e));
            return false;
        }
        error.set("");
        return true;
    }

    /**
     * Sets one cell of a layer row. Returns false, with {@link #error()} saying why, if the text is not a value
     * in range; the plan is then unchanged.
     */
    public boolean edit(String layer, CompressionSettings.Column column, String text) {
        error.set(settings.edit(layer, column, text));
        return error.get().isEmpty();
    }

    /** The settings the window edits. */
    public CompressionSettings settings() {
        return settings;
    }

    /**
     * Starts compressing into {@link #outDir()}. Returns false, with {@link #error()} saying why, if a setting is
     * wrong, the directory exists, or a compression is already going.
     */
    public boolean start() {
        if (state.get() == State.RUNNING || state.get() == State.STOPPING) {
            error.set("a compression is already going; stop it first");
            return false;
        }
        Path run = settings.source().get();
        Path out;
        CompressionJob job;
        Compressor.FineTune fineTune;
        try {
            if (run == null) {
                throw new IllegalArgumentException("choose a trained run to compress");
            }
            out = settings.outPath();
            job = settings.job();
            fineTune = new Compressor.FineTune(settings.learningRate().get(), settings.trainLimit().get(),
                    settings.valLimit().get(), 0);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return false;
        }
        if (Files.exists(out)) {
            error.set(out + " already exists; choose another output directory");
            return false;
        }
        int svdE = job.svdEpochs();
        int pruneE = job.pruneEpochs();
        cancel = new AtomicBoolean();
        error.set("");
        summary.set(null);
        report.set(null);
        live.reset(List.of(), "loading the model and opening the data...");
        activeRun.set(out);
        state.set(State.RUNNING);
        AtomicBoolean flag = cancel;
        var listener = live.listener(() -> state.get() == State.RUNNING, epoch -> epoch <= svdE
                ? "SVD fine-tuning" : epoch <= svdE + pruneE ? "pruned fine-tuning" : "weight-sharing fine-tuning");
        work.execute(() -> finish(out, () -> Compressor.compress(run, job, fineTune, out, listener, flag)));
        return true;
    }


    @FunctionalInterface
    interface Run {
        RunSummary call() throws IOException, Dl4jConversionException;
    }

    /** Runs {@code run} on the work thread and publishes its end, and the size report, on the UI thread. */
    void finish(Path out, Run run) {
        try {
            RunSummary s = run.call();
            CompressedModels.Report r = s.status() == RunSummary.Status.COMPLETED
                    ? CompressedModels.readReport(out) : null;
            ui.execute(() -> {
                summary.set(s);
                report.set(r);
                if (s.status() == RunSummary.Status.COMPLETED) {
                    live.setProgress(1);
                }
                live.setStatus(describe(s, out));
                state.set(s.status() == RunSummary.Status.DIVERGED ? State.FAILED : State.FINISHED);
                if (s.status() == RunSummary.Status.DIVERGED) {
                    error.set(s.message());
                }
            });
        } catch (IOException | Dl4jConversionException | RuntimeException e) {
            failed(message(e));
        } catch (OutOfMemoryError e) {
            failed("out of memory (" + e.getMessage() + "); try fewer training images");
        }
    }

    private static String describe(RunSummary s, Path out) {
        return switch (s.status()) {
            case COMPLETED -> String.format(Locale.ROOT, "compressed after %d epochs: top-1 %.2f%%, top-5 %.2f%%",
                    s.epochs(), 100 * s.top1(), 100 * s.top5());
            case CANCELLED -> "stopped after " + s.epochs() + " epochs; resume " + out.getFileName()
                    + " from Training Runs";
            default -> s.message() == null || s.message().isBlank() ? s.status().name().toLowerCase(Locale.ROOT)
                    : s.message();
        };
    }

    private void failed(String message) {
        ui.execute(() -> {
            error.set(message);
            live.setStatus("compression failed");
            state.set(State.FAILED);
        });
    }


    static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Stops after the current batch; the run keeps its last complete epoch and can be resumed. */
    public void stop() {
        if (state.get() == State.RUNNING) {
            cancel.set(true);
            state.set(State.STOPPING);
            live.setStatus("stopping after the current batch...");
        }
    }

    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    /** Why the last action failed; empty when it did not. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunSummary> summary() {
        return summary.getReadOnlyProperty();
    }

    /** The size report of a completed compression (null before). */
    public ReadOnlyObjectProperty<CompressedModels.Report> report() {
        return report.getReadOnlyProperty();
    }

    /** The run directory being (or last) written. */
    public ReadOnlyObjectProperty<Path> activeRun() {
        return activeRun.getReadOnlyProperty();
    }

    /** Progress bar, status, images/s, ETA, loss curve, per-epoch metrics, warnings. */
    public RunProgress live() {
        return live;
    }
}
