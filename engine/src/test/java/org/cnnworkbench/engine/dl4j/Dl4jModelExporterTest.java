package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.plugin.ExportException;
import org.cnnworkbench.engine.plugin.ExportRequest;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The DL4J exporter writes a ModelSerializer zip that DL4J restores with the same parameters and outputs. */
class Dl4jModelExporterTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path run;

    @BeforeAll
    static void trainOnce() throws Exception {
        run = TinyRuns.train(shared);
    }

    private static ExportRequest request(NetworkSpec spec, Path runDir) {
        return new ExportRequest(spec, KindRegistry.standard(), Optional.ofNullable(runDir));
    }

    private static long engineTotal(NetworkSpec spec) {
        return Analyzer.standard().analyze(spec).totals().paramTotal();
    }

    /** A fixed input of {@code c x h x w} images, in the graph's NHWC layout. */
    private static INDArray input(int c, int h, int w) {
        INDArray nchw = Nd4j.linspace(DataType.FLOAT, -1, 1.0 / 97, 2L * c * h * w).reshape('c', 2, c, h, w);
        return InputLayout.fromNchw(nchw, "NHWC");
    }

    @Test
    void withoutARunTheConvertedGraphWithFreshWeightsIsWrittenAndRestoresEqual() throws Exception {
        NetworkSpec spec = Dl4jSampleNetworksTest.sample("squeezenet-v1.0");
        Path file = dir.resolve("out/sq.zip");
        new Dl4jModelExporter().export(request(spec, null), file);

        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file.toFile());
        assertThat(restored.numParams()).isEqualTo(engineTotal(spec)).isEqualTo(1_248_424);
        ComputationGraph source = Dl4jConverter.convert(spec).newGraph();   // the converter's seed: same weights
        assertThat(restored.params()).isEqualTo(source.params());
        INDArray x = input(3, 227, 227);
        assertThat(restored.outputSingle(false, x)).isEqualTo(source.outputSingle(false, x));
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("sq.zip");   // no temp left
        }
    }

    @Test
    void aRunsBestAndLastModelsAreWrittenWithTheirTrainedWeights() throws Exception {
        NetworkSpec spec = new RunDirectory(run).spec();
        INDArray x = input(1, 28, 28);
        for (ModelChoice choice : ModelChoice.values()) {
            Path file = dir.resolve(choice.id() + ".zip");
            new Dl4jModelExporter(choice).export(request(spec, run), file);

            ComputationGraph restored = ModelSerializer.restoreComputationGraph(file.toFile());
            ComputationGraph source = Predictor.load(run, choice).graph();
            assertThat(restored.numParams()).isEqualTo(engineTotal(spec));
            assertThat(restored.params()).isEqualTo(source.params());
            assertThat(restored.outputSingle(false, x)).isEqualTo(source.outputSingle(false, x));
        }
        ComputationGraph last = ModelSerializer.restoreComputationGraph(run.resolve("model.zip").toFile());
        assertThat(ModelSerializer.restoreComputationGraph(dir.resolve("last.zip").toFile()).params())
                .isEqualTo(last.params());
    }

    @Test
    void theRunsNetworkMayBeWrittenWithDefaultsAndAnotherName() throws Exception {
        NetworkSpec spec = new RunDirectory(run).spec();
        NetworkSpec explicit = spec.withName("renamed").withNode(spec.node("conv2").orElseThrow()
                .withParam("stride", 1L));
        new Dl4jModelExporter().export(request(explicit, run), dir.resolve("m.zip"));
        assertThat(dir.resolve("m.zip")).isNotEmptyFile();
    }

    @Test
    void aRunOfAnotherNetworkIsRefusedNamingTheDifference() throws Exception {
        NetworkSpec spec = new RunDirectory(run).spec();
        NetworkSpec wider = spec.withNode(spec.node("conv1").orElseThrow().withParam("filters", 16L));
        Path file = dir.resolve("m.zip");
        assertThatThrownBy(() -> new Dl4jModelExporter().export(request(wider, run), file))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining("trained on a different network")
                .hasMessageContaining("node 'conv1'")
                .hasMessageContaining("spec.json");
        assertThat(file).doesNotExist();
    }

    @Test
    void aRunWithoutAModelOrAFolderThatIsNoRunIsRefused() throws Exception {
        NetworkSpec spec = new RunDirectory(run).spec();
        Path empty = TinyRuns.copy(run, dir.resolve("untrained"));
        try (var files = Files.list(empty)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".zip")
                    || f.getFileName().toString().equals(RunCheckpoints.POINTER)).toList()) {
                Files.delete(f);
            }
        }
        assertThatThrownBy(() -> new Dl4jModelExporter().export(request(spec, empty), dir.resolve("a.zip")))
                .isInstanceOf(ExportException.class).hasMessageContaining("no trained model");
        assertThatThrownBy(() -> new Dl4jModelExporter().export(request(spec, dir), dir.resolve("b.zip")))
                .isInstanceOf(ExportException.class).hasMessageContaining("is not a training run directory");
    }

    @Test
    void aNetworkDl4jCannotExpressIsRefusedWithTheConvertersReason() throws Exception {
        NetworkSpec invalid = NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "bad", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 4, "width": 4},
                  {"id": "conv", "kind": "conv", "inputs": ["data"], "filters": 2, "kernel": 9}]}
                """, "bad").spec();
        assertThatThrownBy(() -> new Dl4jModelExporter().export(request(invalid, null), dir.resolve("bad.zip")))
                .isInstanceOf(ExportException.class).hasMessageContaining("cannot export bad as a DL4J model")
                .hasMessageContaining("conv");
        assertThat(dir.resolve("bad.zip")).doesNotExist();
    }
}
