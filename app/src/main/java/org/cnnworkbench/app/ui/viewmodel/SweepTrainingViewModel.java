package org.cnnworkbench.app.ui.viewmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.cnnworkbench.app.design.TrainedSweepSetup;
import org.cnnworkbench.engine.design.PointAccuracy;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.design.SweepPoint;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.dl4j.SweepTrainer;

/**
 * Training every point of the sweep window's sweep ({@link SweepTrainer}): start with the window's axes, trunk
 * and {@link #settings()}, cancel (the current run stops after its batch), continue a stopped sweep, or open a
 * sweep folder to see what it recorded. While it trains, {@link #progress()} (the sweep's share done) and the
 * lines of {@link SweepProgress} follow every batch, and each finished run's accuracy goes to the sweep's charts.
 * Training runs on {@code work}; every property changes on {@code ui}. Testable without the toolkit.
 */
public final class SweepTrainingViewModel {

    /** Where a trained sweep is. */
    public enum State { IDLE, RUNNING, STOPPING, FINISHED, STOPPED, FAILED }

    private final SweepViewModel sweep;
    private final Path runsRoot;
    private final Executor work;
    private final Executor ui;
    private final SweepTrainingSettings settings = new SweepTrainingSettings();
    private final SweepProgress live;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyStringWrapper budget = new ReadOnlyStringWrapper(this, "budget", "");
    private final ReadOnlyObjectWrapper<Path> activeFolder = new ReadOnlyObjectWrapper<>(this, "activeFolder");
    private final ReadOnlyBooleanWrapper canContinue = new ReadOnlyBooleanWrapper(this, "canContinue", false);
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ObservableList<String> warningsView = FXCollections.unmodifiableObservableList(warnings);
    private volatile AtomicBoolean cancel = new AtomicBoolean();

    SweepTrainingViewModel(SweepViewModel sweep, Path runsRoot, Executor work, Executor ui) {
        this.sweep = sweep;
        this.runsRoot = runsRoot;
        this.work = work;
        this.ui = ui;
        this.live = new SweepProgress(ui, warnings::add);
    }

    /** Sets the sweep folder to a fresh one under the runs folder ({@link #suggestFolder}). */
    public void newFolder() {
        settings.folder().set(suggestFolder(runsRoot).toString());
    }

    /** A new folder in {@code parent}, named after the swept metaparameters and the time. */
    public Path suggestFolder(Path parent) {
        return SweepTrainingSettings.suggestFolder(parent, sweep.parameter().get(),
                sweep.secondEnabled().get() ? sweep.parameter2().get() : null);
    }

    public Path runsRoot() {
        return runsRoot;
    }

    /**
     * Trains every point of the window's sweep into the sweep folder: the networks are the trunk's with the
     * data's input and classes. Returns false, with the sweep's error set, if a setting is wrong, a sweep is
     * already training, or the folder holds a sweep (open it to continue it); problems found later (no data, a
     * point that makes no network, a budget too small) end it as {@link State#FAILED} with the reason.
     */
    public boolean start() {
        if (isBusy()) {
            sweep.setError("a sweep is training; cancel it first");
            return false;
        }
        SweepViewModel.Axes axes;
        SweepTrainingSettings.Request r;
        SqueezeNetMetaparameters base;
        try {
            axes = sweep.axes();
            r = settings.request();
            base = TrainedSweepSetup.inputFromData(sweep.base().get(), r.data(), false, false);
        } catch (IllegalArgumentException e) {
            sweep.setError(e.getMessage());
            return false;
        }
        if (SweepTrainer.isSweep(r.folder())) {
            sweep.setError(r.folder() + " holds a sweep already: Open Sweep Folder... shows it and Continue trains "
                    + "what is left; or choose a new folder");
            return false;
        }
        Path folder = r.folder();
        AtomicBoolean flag = begin(folder, "opening the data...");
        work.execute(() -> finish(folder, () -> {
            TrainedSweepSetup.Prepared p = TrainedSweepSetup.prepare(base, axes.x(), axes.y(), r.data(), r.config(),
                    r.seeds(), r.budget(), (point, rate) -> live.setStatus(String.format(Locale.ROOT,
                            "measuring the training speed: %s, %.0f images/s", point.label(), rate)));
            String sized = p.setup().budget();
            ui.execute(() -> budget.set(sized));
            if (flag.get()) {
                return null;
            }
            return SweepTrainer.run(folder, p.setup(), p.data(), live.listener(p.setup(), folder, sweep, null), flag);
        }));
        return true;
    }

    /** Continues the sweep last trained or opened; see {@link #resume(Path)}. */
    public boolean resume() {
        Path folder = activeFolder.get();
        if (folder == null) {
            sweep.setError("open a sweep folder first");
            return false;
        }
        return resume(folder);
    }

    /**
     * Continues the sweep in {@code folder} with its own settings: finished runs are read, a stopped run resumes
     * from its last complete epoch. What is recorded shows first. Returns false if a sweep is training.
     */
    public boolean resume(Path folder) {
        if (isBusy()) {
            sweep.setError("a sweep is training; cancel it first");
            return false;
        }
        AtomicBoolean flag = begin(folder, "reading the sweep...");
        work.execute(() -> finish(folder, () -> {
            Opened opened = read(folder);
            return SweepTrainer.run(folder, opened.setup(), null,
                    live.listener(opened.setup(), folder, sweep, opened.recorded()), flag);
        }));
        return true;
    }

    /** Shows the setup and the recorded results of the sweep in {@code folder} (read on the work thread). */
    public void open(Path folder) {
        if (isBusy()) {
            sweep.setError("a sweep is training; cancel it before opening another");
            return;
        }
        work.execute(() -> {
            try {
                Opened opened = read(folder);
                int runs = opened.points().size() * opened.setup().seeds().size();
                long done = opened.recorded().stream().mapToLong(a -> a.runs().size()).sum();
                ui.execute(() -> {
                    state.set(State.IDLE);
                    live.showRecorded((int) done, runs, done == runs ? "all " + runs + " runs of " + folder
                            + " are finished" : done + " of " + runs + " runs of " + folder + " are finished; "
                            + "Continue trains the rest");
                    canContinue.set(done < runs);
                });
            } catch (IOException | RuntimeException e) {
                String why = message(e);
                ui.execute(() -> sweep.setError(why));
            }
        });
    }

    /** A sweep folder as read: its setup, points, and the results recorded so far. */
    private record Opened(SweepTrainer.Setup setup, List<SweepPoint> points, List<PointAccuracy> recorded) {
    }

    /** Reads a sweep folder's setup and recorded results and shows them in the window (call on the work thread). */
    private Opened read(Path folder) throws IOException {
        SweepTrainer.Setup setup = SweepTrainer.readSetup(folder);
        List<PointAccuracy> recorded = SweepTrainer.recorded(folder);
        List<SweepPoint> points = setup.points();
        ui.execute(() -> {
            sweep.train().set(true);
            sweep.trunk().set(setup.base().trunk());
            sweep.showAxes(setup.x(), setup.y());
            settings.fill(setup, folder);
            sweep.show(points, setup.base(), recorded, folder, setup.seeds().size());
            sweep.setError("");
            budget.set(setup.budget());
            activeFolder.set(folder);
        });
        return new Opened(setup, points, recorded);
    }

    /** Asks the sweep to stop after the current batch; Continue picks it up there. */
    public void cancel() {
        if (state.get() == State.RUNNING) {
            cancel.set(true);
            state.set(State.STOPPING);
            live.setStatus("stopping after the current batch...");
        }
    }

    /** Whether a sweep is training (or stopping). */
    public boolean isBusy() {
        return state.get() == State.RUNNING || state.get() == State.STOPPING;
    }

    private AtomicBoolean begin(Path folder, String firstStatus) {
        cancel = new AtomicBoolean();
        sweep.setError("");
        warnings.clear();
        budget.set("");
        live.reset(firstStatus);
        activeFolder.set(folder);
        canContinue.set(false);
        state.set(State.RUNNING);
        return cancel;
    }

    @FunctionalInterface
    interface Sweep {
        SweepTrainer.Outcome call() throws IOException, Dl4jConversionException;
    }

    /** Runs {@code run} on the work thread and publishes how it ended on the UI thread, whatever way it ends. */
    void finish(Path folder, Sweep run) {
        try {
            SweepTrainer.Outcome o = run.call();
            ui.execute(() -> {
                if (o == null) {
                    live.setStatus("stopped before the first run; nothing was written");
                    state.set(State.STOPPED);
                    return;
                }
                sweep.showAccuracy(o.accuracy());
                boolean completed = o.status() == RunSummary.Status.COMPLETED;
                long done = o.accuracy().stream().mapToLong(a -> a.runs().size()).sum();
                live.ended(completed, completed ? String.format(Locale.ROOT, "all %d runs trained (%d in this "
                        + "session); results in %s", done, o.trainedThisSession(), folder.resolve("sweep.csv"))
                        : done + " runs are finished; stopped runs keep their last complete epoch, and Continue "
                        + "trains the rest");
                canContinue.set(!completed);
                state.set(completed ? State.FINISHED : State.STOPPED);
            });
        } catch (IOException | Dl4jConversionException | RuntimeException e) {
            failed(folder, message(e));
        } catch (OutOfMemoryError e) {
            failed(folder, "out of memory (" + e.getMessage() + "); try a smaller batch size");
        }
    }

    private void failed(Path folder, String message) {
        boolean started = SweepTrainer.isSweep(folder);
        ui.execute(() -> {
            sweep.setError(message);
            live.setStatus("the sweep stopped with an error" + (started ? "; Continue retries it" : ""));
            canContinue.set(started);
            state.set(State.FAILED);
        });
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    public SweepTrainingSettings settings() {
        return settings;
    }

    /** The lines, bars and ETA of the sweep that trains. */
    public SweepProgress live() {
        return live;
    }

    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    /** How a budget sized the sweep, in words; empty without a budget. */
    public ReadOnlyStringProperty budget() {
        return budget.getReadOnlyProperty();
    }

    /** The folder of the sweep that trains, or was trained or opened last. */
    public ReadOnlyObjectProperty<Path> activeFolder() {
        return activeFolder.getReadOnlyProperty();
    }

    /** Whether {@link #resume()} has runs left to train in {@link #activeFolder()}. */
    public ReadOnlyBooleanProperty canContinue() {
        return canContinue.getReadOnlyProperty();
    }

    /** Warnings of the runs (skipped images, a run started again). */
    public ObservableList<String> warnings() {
        return warningsView;
    }
}
