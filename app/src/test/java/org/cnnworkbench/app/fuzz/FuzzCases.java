package org.cnnworkbench.app.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cnnworkbench.engine.fuzz.SpecMutator;
import org.cnnworkbench.samples.SampleNetworks;

/**
 * Runs one of the app's fuzz harnesses: {@code fuzz.cases} cases (the system property the build sets: 300 in
 * {@code mvn verify}, 10,000 with {@code -Pfuzz}), each a sample network mutated by the engine's
 * {@link SpecMutator} from its own seed, each on a worker thread with a time limit. Every case runs; the
 * failures are collected, the summary line goes to stdout, and the run fails if any case did.
 *
 * <p>Case {@code i} has the seed {@code fuzz.seed + i} ({@code fuzz.seed} is random unless given), so
 * {@code -Dfuzz.seed=S -Dfuzz.cases=1} repeats the case a failure names.
 */
final class FuzzCases {

    /** Every sample network's text, by name, as shipped. */
    static final Map<String, String> SAMPLES = readSamples();
    private static final int FAILURES_SHOWN = 5;
    /** A hung case's thread cannot be stopped and keeps a core busy: after this many, the run stops. */
    private static final int MAX_HUNG = 3;

    /** How a case ended. */
    enum Outcome { ERROR_OR_DIAGNOSTICS, ACCEPTED }

    /** One case: a sample mutated from a seed, the description of what was done, and {@code random} for more. */
    record Mutant(long seed, String sample, String text, List<String> applied, Random random) {
        String description() {
            return sample + " with " + applied + " (-Dfuzz.seed=" + seed + " -Dfuzz.cases=1)";
        }

        /** Adds what a harness did beyond the mutation to the description. */
        void note(String what) {
            applied.add(what);
        }
    }

    /** What a harness does with one mutant. */
    interface Check {
        Outcome check(Mutant mutant) throws Exception;
    }

    private final String name;
    private final long caseSeconds;
    private ExecutorService runner;
    private int cases;
    private int refused;
    private int accepted;
    private int failed;
    private int hung;
    private final List<String> failures = new ArrayList<>();

    FuzzCases(String name, long caseSeconds) {
        this.name = name;
        this.caseSeconds = caseSeconds;
    }

    /** The number of cases the build asks for. */
    static int count() {
        return Integer.getInteger("fuzz.cases", 300);
    }

    /**
     * Runs {@code count} cases through {@code check}, prints the summary line ({@code detail} goes after the
     * case count) and throws if a case failed, naming the first few with their seeds.
     */
    void runAll(int count, Check check, java.util.function.Supplier<String> detail) throws Exception {
        long base = Long.getLong("fuzz.seed", new Random().nextLong());
        newRunner();
        try {
            for (int i = 0; i < count && hung < MAX_HUNG; i++) {
                runCase(mutant(base + i), check);
            }
        } finally {
            runner.shutdownNow();
            System.out.println(summary(detail.get()));
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failed + " of " + cases + " " + name + " fuzz cases failed"
                    + (hung >= MAX_HUNG ? " (stopped after " + hung + " hung cases)" : "") + "; the first:\n"
                    + String.join("\n\n", failures));
        }
    }

    static Mutant mutant(long seed) throws Exception {
        Random random = new Random(seed);
        List<String> names = new ArrayList<>(SAMPLES.keySet());
        String sample = names.get(random.nextInt(names.size()));
        SpecMutator mutator = new SpecMutator(random);
        String text = mutator.mutate(SAMPLES.get(sample), 1 + random.nextInt(4));
        return new Mutant(seed, sample, text, new java.util.concurrent.CopyOnWriteArrayList<>(mutator.applied()),
                random);
    }

    private void runCase(Mutant mutant, Check check) {
        cases++;
        Callable<Outcome> body = () -> check.check(mutant);
        Future<Outcome> result = runner.submit(body);
        try {
            switch (result.get(caseSeconds, TimeUnit.SECONDS)) {
                case ERROR_OR_DIAGNOSTICS -> refused++;
                case ACCEPTED -> accepted++;
            }
        } catch (TimeoutException e) {
            result.cancel(true);
            newRunner();   // the hung thread is left behind (a daemon); the next cases get a fresh one
            hung++;
            fail("hung for " + caseSeconds + " s: " + mutant.description());
        } catch (ExecutionException e) {
            fail(mutant.description() + ":\n" + explain(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
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

    private void fail(String what) {
        if (failures.size() < FAILURES_SHOWN) {
            failures.add(what);
        } else if (failures.size() == FAILURES_SHOWN) {
            failures.add("...");
        }
        failed++;
    }

    private void newRunner() {
        if (runner != null) {
            runner.shutdownNow();
        }
        runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + "-fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    /** The summary line, e.g. {@code fuzz: cli: 300 cases, 251 ended in ..., 49 accepted, 0 failed}. */
    String summary(String detail) {
        return String.format("fuzz: %s: %d cases%s, %d ended in a clear error or diagnostics, %d accepted, %d failed",
                name, cases, detail, refused, accepted, failed);
    }

    private static Map<String, String> readSamples() {
        Map<String, String> texts = new TreeMap<>();
        for (SampleNetworks.Sample s : SampleNetworks.list()) {
            try (InputStream in = SampleNetworks.class.getResourceAsStream("/org/cnnworkbench/samples/" + s.file())) {
                if (in == null) {
                    throw new IllegalStateException("sample " + s.file() + " missing from the class path");
                }
                texts.put(s.name(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }
}
