package org.cnnworkbench.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.io.prototxt.PrototxtExporter;
import org.cnnworkbench.engine.io.prototxt.PrototxtImport;
import org.cnnworkbench.engine.io.prototxt.PrototxtImporter;
import org.cnnworkbench.engine.testing.FuzzCampaign;
import org.cnnworkbench.engine.testing.FuzzCampaign.Outcome;

/**
 * The prototxt harness: the published networks' prototxt files (src/test/resources/prototxt), mutated as text
 * (spans deleted, lines repeated, numbers, strings, types and enums replaced, stray braces and quotes), are
 * imported and analysed. Every case must end in one clear error with its line and column, or in a network with
 * diagnostics, or in a valid network whose export imports back with the same parameter count: never another
 * exception, never a hang.
 */
@Tag("fuzz")
class PrototxtFuzzTest {

    private static final long CASE_SECONDS = 20;
    private static final Map<String, String> FILES = readFiles();
    private static final FuzzCampaign CAMPAIGN = new FuzzCampaign("prototxt");
    private static final Pattern NUMBER = Pattern.compile("(?<=: )-?[0-9][0-9.e-]*");
    private static final Pattern STRING = Pattern.compile("\"[^\"\\n]*\"");
    private static final Pattern TYPE = Pattern.compile("type: (\"[A-Za-z]*\"|[A-Z_]+)");
    private static final Pattern ENUM = Pattern.compile("(?<=: )(MAX|AVE|TEST|TRAIN|SUM)");
    private static final List<String> NUMBERS = List.of("0", "-1", "1", "2147483648", "99999999999999999999",
            "1e400", "nan", "inf", "3.5", "-0", "0x7fffffff", "1e-300");
    private static final List<String> STRINGS = List.of("\"\"", "\"data\"", "\"conv1\"", "\"pool1\"", "\"label\"",
            "\"fire2/concat\"", "\"\\\"\"", "\"a\\x\"", "\"\u00e9\u4e2d\"");
    private static final List<String> TYPES = List.of("\"Convolution\"", "\"Pooling\"", "\"ReLU\"", "\"Eltwise\"",
            "\"Concat\"", "\"Scale\"", "\"BatchNorm\"", "\"Input\"", "\"Data\"", "\"Split\"", "\"Deconvolution\"",
            "\"Softmax\"", "\"InnerProduct\"", "\"Sigmoid\"", "\"\"", "CONVOLUTION", "RELU", "SPLIT", "7");
    private static final List<String> ENUMS = List.of("MAX", "AVE", "STOCHASTIC", "PROD", "TEST", "TRAIN", "FLOOR",
            "\"MAX\"", "x");
    private static final List<String> STRAYS = List.of("{", "}", ":", "\"", "#", "layer {", "[", "]", "\n", "<",
            ";", "top: \"data\"", "bottom: \"ghost\"", "include { phase: TRAIN }", "global_pooling: true",
            "group: 2", "num_output: 0", "kernel_size: 3 kernel_size: 5", "pad_h: 1");

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(FILES.keySet());
    }

    @Property
    void noPrototxtBreaksTheImport(@ForAll("files") String file, @ForAll @IntRange(min = 1, max = 4) int mutations,
                                   @ForAll long seed) {
        Random random = new Random(seed);
        List<String> applied = new ArrayList<>();
        String text = FILES.get(file);
        for (int i = 0; i < mutations; i++) {
            text = mutate(text, random, applied);
        }
        String prototxt = text;
        String failure = CAMPAIGN.run(file + " with " + applied + " (seed " + seed + ")",
                Duration.ofSeconds(CASE_SECONDS), () -> check(prototxt));
        if (failure != null) {
            throw new AssertionError(failure);
        }
    }

    private static String mutate(String text, Random random, List<String> applied) {
        switch (random.nextInt(7)) {
            case 0 -> {
                int from = random.nextInt(text.length());
                int to = Math.min(text.length(), from + 1 + random.nextInt(20));
                applied.add("deleted " + from + ".." + to);
                return text.substring(0, from) + text.substring(to);
            }
            case 1 -> {
                String[] lines = text.split("\n", -1);
                int line = random.nextInt(lines.length);
                applied.add("repeated line " + (line + 1));
                List<String> more = new ArrayList<>(List.of(lines));
                more.add(line, lines[line]);
                return String.join("\n", more);
            }
            case 2 -> {
                return replaceOne(text, NUMBER, NUMBERS, random, applied, "number");
            }
            case 3 -> {
                return replaceOne(text, STRING, STRINGS, random, applied, "string");
            }
            case 4 -> {
                List<String> types = TYPES.stream().map(t -> "type: " + t).toList();
                return replaceOne(text, TYPE, types, random, applied, "type");
            }
            case 5 -> {
                return replaceOne(text, ENUM, ENUMS, random, applied, "enum");
            }
            default -> {
                int at = random.nextInt(text.length() + 1);
                String stray = STRAYS.get(random.nextInt(STRAYS.size()));
                applied.add("inserted " + stray.replace("\n", "\\n") + " at " + at);
                return text.substring(0, at) + " " + stray + " " + text.substring(at);
            }
        }
    }

    private static String replaceOne(String text, Pattern pattern, List<String> choices, Random random,
                                     List<String> applied, String what) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return text;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        String by = choices.get(random.nextInt(choices.size()));
        applied.add(what + " at " + span[0] + " -> " + by);
        return text.substring(0, span[0]) + by + text.substring(span[1]);
    }

    private static Outcome check(String text) throws Exception {
        PrototxtImport imported;
        try {
            imported = PrototxtImporter.standard().read(text, "fuzz.prototxt", "fuzz");
        } catch (SpecFormatException e) {
            assertThat(e.getMessage()).startsWith("fuzz.prototxt").doesNotContain("Exception");
            assertThat(e.reason()).isNotBlank();
            return Outcome.DIAGNOSED;
        }
        imported.notes().forEach(note -> assertThat(note).startsWith("fuzz.prototxt"));
        Analyzer analyzer = Analyzer.standard();
        AnalysisReport report = analyzer.analyze(imported.spec());
        for (Diagnostic d : report.diagnostics()) {
            assertThat(d.message()).isNotBlank();
        }
        if (!report.isValid()) {
            return Outcome.DIAGNOSED;
        }
        String exported = PrototxtExporter.toText(imported.spec(), analyzer.kinds());
        AnalysisReport again = analyzer.analyze(PrototxtImporter.standard().read(exported, "again", "x").spec());
        assertThat(again.totals().paramTotal()).isEqualTo(report.totals().paramTotal());
        assertThat(again.totals().macs()).isEqualTo(report.totals().macs());
        return Outcome.ACCEPTED;
    }

    @AfterContainer
    static void summary() {
        CAMPAIGN.printSummary("");
    }

    private static Map<String, String> readFiles() {
        try (Stream<Path> files = Files.list(Path.of("src", "test", "resources", "prototxt"))) {
            Map<String, String> texts = new TreeMap<>();
            for (Path f : files.filter(f -> f.toString().endsWith(".prototxt")).toList()) {
                texts.put(f.getFileName().toString(), Files.readString(f));
            }
            return texts;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
