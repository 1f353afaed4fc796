package org.cnnworkbench.app.ui.view.hardware;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.cnnworkbench.engine.analysis.AnalysisReport;

/**
 * A measurement of the current network that a window starts on request (the Hardware tab's layer times, the
 * Scaling window's Spark speedup): one at a time, on a background thread, with its status line; the result is
 * handed back on the UI thread.
 */
final class BackgroundMeasurement {

    /** The work: the result and the status line that says what was measured. */
    @FunctionalInterface
    interface Work<T> {
        Done<T> run() throws Exception;
    }

    /** What a measurement gives: its result, and the status line to show with it. */
    record Done<T>(T result, String status) {
    }

    private final ReadOnlyBooleanWrapper measuring = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final Executor background;
    private final Executor ui;

    /** On a daemon thread of this name, handing results to the JavaFX thread. */
    BackgroundMeasurement(String threadName) {
        this.background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.ui = javafx.application.Platform::runLater;
    }

    ReadOnlyBooleanProperty measuring() {
        return measuring.getReadOnlyProperty();
    }

    ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    /** Sets the status line (why a measurement cannot start, or that its result no longer applies). */
    void setStatus(String text) {
        status.set(text);
    }

    /**
     * Whether a measurement of {@code report} may start: none is running and the network is valid; otherwise
     * false, with the reason in the status line.
     */
    boolean canStart(AnalysisReport report) {
        if (measuring.get()) {
            return false;
        }
        if (report == null || !report.isValid()) {
            status.set("the network has errors (see Problems); fix them before measuring");
            return false;
        }
        return true;
    }

    /**
     * Runs {@code work} in the background with {@code starting} as the status line; then, on the UI thread,
     * {@code finish} gets its result (null when it failed) and status line, and returns the status line to show.
     * A failure's status is "cannot measure: " and its message; running out of memory adds {@code outOfMemory}.
     */
    <T> void start(String starting, Work<T> work, String outOfMemory, BiFunction<T, String, String> finish) {
        measuring.set(true);
        status.set(starting);
        background.execute(() -> {
            Done<T> done;
            try {
                done = work.run();
            } catch (OutOfMemoryError e) {
                done = new Done<>(null, "cannot measure: out of memory" + outOfMemory);
            } catch (Exception | LinkageError e) {
                done = new Done<>(null, "cannot measure: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
            Done<T> result = done;
            ui.execute(() -> {
                status.set(finish.apply(result.result(), result.status()));
                measuring.set(false);
            });
        });
    }
}
