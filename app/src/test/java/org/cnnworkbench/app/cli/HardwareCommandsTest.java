package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.hardware.Estimate;
import org.cnnworkbench.engine.hardware.RooflineEstimator;
import org.cnnworkbench.engine.scaling.DataParallelScaling;
import org.cnnworkbench.engine.scaling.ScalingSetup;
import org.cnnworkbench.engine.scaling.Scheme;
import org.cnnworkbench.samples.HardwareProfiles;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareCommandsTest {

    @TempDir
    Path dir;

    private static Run run(String... args) {
        return CommandLineTest.run(args);
    }

    @Test
    void hardwareListsTheShippedProfiles() {
        Run r = run("hardware");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("titan-x", "jetson-tx1", "h100-sxm", "epyc-2core", "6,600", "336.5");
    }

    @Test
    void estimateJsonEqualsTheEngine() throws Exception {
        Run r = run("estimate", "squeezenet-v1.0", "--hardware", "titan-x", "--format", "json", "--measured-ms", "1");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        Estimate e = RooflineEstimator.estimate(Analyzer.standard().analyze(SampleNetworks.load("squeezenet-v1.0")
                .spec()), HardwareProfiles.load("titan-x"), 1, 0.001);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("hardware").get("name").asText()).isEqualTo("titan-x");
        assertThat(json.get("secondsPerFrame").asDouble()).isEqualTo(e.secondsPerFrame());
        assertThat(json.get("joulesPerFrame").asDouble()).isEqualTo(e.joulesPerFrame());
        assertThat(json.get("percentOfPeak").asDouble()).isEqualTo(e.percentOfPeak());
        // 1,675 MFLOPs in 1 ms = 1,675 GFLOP/s of 6,600
        assertThat(e.percentOfPeak()).isCloseTo(100 * e.flopsPerFrame() / 1e-3 / 6.6e12, within(1e-9));
        JsonNode conv1 = json.get("layers").get(0);
        assertThat(conv1.get("id").asText()).isEqualTo("conv1");
        // 2 x 96 x 111 x 111 x 3 x 7 x 7 MACs + one ReLU per output element
        assertThat(conv1.get("flops").asDouble()).isEqualTo(2.0 * 96 * 111 * 111 * 147 + 96 * 111 * 111);
        // 4 bytes x (3 x 227 x 227 in + 96 x 111 x 111 out + 14,208 params)
        assertThat(conv1.get("bytes").asDouble()).isEqualTo(4.0 * (3 * 227 * 227 + 96 * 111 * 111 + 14_208));
    }

    @Test
    void estimateTableAndCsv() {
        Run table = run("estimate", "alexnet", "--hardware", "jetson-tx1", "--batch", "8");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("alexnet on jetson-tx1", "batch 8", "fc6", "memory", "compute",
                "time per frame:", "frames per second:", "energy per frame:");
        Run csv = run("estimate", "squeezenet-v1.1", "--hardware", "h100-sxm", "--format", "csv");
        assertThat(csv.out().split("\n")[0]).isEqualTo("id,kind,flops,bytes,intensity,bound,seconds");
    }

    @Test
    void unknownProfileAndBadNumbersAreClearErrors() throws Exception {
        Run unknown = run("estimate", "alexnet", "--hardware", "titan-z");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).isEqualTo("workbench: error: titan-z: no such hardware profile or file; the "
                + "shipped profiles are titan-x, jetson-tx1, h100-sxm, epyc-2core\n");
        Run bandwidth = run("scaling", "alexnet", "--image-ms", "5", "--bandwidth", "-10");
        assertThat(bandwidth.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bandwidth.err()).contains("--bandwidth must be a positive number of Gbit/s, not -10.0");
        Run neither = run("scaling", "alexnet");
        assertThat(neither.err()).contains("give either --hardware PROFILE");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"cnn-workbench-hardware\", \"version\": 1, \"name\": \"b\",\n"
                + " \"peakFlops\": 1e9, \"memoryBandwidth\": -1, \"onChipBytes\": 0, \"powerWatts\": 1, \"source\": \"\"}");
        Run file = run("estimate", "alexnet", "--hardware", bad.toString());
        assertThat(file.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(file.err()).contains(bad + ":2:39: memoryBandwidth must be a positive number of bytes/s");
    }

    @Test
    void scalingComparesNetworksWithTheEngineNumbers() throws Exception {
        Run r = run("scaling", "squeezenet-v1.0", "alexnet", "--image-ms", "2", "--bandwidth", "8", "--batch", "16",
                "--workers", "32", "--scheme", "both", "--format", "csv");
        assertThat(r.exit()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(1 + 2 * 2 * 32);
        // 1 GB/s, 16 x 2 ms compute
        var expected = DataParallelScaling.curve(60_965_224, new ScalingSetup(16, 0.002, 1e9, 4),
                Scheme.PARAMETER_SERVER, 32).get(31);
        assertThat(r.out()).contains("alexnet,parameter_server,32," + expected.computeSeconds() + ","
                + expected.communicationSeconds() + "," + expected.iterationSeconds() + "," + expected.speedup());
        Run table = run("scaling", "squeezenet-v1.0", "alexnet", "vgg16", "--hardware", "titan-x");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("squeezenet-v1.0 speedup", "vgg16 speedup", "128");
    }

    /** Every line of {@code csv} as its cells, read back by jackson-dataformat-csv (header included). */
    static java.util.List<java.util.List<String>> parseCsv(String csv) throws java.io.IOException {
        var mapper = com.fasterxml.jackson.dataformat.csv.CsvMapper.builder()
                .enable(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY).build();
        try (com.fasterxml.jackson.databind.MappingIterator<java.util.List<String>> rows =
                     mapper.readerForListOf(String.class).readValues(csv)) {
            return rows.readAll();
        }
    }

    /** A network whose name and first convolution's id hold a comma, a quote and a line break. */
    static final String AWKWARD_NAME = "net, \"quoted\"\nline";
    static final String AWKWARD_ID = "conv, \"one\"\nfirst";

    static Path awkwardNetwork(Path dir) throws Exception {
        Path file = dir.resolve("awkward.json");
        ObjectMapper json = new ObjectMapper();
        Files.writeString(file, "{\"format\": \"cnn-workbench-network\", \"version\": 1, \"name\": "
                + json.writeValueAsString(AWKWARD_NAME) + ", \"nodes\": [\n"
                + "  {\"id\": \"data\", \"kind\": \"input\", \"channels\": 3, \"height\": 8, \"width\": 8},\n"
                + "  {\"id\": " + json.writeValueAsString(AWKWARD_ID)
                + ", \"kind\": \"conv\", \"inputs\": [\"data\"], \"filters\": 4, \"kernel\": 3},\n"
                + "  {\"id\": \"fc\", \"kind\": \"fc\", \"inputs\": [" + json.writeValueAsString(AWKWARD_ID)
                + "], \"units\": 2}]}\n");
        return file;
    }

    @Test
    void estimateCsvQuotesAnIdWithACommaAQuoteAndALineBreak() throws Exception {
        Run r = run("estimate", awkwardNetwork(dir).toString(), "--hardware", "titan-x", "--format", "csv");

        assertThat(r.exit()).as(r.err()).isZero();
        var rows = parseCsv(r.out());
        // the layers that compute: the convolution and the fully connected layer
        assertThat(rows).hasSize(1 + 2).allSatisfy(cells -> assertThat(cells).hasSize(7));
        assertThat(rows.get(1).subList(0, 2)).containsExactly(AWKWARD_ID, "conv");
    }

    @Test
    void scalingCsvQuotesANetworkNameWithACommaAQuoteAndALineBreak() throws Exception {
        Run r = run("scaling", awkwardNetwork(dir).toString(), "--image-ms", "2", "--workers", "4",
                "--format", "csv");

        assertThat(r.exit()).as(r.err()).isZero();
        var rows = parseCsv(r.out());
        assertThat(rows).hasSize(1 + 4).allSatisfy(cells -> assertThat(cells).hasSize(8));
        assertThat(rows.subList(1, 5)).allSatisfy(cells -> assertThat(cells.get(0)).isEqualTo(AWKWARD_NAME));
        assertThat(rows.get(4).get(2)).isEqualTo("4");
    }

    @Test
    void analyzeCsvQuotesAnIdWithACommaAQuoteAndALineBreak() throws Exception {
        Run r = run("analyze", awkwardNetwork(dir).toString(), "--format", "csv");

        assertThat(r.exit()).as(r.err()).isZero();
        var rows = parseCsv(r.out());
        assertThat(rows).hasSize(1 + 3).allSatisfy(cells -> assertThat(cells).hasSize(13));
        assertThat(rows.get(2).subList(0, 6)).containsExactly(AWKWARD_ID, "conv", "ok", "4", "6", "6");
    }

    @Test
    void scalingMeasureTrainsOnLocalNAndPrintsTheModelsEstimateForTheSameSetting() throws Exception {
        Path network = dir.resolve("small.json");
        Files.writeString(network, """
                {"format": "cnn-workbench-network", "version": 1, "name": "small-cnn", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 2,
                   "activation": "relu"},
                  {"id": "fc", "kind": "fc", "inputs": ["conv1"], "units": 10},
                  {"id": "prob", "kind": "softmax", "inputs": ["fc"]}]}
                """);
        Run r = run("scaling", "--measure", "--network", network.toString(), "--workers", "2", "--batch", "8",
                "--averaging-frequency", "2", "--rounds", "2", "--bandwidth", "10", "--format", "csv");

        assertThat(r.exit()).as(r.err()).isZero();
        var rows = parseCsv(r.out());
        assertThat(rows.get(0)).containsExactly("network", "workers", "images", "seconds", "imagesPerSecond",
                "measuredSpeedup", "scheme", "estimatedSpeedup");
        assertThat(rows).hasSize(1 + 2);   // 1 is always measured
        assertThat(rows.get(1).subList(0, 3)).containsExactly("small-cnn", "1", "32");   // 2 rounds x 2 x 8
        assertThat(rows.get(2).subList(0, 3)).containsExactly("small-cnn", "2", "64");
        assertThat(Double.parseDouble(rows.get(1).get(5))).isEqualTo(1.0);
        double ips1 = Double.parseDouble(rows.get(1).get(4));
        double ips2 = Double.parseDouble(rows.get(2).get(4));
        assertThat(ips1).isPositive();
        assertThat(Double.parseDouble(rows.get(2).get(5))).isCloseTo(ips2 / ips1, within(1e-9));
        // the model for the measured setting: 2 x 8 images per worker between averagings, the 1-worker time per
        // image, 10 Gbit/s, the network's parameters
        long params = Analyzer.standard().analyze(org.cnnworkbench.engine.io.NetworkJson.read(
                Files.readString(network), "small").spec()).totals().paramTotal();
        double expected = DataParallelScaling.curve(params, new ScalingSetup(16, 1 / ips1, 10e9 / 8, 4),
                Scheme.REDUCTION_TREE, 2).get(1).speedup();
        assertThat(Double.parseDouble(rows.get(2).get(7))).isCloseTo(expected, within(1e-9));

        Run detector = run("scaling", "--measure", "--network", "squeezedet-mini");
        assertThat(detector.exit()).isEqualTo(2);
        assertThat(detector.err()).contains("measured scaling trains classifiers").doesNotContain("Exception");
        Run two = run("scaling", "--measure", "alexnet", "vgg16");
        assertThat(two.exit()).isEqualTo(2);
        assertThat(two.err()).contains("--measure measures one network at a time");
    }
}
