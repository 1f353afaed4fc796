package org.cnnworkbench.app.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl+C and SIGTERM for long commands (train, compress, sensitivity): the signal sets {@link #cancel}, and the
 * JVM waits (up to five minutes) until the command has finished its current batch, written its files and
 * printed its summary, which it signals by closing this.
 *
 * <pre>{@code
 * try (SignalStop stop = SignalStop.install("train")) {
 *     RunSummary s = Trainer.train(..., stop.cancel());
 * }
 * }</pre>
 */
final class SignalStop implements AutoCloseable {

    private final AtomicBoolean cancel = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private SignalStop(String what, String stopping) {
        hook = new Thread(() -> {
            cancel.set(true);
            System.err.println("\nworkbench: " + stopping + " ...");
            try {
                finished.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "workbench-" + what + "-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Installs the hook; "stopping after the current batch" is printed when a signal comes. */
    static SignalStop install(String what) {
        return new SignalStop(what, "stopping after the current batch");
    }

    /** Installs the hook with its own message, e.g. "stopping after the current measurement". */
    static SignalStop install(String what, String stopping) {
        return new SignalStop(what, stopping);
    }

    /** Set when a signal came. */
    AtomicBoolean cancel() {
        return cancel;
    }

    @Override
    public void close() {
        // after the report: once the hook returns, the JVM halts
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting (Ctrl+C); the hook has been waiting for the command to finish
        }
    }
}
