package org.cnnworkbench.app.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Starting JavaFX, with a display or headless (Monocle), and running work on its thread. */
public final class FxRuntime {

    private static boolean started;

    private FxRuntime() {
    }

    /** Whether a window can be shown: a display is set, or the headless Monocle platform was chosen. */
    public static boolean hasDisplay() {
        return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null
                || "Monocle".equals(System.getProperty("glass.platform"))
                || !System.getProperty("os.name", "").toLowerCase().contains("linux");
    }

    /** Selects the headless Monocle platform with software rendering; must run before the toolkit starts. */
    public static void useHeadlessPlatform() {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
        // Monocle's headless screen is 1280x800 unless told otherwise; windows must fit on it.
        System.setProperty("headless.geometry", "3840x2400-32");
    }

    /**
     * Starts the toolkit once (headless when there is no display); a toolkit that someone else started in this
     * JVM (a test harness, an embedding application) is used as it is.
     */
    public static synchronized void start() {
        if (started) {
            return;
        }
        if (!hasDisplay()) {
            useHeadlessPlatform();
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        try {
            Platform.startup(() -> ready.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            ready.complete(null);
        }
        Platform.setImplicitExit(false);
        ready.join();
        started = true;
    }

    /** Runs {@code work} on the JavaFX thread and waits for its result. */
    public static <T> T call(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("the JavaFX thread did not answer", e);
        }
    }

    /**
     * Runs {@code work} on the JavaFX thread and returns its result: directly when called on that thread, else
     * through {@link #call}, first starting the toolkit ({@link #start}) only if nobody has (the desktop
     * application's toolkit is used as it is, so its exit policy stays untouched).
     */
    public static <T> T callOnToolkit(Supplier<T> work) {
        if (Platform.isFxApplicationThread()) {
            return work.get();
        }
        if (!toolkitRunning()) {
            start();
        }
        return call(work);
    }

    private static boolean toolkitRunning() {
        try {
            Platform.runLater(() -> { });
            return true;
        } catch (IllegalStateException notStarted) {
            return false;
        }
    }

    /** A single daemon thread for DL4J training, so one run at a time trains and the UI never waits for it. */
    public static Executor trainingThread() {
        return daemonThread("workbench-training");
    }

    /**
     * A single daemon thread for reading runs and classifying images, so that neither waits for a training run
     * or delays the analysis of an edit.
     */
    public static Executor runsThread() {
        return daemonThread("workbench-runs");
    }

    /** A single daemon thread for the analysis, so the UI thread never waits for it. */
    public static Executor analysisThread() {
        return daemonThread("workbench-analysis");
    }

    private static Executor daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
