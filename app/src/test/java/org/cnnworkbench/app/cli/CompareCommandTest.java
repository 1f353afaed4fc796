package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    /** The what-if specs, relative to the app module (the working directory of its tests). */
    static final Path WHATIF = Path.of("..", "sample-networks", "networks", "whatif");

    @TempDir
    Path dir;

    @Test
    void compareTableShowsTotalsRatiosTypeAndChangedLayers() {
        Run r = CommandLineTest.run("compare", "nin", WHATIF.resolve("nin-remove-pool3.json").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("a: nin    b: nin-remove-pool3", "7,595,176", "1,704,096", "4,434,216",
                "2.60 (2.6x)", "1.00 (1x)", "3.76 (3.8x)", "change: GLOBAL", "edited layers: pool0, conv2",
                "Global change", "removed", "256x27x27", "256x54x54");
    }

    @Test
    void compareJsonFollowsTheDocumentedStructure() throws Exception {
        Run r = CommandLineTest.run("compare", "nin", WHATIF.resolve("nin-4x-categories.json").toString(),
                "--format", "json");
        assertThat(r.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("a").get("name").asText()).isEqualTo("nin");
        assertThat(json.get("a").get("convActivations").asLong()).isEqualTo(1_704_096);
        assertThat(json.get("b").get("convActivations").asLong()).isEqualTo(1_812_096);
        assertThat(json.get("ratios").get("output").asDouble()).isEqualTo(1_812_096.0 / 1_704_096);
        assertThat(json.get("ratios").get("params").asDouble()).isBetween(1.40, 1.41);
        assertThat(json.get("type").asText()).isEqualTo("LOCAL");
        assertThat(json.get("edited").toString()).isEqualTo("[\"cccp8-1024\"]");
        assertThat(json.get("affected").toString()).isEqualTo("[\"cccp8-1024\",\"pool4\",\"prob\"]");
        JsonNode cccp8 = json.get("changedLayers").get(0);
        assertThat(cccp8.get("status").asText()).isEqualTo("CHANGED");
        assertThat(cccp8.get("edited").asBoolean()).isTrue();
        assertThat(cccp8.get("outputBefore").toString()).isEqualTo("[1000,6,6]");
        assertThat(cccp8.get("outputAfter").toString()).isEqualTo("[4000,6,6]");
        assertThat(cccp8.get("paramsAfter").asLong()).isEqualTo(4000L * 1024 + 4000);
    }

    @Test
    void compareShowsTheCompressedSizeUnderTheDefaultsInTableAndJson() throws Exception {
        Run table = CommandLineTest.run("compare", "alexnet", "squeezenet-v1.0");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).containsPattern("compressed size \\(Deep Compression defaults\\) +8,812,907 +500,285 "
                + "+0\\.06 ");

        Run json = CommandLineTest.run("compare", "alexnet", "squeezenet-v1.0", "--format", "json");
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("a").get("compressedBytes").asLong()).isEqualTo(8_812_907);
        assertThat(root.get("b").get("compressedBytes").asLong()).isEqualTo(500_285);
        assertThat(root.get("ratios").get("compressedBytes").asDouble()).isEqualTo(500_285.0 / 8_812_907);
    }

    @Test
    void sameNetworkTwiceIsNoChange() {
        Run r = CommandLineTest.run("compare", "squeezenet-v1.0", "squeezenet-v1.0");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("change: NONE", "affected layers: none");
    }

    @Test
    void networksWithoutCommonLayersAreAClearError() throws Exception {
        Path tiny = dir.resolve("tiny.json");
        Files.writeString(tiny, """
                {"format": "cnn-workbench-network", "version": 1, "name": "tiny", "nodes": [
                  {"id": "image", "kind": "input", "channels": 3, "height": 32, "width": 32},
                  {"id": "c", "kind": "conv", "inputs": ["image"], "filters": 8, "kernel": 3}]}
                """);
        Run r = CommandLineTest.run("compare", "nin", tiny.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("workbench: error: cannot compare nin and " + tiny + ": 'nin' and 'tiny' "
                + "have no layer id in common").doesNotContain("Exception");
    }

    @Test
    void invalidNetworkIsAClearError() throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, """
                {"format": "cnn-workbench-network", "version": 1, "name": "broken", "nodes": [
                  {"id": "data", "kind": "input", "channels": 3, "height": 8, "width": 8},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 11}]}
                """);
        Run r = CommandLineTest.run("compare", "nin", broken.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("the second network 'broken' has errors", "conv1").hasLineCount(1);
    }

    @Test
    void missingSecondNetworkIsAUsageError() {
        Run r = CommandLineTest.run("compare", "nin");
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("Missing required parameter");
    }
}
