package org.cnnworkbench.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.Reanalysis;
import org.cnnworkbench.engine.analysis.SpecExpander;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.Dl4jConverter;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFiles;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.testing.FuzzCampaign;
import org.cnnworkbench.engine.testing.FuzzCampaign.Outcome;
import org.cnnworkbench.engine.testing.Nets;
import org.cnnworkbench.engine.whatif.NetworkComparator;
import net.jqwik.api.Tag;

/**
 * The spec harness: every sample, mutated (see {@link SpecMutator}), goes through read, analysis, incremental
 * re-analysis from the sample's report, comparison with the sample, expansion, a JSON round trip and, when
 * valid, DL4J conversion. Every case must end in a report (with diagnostics where it is invalid) or in one
 * clear error: never another exception, never a hang (each case has {@link #CASE_SECONDS}).
 *
 * <p>The number of cases is jqwik's default tries, set from the Maven property {@code fuzz.cases} (300 in
 * {@code mvn verify}, 10,000 with {@code -Pfuzz}); the summary line goes to stdout.
 */
@Tag("fuzz")
class SpecFuzzTest {

    private static final long CASE_SECONDS = 20;
    private static final Map<String, String> SAMPLES = readSamples();
    private static final Map<String, AnalysisReport> SAMPLE_REPORTS = new ConcurrentHashMap<>();
    private static final FuzzCampaign CAMPAIGN = new FuzzCampaign("specs");

    @Provide
    Arbitrary<String> samples() {
        return Arbitraries.of(SAMPLES.keySet());
    }

    @Property
    void noSpecBreaksTheEngine(@ForAll("samples") String sample, @ForAll @IntRange(min = 1, max = 4) int mutations,
                               @ForAll long seed) throws Exception {
        SpecMutator mutator = new SpecMutator(new Random(seed));
        String text = mutator.mutate(SAMPLES.get(sample), mutations);
        String description = sample + " with " + mutator.applied() + " (seed " + seed + ")";
        runCase(description, () -> check(sample, text));
    }

    @Example
    void aTextFarLargerThanAnySpecIsRefused() throws Exception {
        String huge = " ".repeat((int) SpecFiles.MAX_BYTES + 1) + SAMPLES.get("squeezenet-v1.0");
        runCase("a sample behind 32 MiB of spaces", () -> check("squeezenet-v1.0", huge));
    }

    /** One case through the shared runner: a failure (an escaping exception, a hang) fails this try. */
    private static void runCase(String description, java.util.concurrent.Callable<Outcome> body) {
        String failure = CAMPAIGN.run(description, Duration.ofSeconds(CASE_SECONDS), body);
        if (failure != null) {
            throw new AssertionError(failure);
        }
    }

    private static Outcome check(String sample, String text) throws Exception {
        LoadedNetwork loaded;
        try {
            loaded = NetworkJson.read(text, "fuzz.json");
        } catch (SpecFormatException e) {
            assertThat(e.getMessage()).startsWith("fuzz.json").doesNotContain("Exception");
            assertThat(e.reason()).isNotBlank();
            return Outcome.DIAGNOSED;
        }
        NetworkSpec spec = loaded.spec();
        Analyzer analyzer = Analyzer.standard();
        AnalysisReport report = analyzer.analyze(spec);
        for (Diagnostic d : report.diagnostics()) {
            assertThat(d.message()).isNotBlank();
            if (d.node() != null) {
                assertThat(spec.indexOf(d.node())).as("diagnostic on a node of the spec: %s", d).isNotNegative();
            }
        }
        if (!report.isValid()) {
            assertThat(report.diagnostics()).as("an invalid network says why").anyMatch(Diagnostic::isError);
        }
        AnalysisReport before = SAMPLE_REPORTS.computeIfAbsent(sample, s -> analyzer.analyze(sampleSpec(s)));
        Reanalysis again = analyzer.reanalyze(before, spec);
        assertSameResults(again.report(), report);
        try {
            NetworkComparator.compare(before, report);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();   // documented: both networks must be valid
        }
        NetworkSpec expanded = SpecExpander.expand(spec, analyzer.kinds());
        AnalysisReport primitive = analyzer.analyze(expanded);
        if (report.isValid()) {
            assertThat(primitive.totals().paramTotal()).isEqualTo(report.totals().paramTotal());
        }
        assertThat(NetworkJson.read(NetworkJson.write(spec, loaded.layout()), "again.json").spec()).isEqualTo(spec);
        if (!report.isValid()) {
            return Outcome.DIAGNOSED;
        }
        try {
            Dl4jConverter.convert(spec, analyzer);
        } catch (Dl4jConversionException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        return Outcome.ACCEPTED;
    }

    private static void assertSameResults(AnalysisReport incremental, AnalysisReport full) {
        List<NodeResult> a = incremental.layers();
        List<NodeResult> b = full.layers();
        assertThat(a).as("incremental re-analysis equals a full analysis").isEqualTo(b);
        assertThat(incremental.totals()).isEqualTo(full.totals());
        assertThat(incremental.isValid()).isEqualTo(full.isValid());
    }

    @AfterContainer
    static void summary() {
        CAMPAIGN.printSummary("");
    }

    private static NetworkSpec sampleSpec(String name) {
        try {
            return NetworkJson.read(SAMPLES.get(name), name).spec();
        } catch (SpecFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> readSamples() {
        try (Stream<Path> files = Files.list(Nets.SAMPLES)) {
            Map<String, String> texts = new java.util.TreeMap<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")
                    && !f.getFileName().toString().equals("index.json")).toList()) {
                String name = file.getFileName().toString();
                texts.put(name.substring(0, name.length() - 5), Files.readString(file));
            }
            return texts;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
