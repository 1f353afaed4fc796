package org.cnnworkbench.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.cnnworkbench.app.cli.WorkbenchCommand;
import org.cnnworkbench.engine.fuzz.SpecMutator;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.testing.FuzzCampaign.Outcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line at the user's boundary: every sample, mutated by the engine's {@link SpecMutator}, is
 * written to a file and run in-process through {@code analyze} (table, JSON, CSV), {@code expand},
 * {@code compare} with its sample, {@code estimate} and {@code scaling}. Every command must end with exit
 * status 0, 1 or 2 as documented (never 70, internal error), without a stack trace, with a
 * {@code workbench: error:} line when it refuses, and with output that parses (JSON, CSV with one column
 * count). Each case has {@link #CASE_SECONDS}; see {@link FuzzCases} for the number of cases and seeds.
 */
@Tag("fuzz")
class CliFuzzTest {

    private static final long CASE_SECONDS = 30;
    private static final FuzzCases CASES = new FuzzCases("cli", CASE_SECONDS);
    private static final AtomicInteger COMMANDS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = new CsvMapper();
    private static final Path DIR = createDir();

    record Run(List<String> args, int exit, String out, String err) {
        @Override
        public String toString() {
            return args + " -> exit " + exit + "\nstderr:\n" + err + "\nstdout (start):\n"
                    + out.substring(0, Math.min(out.length(), 2_000));
        }
    }

    @Test
    void noSpecBreaksTheCommandLine() throws Exception {
        try {
            CASES.runAll(FuzzCases.count(), CliFuzzTest::check, () -> " (" + COMMANDS.get() + " commands)");
        } finally {
            deleteDir();
        }
    }

    private static Outcome check(FuzzCases.Mutant mutant) throws Exception {
        Path file = Files.createTempFile(DIR, "mutant", ".json");
        try {
            Files.writeString(file, mutant.text());
            String f = file.toString();
            CommandLine cli = WorkbenchCommand.commandLine();
            Run json = run(cli, Set.of(0, 1, 2), "analyze", f, "--format", "json");
            Run csv = run(cli, Set.of(0, 1, 2), "analyze", f, "--format", "csv");
            Run table = run(cli, Set.of(0, 1, 2), "analyze", f);
            assertThat(csv.exit()).as("csv and json agree: %s", csv).isEqualTo(json.exit());
            assertThat(table.exit()).as("table and json agree: %s", table).isEqualTo(json.exit());
            if (json.exit() != 2) {
                checkReports(json, csv);
            }
            Run expand = run(cli, Set.of(0, 2), "expand", f);
            if (expand.exit() == 0) {
                assertThat(NetworkJson.read(expand.out(), "expanded.json").spec().nodes())
                        .as("the expansion reads back: %s", expand).isNotNull();
            }
            run(cli, Set.of(0, 2), "compare", mutant.sample(), f);
            Random choices = mutant.random();
            String format = List.of("table", "json", "csv").get(choices.nextInt(3));
            Run estimate = run(cli, Set.of(0, 1, 2), "estimate", f, "--hardware", "titan-x", "--format", format);
            if (estimate.exit() == 0) {
                parse(estimate, format);
            }
            String scalingFormat = choices.nextBoolean() ? "table" : "csv";
            Run scaling = run(cli, Set.of(0, 2), "scaling", f, "--image-ms", "1", "--workers", "16",
                    "--format", scalingFormat);
            if (scaling.exit() == 0) {
                parse(scaling, scalingFormat);
            }
            return json.exit() == 0 ? Outcome.ACCEPTED : Outcome.DIAGNOSED;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The JSON report and the CSV table of one analysis: both parse, and list the same layers. */
    private static void checkReports(Run json, Run csv) throws IOException {
        JsonNode report = JSON.readTree(json.out());
        assertThat(report.get("valid").asBoolean()).as("valid iff exit 0: %s", json).isEqualTo(json.exit() == 0);
        List<String[]> rows = csvRows(csv);
        List<String> csvIds = rows.stream().skip(1).map(r -> r[0]).toList();
        List<String> jsonIds = new ArrayList<>();
        report.get("layers").forEach(l -> jsonIds.add(l.get("id").asText()));
        assertThat(csvIds).as("CSV rows are the JSON layers: %s", csv).isEqualTo(jsonIds);
    }

    private static void parse(Run run, String format) throws IOException {
        switch (format) {
            case "json" -> assertThat(JSON.readTree(run.out())).as("JSON: %s", run).isNotNull();
            case "csv" -> csvRows(run);
            default -> assertThat(run.out()).as("a table: %s", run).isNotBlank();
        }
    }

    /** The rows of a CSV output, header first; every row has the header's number of cells. */
    private static List<String[]> csvRows(Run run) throws IOException {
        List<String[]> rows = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .<String[]>readValues(run.out()).readAll();
        assertThat(rows).as("a header: %s", run).isNotEmpty();
        int columns = rows.get(0).length;
        assertThat(rows).as("one column count: %s", run).allSatisfy(r -> assertThat(r).hasSize(columns));
        return rows;
    }

    /**
     * Runs one command line in-process through {@code cli} and checks what every command owes the user. A case
     * builds one {@link WorkbenchCommand#commandLine()} for its commands (picocli resets the options before
     * each parse), which keeps the harness fast.
     */
    private static Run run(CommandLine cli, Set<Integer> allowedExits, String... args) {
        COMMANDS.incrementAndGet();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        Run r = new Run(List.of(args), exit, out.toString(), err.toString());
        assertThat(exit).as("documented exit status: %s", r).isIn(allowedExits);
        assertThat(r.err()).as("no internal error or stack trace: %s", r)
                .doesNotContain("internal error", "\tat ", "Exception");
        if (exit == 2) {
            assertThat(r.err().lines()).as("a refusal says why: %s", r).anyMatch(l -> l.startsWith("workbench: error: "));
        }
        return r;
    }

    private static void deleteDir() throws IOException {
        try (Stream<Path> left = Files.walk(DIR)) {
            for (Path p : left.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path createDir() {
        try {
            return Files.createTempDirectory("cli-fuzz");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
