package org.cnnworkbench.engine.testing;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the cases of one fuzz harness, each on a worker thread with a time limit, counts how they ended and
 * prints the summary line shared by the workbench's harnesses:
 * {@code fuzz: images: 200 cases, 150 ended in a clear error or diagnostics, 50 accepted, 0 failed}.
 * A case fails if it throws (an assertion about its result, or any exception or error escaping) or passes its
 * time limit; {@link #finish} then fails the test with the failing cases' descriptions.
 *
 * <p>The number of cases is {@code -Dfuzz.cases} (the Maven profile {@code -Pfuzz} sets 10,000), scaled by each
 * harness.
 */
public final class FuzzCampaign {

    /** How a case that did not fail ended. */
    public enum Outcome { DIAGNOSED, ACCEPTED }

    private final String name;
    private ExecutorService worker = newWorker();
    private int cases;
    private int diagnosed;
    private int accepted;
    private int hung;
    private final List<String> failures = new ArrayList<>();

    public FuzzCampaign(String name) {
        this.name = name;
    }

    /** {@code -Dfuzz.cases}, or {@code defaultCases} when it is not set. */
    public static int cases(int defaultCases) {
        return Math.max(1, Integer.getInteger("fuzz.cases", defaultCases));
    }

    /** The seed of the case generators: {@code -Dfuzz.seed}, or a fixed one so that a build is repeatable. */
    public static long seed() {
        return Long.getLong("fuzz.seed", 20_240_609L);
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs one case; {@code description} says how to reproduce it. Returns null when the case ended (counted by
     * its outcome), else why it failed (also kept for {@link #finish}).
     */
    public String run(String description, Duration limit, Callable<Outcome> body) {
        cases++;
        Future<Outcome> future = worker.submit(body);
        String failure;
        try {
            Outcome outcome = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (outcome == Outcome.ACCEPTED) {
                accepted++;
            } else {
                diagnosed++;
            }
            return null;
        } catch (TimeoutException e) {
            // the hung thread cannot be stopped (a daemon, it is left behind); the next cases get a fresh one
            future.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            hung++;
            failure = description + ": did not end within " + limit.toSeconds() + " s";
        } catch (ExecutionException e) {
            failure = description + ": " + explain(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = description + ": interrupted";
        }
        failures.add(failure);
        return failure;
    }

    /** How many cases did not end within their limit (each leaves a busy thread behind). */
    public int hung() {
        return hung;
    }

    /** An assertion's message; for anything else, where it was thrown too. */
    private static String explain(Throwable t) {
        if (t instanceof AssertionError) {
            return t.getMessage();
        }
        StringBuilder text = new StringBuilder(t.toString());
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < Math.min(trace.length, 12); i++) {
            text.append("\n    at ").append(trace[i]);
        }
        return text.toString();
    }

    /**
     * Ends the campaign and prints its summary line; {@code detail} goes after the case count, e.g.
     * {@code " (766 edits)"}.
     */
    public void printSummary(String detail) {
        worker.shutdownNow();
        System.out.printf("fuzz: %s: %d cases%s, %d ended in a clear error or diagnostics, %d accepted, %d failed%n",
                name, cases, detail, diagnosed, accepted, failures.size());
    }

    /** Prints the summary line and fails if any case failed. */
    public void finish() {
        finish("");
    }

    /** {@link #finish()} with {@code detail} in the summary line (see {@link #printSummary}). */
    public void finish(String detail) {
        printSummary(detail);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases + " " + name + " cases failed:\n"
                    + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        }
    }
}
