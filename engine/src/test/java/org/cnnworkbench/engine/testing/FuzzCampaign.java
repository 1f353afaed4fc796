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

    /** Runs one case; {@code description} says how to reproduce it. */
    public void run(String description, Duration limit, Callable<Outcome> body) {
        cases++;
        Future<Outcome> future = worker.submit(body);
        try {
            Outcome outcome = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (outcome == Outcome.ACCEPTED) {
                accepted++;
            } else {
                diagnosed++;
            }
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            failures.add(description + ": did not end within " + limit.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            failures.add(description + ": " + (cause instanceof AssertionError ? cause.getMessage() : cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(description + ": interrupted");
        }
    }

    /** Prints the summary line and fails if any case failed. */
    public void finish() {
        worker.shutdownNow();
        System.out.printf("fuzz: %s: %d cases, %d ended in a clear error or diagnostics, %d accepted, %d failed%n",
                name, cases, diagnosed, accepted, failures.size());
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases + " " + name + " cases failed:\n"
                    + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        }
    }
}
