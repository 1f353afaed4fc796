package org.cnnworkbench.engine.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tag;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.testing.FuzzCampaign;

/**
 * Real compression plans (the defaults of two sample networks, a hand-written one), mutated as text: truncated,
 * values replaced by other types, huge or non-finite numbers, layers duplicated, fields unknown or missing,
 * nesting 50,000 deep, garbage. Every text must read as a plan whose layers have no problems (and that survives
 * a write and read) or end in a {@link SpecFormatException} with a line and column; never another exception.
 */
@Tag("fuzz")
class CompressionPlanFuzzTest {

    private static final List<String> VALUES = List.of("0", "-1", "1", "0.5", "32", "33", "17", "2147483647",
            "2147483648", "-2147483649", "1e400", "-1e400", "1e-400", "NaN", "Infinity", "-Infinity", "null", "true",
            "\"4\"", "\"\"", "[]", "{}", "[1]", "{\"a\": 1}", "99999999999999999999999", "0.0000001", "4.0", "4.5",
            "1E1", "-0", "0x10", "01", "\"conv1\"");

    record Seed(String name, String text) {
    }

    record Mutation(String description, UnaryOperator<String> apply) {
    }

    record Case(Seed seed, List<Mutation> mutations) {
        String describe() {
            return seed.name + " " + mutations.stream().map(Mutation::description).toList();
        }
    }

    static List<Seed> seeds() {
        return List.of(
                new Seed("squeezenet", CompressionPlanJson.write(CompressionDefaults.forSpec(
                        Samples.sample("squeezenet-v1.0")), "squeezenet-v1.0")),
                new Seed("alexnet", CompressionPlanJson.write(CompressionDefaults.forSpec(Samples.sample("alexnet")),
                        null)),
                new Seed("hand-written", """
                        {"format": "cnn-workbench-compression-plan", "version": 1, "network": "tiny",
                         "layers": [{"layer": "conv1", "density": 0.84, "bits": 8, "gapBits": 4},
                                    {"layer": "fc6", "density": 0.09, "bits": 5},
                                    {"layer": "fire2/expand3x3", "density": 1, "bits": 32}]}
                        """));
    }

    static Arbitrary<Mutation> mutations() {
        Arbitrary<Long> seeds = Arbitraries.longs();
        Arbitrary<String> values = Arbitraries.of(VALUES);
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(0, 1).map(f -> new Mutation(String.format("truncate to %.3f", f),
                        t -> t.substring(0, (int) (t.length() * f)))),
                Combinators.combine(Arbitraries.of("density", "bits", "gapBits", "layer", "version", "format",
                        "network", "layers"), values, seeds).as((field, v, s) -> new Mutation(
                        "a \"" + field + "\" := " + v + " (seed " + s + ")", t -> replaceValue(t, field, v, s))),
                Combinators.combine(Arbitraries.of("density", "bits", "gapBits", "layer", "format", "version",
                        "layers"), seeds).as((field, s) -> new Mutation("drop a \"" + field + "\" (seed " + s + ")",
                        t -> dropField(t, field, s))),
                Combinators.combine(Arbitraries.of("\"extra\": 1", "\"density\": 0.5", "\"layer\": \"x\"",
                        "\"layers\": []", "\"format\": \"cnn-workbench-compression-plan\"", "\"\": null"), seeds)
                        .as((field, s) -> new Mutation("add " + field + " to an object (seed " + s + ")",
                                t -> addField(t, field, s))),
                seeds.map(s -> new Mutation("duplicate a layer (seed " + s + ")", t -> duplicateLayer(t, s))),
                Arbitraries.of(2, 50_000).map(d -> new Mutation("nest " + d + " deep as a layer",
                        t -> t.replaceFirst("\"layers\": \\[", "\"layers\": [" + "[".repeat(d) + "]".repeat(d) + ","))),
                Arbitraries.of(2, 50_000).map(d -> new Mutation("nest " + d + " deep as the network",
                        t -> t.replaceFirst("\"version\"", "\"network\": " + "{\"a\":".repeat(d) + "1" + "}".repeat(d)
                                + ", \"version\""))),
                Combinators.combine(Arbitraries.integers().between(1, 8), seeds).as((n, s) -> new Mutation(
                        "garble " + n + " characters (seed " + s + ")", t -> garble(t, n, s))),
                Arbitraries.of("", " ", "null", "[]", "42", "\"plan\"", "{", "}", "\ufeff{}", "{} {}",
                        "\u0000").map(text -> new Mutation("replace the text by '" + text + "'", t -> text)),
                Arbitraries.just(new Mutation("double the text", t -> t + t)));
    }

    @Example
    void noPlanTextBreaksTheReader() {
        List<Seed> seeds = seeds();
        int count = FuzzCampaign.cases(300);
        RandomGenerator<Case> generator = Combinators.combine(Arbitraries.of(seeds),
                mutations().list().ofMinSize(1).ofMaxSize(3)).as(Case::new).generator(1000, true);
        Random random = new Random(FuzzCampaign.seed());
        FuzzCampaign campaign = new FuzzCampaign("compression plans");
        for (int i = 0; i < count; i++) {
            Case c = generator.next(random).value();
            String text = c.seed().text();
            for (Mutation m : c.mutations()) {
                text = m.apply().apply(text);
            }
            String mutated = text;
            campaign.run("case " + i + " (fuzz.seed " + FuzzCampaign.seed() + "): " + c.describe(),
                    Duration.ofSeconds(10), () -> check(mutated));
        }
        campaign.finish();
    }

    private static FuzzCampaign.Outcome check(String text) throws SpecFormatException {
        CompressionPlan plan;
        try {
            plan = CompressionPlanJson.read(text, "plan.json");
        } catch (SpecFormatException e) {
            assertThat(e.getMessage()).startsWith("plan.json").doesNotContain("\n");
            if (!text.isBlank()) {
                assertThat(e.location()).as("line and column of: " + e.getMessage()).isNotNull();
            }
            return FuzzCampaign.Outcome.DIAGNOSED;
        }
        for (LayerPlan layer : plan.layers().values()) {
            assertThat(layer.problems()).as(layer.toString()).isEmpty();
            assertThat(layer.layer()).isNotBlank();
        }
        assertThat(CompressionPlanJson.read(CompressionPlanJson.write(plan, "n"), "again.json")).isEqualTo(plan);
        return FuzzCampaign.Outcome.ACCEPTED;
    }

    /** The start of the {@code which}-th occurrence (of those there are) of {@code "field":}, or -1. */
    private static int nth(String t, String field, long seed) {
        String key = "\"" + field + "\":";
        int occurrences = 0;
        for (int at = t.indexOf(key); at >= 0; at = t.indexOf(key, at + 1)) {
            occurrences++;
        }
        if (occurrences == 0) {
            return -1;
        }
        int which = new Random(seed).nextInt(occurrences);
        int at = t.indexOf(key);
        for (int i = 0; i < which; i++) {
            at = t.indexOf(key, at + 1);
        }
        return at;
    }

    /** Where the JSON value starting at {@code from} ends (a string, a number or literal; not nested). */
    private static int valueEnd(String t, int from) {
        int i = from;
        while (i < t.length() && t.charAt(i) == ' ') {
            i++;
        }
        if (i < t.length() && t.charAt(i) == '"') {
            int close = t.indexOf('"', i + 1);
            return close < 0 ? t.length() : close + 1;
        }
        while (i < t.length() && ",}]\n".indexOf(t.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private static String replaceValue(String t, String field, String value, long seed) {
        int at = nth(t, field, seed);
        if (at < 0) {
            return t;
        }
        int start = at + field.length() + 3;
        int end = field.equals("layers") ? t.lastIndexOf(']') + 1 : valueEnd(t, start);
        if (end <= start) {
            return t;
        }
        return t.substring(0, start) + " " + value + t.substring(end);
    }

    private static String dropField(String t, String field, long seed) {
        int at = nth(t, field, seed);
        if (at < 0 || field.equals("layers")) {
            return at < 0 ? t : t.substring(0, at) + "\"x\": 0" + t.substring(t.lastIndexOf(']') + 1);
        }
        int end = valueEnd(t, at + field.length() + 3);
        if (end < t.length() && t.charAt(end) == ',') {
            end++;
        }
        return t.substring(0, at) + t.substring(end);
    }

    private static String addField(String t, String field, long seed) {
        int objects = 0;
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '{') {
                objects++;
            }
        }
        if (objects == 0) {
            return t;
        }
        int which = new Random(seed).nextInt(objects);
        int at = -1;
        for (int i = 0; i <= which; i++) {
            at = t.indexOf('{', at + 1);
        }
        return t.substring(0, at + 1) + field + ", " + t.substring(at + 1);
    }

    private static String duplicateLayer(String t, long seed) {
        int at = nth(t, "layer", seed);
        if (at < 0) {
            return t;
        }
        int open = t.lastIndexOf('{', at);
        int close = t.indexOf('}', at);
        if (open < 0 || close < 0) {
            return t;
        }
        String layer = t.substring(open, close + 1);
        return t.substring(0, close + 1) + ", " + layer + t.substring(close + 1);
    }

    private static String garble(String t, int n, long seed) {
        if (t.isEmpty()) {
            return t;
        }
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(t);
        String alphabet = "{}[]\",:0123456789.eE-+ \n\tnulltrfaNI\\\u00e9\u0000";
        for (int i = 0; i < n; i++) {
            b.setCharAt(r.nextInt(b.length()), alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
