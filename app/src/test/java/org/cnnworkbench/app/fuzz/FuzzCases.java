package org.cnnworkbench.app.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.cnnworkbench.engine.fuzz.SpecMutator;
import org.cnnworkbench.engine.testing.FuzzCampaign;
import org.cnnworkbench.engine.testing.FuzzCampaign.Outcome;
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
    /** A hung case's thread cannot be stopped and keeps a core busy: after this many, the run stops. */
    private static final int MAX_HUNG = 3;

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

    FuzzCases(String name, long caseSeconds) {
        this.name = name;
        this.caseSeconds = caseSeconds;
    }

    /** The number of cases the build asks for. */
    static int count() {
        return FuzzCampaign.cases(300);
    }

    /**
     * Runs {@code count} cases through {@code check} ({@link FuzzCampaign}), prints the summary line
     * ({@code detail} goes after the case count) and throws if a case failed, naming them with their seeds.
     * After {@link #MAX_HUNG} hung cases the run stops.
     */
    void runAll(int count, Check check, java.util.function.Supplier<String> detail) throws Exception {
        long base = Long.getLong("fuzz.seed", new Random().nextLong());
        FuzzCampaign campaign = new FuzzCampaign(name);
        for (int i = 0; i < count && campaign.hung() < MAX_HUNG; i++) {
            Mutant mutant = mutant(base + i);
            campaign.run(mutant.description(), Duration.ofSeconds(caseSeconds), () -> check.check(mutant));
        }
        campaign.finish(detail.get() + (campaign.hung() >= MAX_HUNG
                ? " (stopped after " + MAX_HUNG + " hung cases)" : ""));
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
