package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.engine.io.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = WorkbenchCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void samplesListsEveryReferenceNetwork() {
        Run r = run("samples");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("squeezenet-v1.0", "squeezenet-v1.1", "squeezenet-v1.0-bypass", "alexnet",
                "nin", "vgg16", "1,248,424", "60,965,224");
    }

    @Test
    void analyzeJsonFollowsTheContract() throws Exception {
        Run r = run("analyze", "squeezenet-v1.0", "--format", "json", "--bits", "8", "--batch", "2");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("network").asText()).isEqualTo("squeezenet-v1.0");
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.get("diagnostics")).isEmpty();
        JsonNode conv1 = json.get("layers").get(1);
        assertThat(conv1.get("id").asText()).isEqualTo("conv1");
        assertThat(conv1.get("kind").asText()).isEqualTo("conv");
        assertThat(conv1.get("output").toString()).isEqualTo("[96,111,111]");
        assertThat(conv1.get("params").asLong()).isEqualTo(14_208);
        // 96 filters x 111 x 111 outputs x 3 channels x 7 x 7
        assertThat(conv1.get("macs").asLong()).isEqualTo(96L * 111 * 111 * 3 * 7 * 7);
        assertThat(conv1.get("activations").asLong()).isEqualTo(96L * 111 * 111);
        JsonNode totals = json.get("totals");
        assertThat(totals.get("params").asLong()).isEqualTo(1_248_424);
        assertThat(totals.get("modelBytes").asLong()).isEqualTo(1_248_424);   // 8 bits per parameter
        assertThat(totals.get("macs").asLong()).isPositive();
        assertThat(totals.get("activations").asLong()).isPositive();
    }

    @Test
    void analyzeTablePrintsLayersAndTotals() {
        Run r = run("analyze", "alexnet");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("conv1", "fc8", "60,965,224", "243,860,896 bytes = 243.86 MB");
    }

    @Test
    void analyzeCsvHasOneRowPerLayer() {
        Run r = run("analyze", "squeezenet-v1.1", "--format", "csv");
        assertThat(r.exit()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).isEqualTo("id,kind,status,channels,height,width,params,weights,biases,statistics,macs,"
                + "otherOps,activations");
        assertThat(lines).hasSize(1 + 17);
        assertThat(lines[1]).startsWith("data,input,ok,3,227,227,0,");
    }

    @Test
    void invalidNetworkPrintsReportAndDiagnosticsWithLocationAndExitsOne() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, """
                {"format": "cnn-workbench-network", "version": 1, "nodes": [
                  {"id": "data", "kind": "input", "channels": 3, "height": 8, "width": 8},
                  {"id": "c1", "kind": "convv", "inputs": ["data"], "filters": 4, "kernel": 3},
                  {"id": "c2", "kind": "conv", "inputs": ["c1"], "filters": 4, "kernel": 3}
                ]}
                """);
        Run r = run("analyze", file.toString(), "--format", "json");
        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID_NETWORK);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("valid").asBoolean()).isFalse();
        JsonNode d = json.get("diagnostics").get(0);
        assertThat(d.get("node").asText()).isEqualTo("c1");
        assertThat(d.get("severity").asText()).isEqualTo("error");
        assertThat(d.get("message").asText()).contains("unknown kind 'convv'", "did you mean 'conv'");
        assertThat(d.get("line").asInt()).isEqualTo(3);
        assertThat(r.err()).contains("broken.json:3:3: error in 'c1': unknown kind 'convv'")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void overflowingNetworkIsReportedNotCrashed() throws Exception {
        Path file = dir.resolve("huge.json");
        // The input has (2^31-1)^2 x 2 elements, just below 2^63; its fc layer's weights overflow a long, and
        // the input and relu activations together overflow the network total.
        Files.writeString(file, """
                {"format": "cnn-workbench-network", "version": 1, "nodes": [
                  {"id": "data", "kind": "input", "channels": 2147483647, "height": 2147483647, "width": 2},
                  {"id": "act", "kind": "relu", "inputs": ["data"]},
                  {"id": "fc", "kind": "fc", "inputs": ["data"], "units": 2147483647}
                ]}
                """);
        for (String format : new String[] {"table", "json", "csv"}) {
            Run r = run("analyze", file.toString(), "--format", format);
            assertThat(r.exit()).as(format).isEqualTo(ExitCodes.INVALID_NETWORK);
            assertThat(r.err()).as(format).contains("error in 'fc'", "overflows", "a network total overflows")
                    .doesNotContain("\tat ");
        }
        JsonNode totals = new ObjectMapper().readTree(run("analyze", file.toString(), "--format", "json").out())
                .get("totals");
        assertThat(totals.get("modelBytes").isNull()).isTrue();
        assertThat(totals.get("peakActivationBytes").isNull()).isTrue();
    }

    @Test
    void malformedJsonGivesLineAndColumnWithoutStackTrace() throws Exception {
        Path file = dir.resolve("malformed.json");
        Files.writeString(file, "{\"format\": \"cnn-workbench-network\",\n \"version\": 1\n \"nodes\": []}");
        Run r = run("analyze", file.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("workbench: error: " + file + ":3:2: malformed JSON")
                .doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void missingFileAndUnknownSampleAreOneLineErrors() {
        Run r = run("analyze", "no-such-network");
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).contains("no such file or sample network", "squeezenet-v1.0").hasLineCount(1);
    }

    @Test
    void badOptionValuesAreRefused() {
        assertThat(run("analyze", "nin", "--bits", "0").exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("analyze", "nin", "--batch", "-1").exit()).isEqualTo(ExitCodes.BAD_INPUT);
        Run r = run("analyze", "nin", "--format", "xml");
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--format").doesNotContain("\tat ");
    }

    @Test
    void expandWritesAnEquivalentPrimitiveSpec() throws Exception {
        Path out = dir.resolve("expanded.json");
        Run r = run("expand", "squeezenet-v1.0-bypass", "--out", out.toString());
        assertThat(r.exit()).isZero();
        var expanded = NetworkJson.read(out).spec();
        assertThat(expanded.nodes()).noneMatch(n -> n.kind().equals("fire"));
        assertThat(expanded.node("fire3/squeeze1x1")).isPresent();
        assertThat(expanded.node("fire3").orElseThrow().kind()).isEqualTo("add");
        Run analysed = run("analyze", out.toString(), "--format", "json");
        assertThat(new ObjectMapper().readTree(analysed.out()).get("totals").get("params").asLong())
                .isEqualTo(1_248_424);
    }

    @Test
    void kindsDescribesParameters() {
        Run r = run("kinds", "fire");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("s1x1", "e1x1", "e3x3", "bypass");
        assertThat(run("kinds", "nonsense").exit()).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
