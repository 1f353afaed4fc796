package org.cnnworkbench.app.ui;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.app.ui.files.Failures;

/**
 * The one thread of a window that reads and writes files, one job after the other. A job may fail in any way
 * (a malformed file, a full disk, an unexpected exception or error): the user is told and its future completes
 * anyway, so no Open or Save is ever left waiting.
 */
final class IoThread implements Executor {

    /** Work for the I/O thread. */
    interface Task<T> {
        T run() throws Exception;
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-io");
        t.setDaemon(true);
        return t;
    });
    private final Executor ui;
    private final Notices notices;

    IoThread(Executor ui, Notices notices) {
        this.ui = ui;
        this.notices = notices;
    }

    /** Runs a job that handles its own failures. */
    @Override
    public void execute(Runnable job) {
        thread.execute(job);
    }

    /**
     * Runs {@code task} and completes on the UI thread with its result, or, whatever it threw, with empty after
     * telling the user under {@code failure}.
     */
    <T> CompletableFuture<Optional<T>> submit(Task<T> task, String failure) {
        CompletableFuture<Optional<T>> done = new CompletableFuture<>();
        Runnable job = () -> {
            T result;
            try {
                result = task.run();
            } catch (Throwable e) {
                String why = Failures.describe(e);
                ui.execute(() -> {
                    notices.error(failure, why);
                    done.complete(Optional.empty());
                });
                return;
            }
            ui.execute(() -> done.complete(Optional.ofNullable(result)));
        };
        try {
            thread.execute(job);
        } catch (RejectedExecutionException e) {
            notices.error(failure, "the workbench is closing");
            done.complete(Optional.empty());
        }
        return done;
    }

    /** Lets queued jobs finish (for up to five seconds) and takes no more. */
    void shutdown() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
