package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The per-layer timing of bench-infer --layers: the same forward pass, attributed to the spec's layers. */
class InferenceBenchmarkTest {

    private static NetworkSpec spec() throws Exception {
        return NetworkJson.read(Path.of("../sample-networks/networks/fashion-squeezenet.json")).spec();
    }

    private static ConvertedGraph fashionSqueezeNet() throws Exception {
        return Dl4jConverter.convert(spec());
    }

    @Test
    void theVertexByVertexPassGivesTheGraphsOwnOutput() throws Exception {
        ConvertedGraph converted = fashionSqueezeNet();
        ComputationGraph graph = converted.newGraph();
        INDArray input = Nd4j.rand(DataType.FLOAT, converted.activationShape(converted.inputs().get(0), 3));
        INDArray expected = graph.output(false, input)[0];
        INDArray[] byVertex = InferenceBenchmark.outputsByVertex(graph, input);
        assertThat(byVertex).hasSize(1);
        assertThat(byVertex[0].shape()).isEqualTo(expected.shape());
        assertThat(byVertex[0].equalsWithEps(expected, 1e-5)).isTrue();
    }

    @Test
    void everyLayerOfTheSpecIsTimedOnceInTheOrderItRuns() throws Exception {
        ConvertedGraph converted = fashionSqueezeNet();
        AnalysisReport report = Analyzer.standard().analyze(spec());
        InferenceBenchmark.LayerResult result = InferenceBenchmark.layers(converted, converted.newGraph(), report,
                2, 1, 3);
        List<String> ids = result.layers().stream().map(InferenceBenchmark.LayerTime::id).toList();
        // every top-level node but the input, each once, in the spec's order (no DL4J internal names)
        List<String> specOrder = report.layers().stream().map(r -> r.id())
                .filter(id -> !id.equals("data")).toList();
        assertThat(ids).containsExactlyElementsOf(specOrder);
        InferenceBenchmark.LayerTime conv1 = result.layers().get(0);
        assertThat(conv1.id()).isEqualTo("conv1");
        assertThat(conv1.kind()).isEqualTo("conv");
        InferenceBenchmark.LayerTime fire2 = result.layers().stream().filter(l -> l.id().equals("fire2"))
                .findFirst().orElseThrow();
        assertThat(fire2.kind()).isEqualTo("fire");
        assertThat(fire2.vertices()).isGreaterThanOrEqualTo(4);   // squeeze, two expands, their merge (+ ReLUs)
        assertThat(result.layers()).allSatisfy(l -> assertThat(l.msPerBatch()).isPositive());
        double sum = result.layers().stream().mapToDouble(InferenceBenchmark.LayerTime::msPerBatch).sum();
        assertThat(sum).isLessThanOrEqualTo(result.msPerBatch() * 1.5);   // medians of parts of the same passes
    }

    @Test
    void aVertexBelongsToTheLongestIdAboveIt() {
        List<String> ids = List.of("fire2", "fire20", "conv1");
        assertThat(InferenceBenchmark.ownerOf("fire2/squeeze1x1", ids)).isEqualTo("fire2");
        assertThat(InferenceBenchmark.ownerOf("fire20/expand3x3", ids)).isEqualTo("fire20");
        assertThat(InferenceBenchmark.ownerOf("conv1", ids)).isEqualTo("conv1");
        assertThat(InferenceBenchmark.ownerOf("conv1/conv", ids)).isEqualTo("conv1");
        assertThat(InferenceBenchmark.ownerOf("other", ids)).isEqualTo("other");
    }

    @Test
    void badCountsAreRefused() throws Exception {
        ConvertedGraph converted = fashionSqueezeNet();
        assertThatThrownBy(() -> InferenceBenchmark.layers(converted, converted.newGraph(),
                Analyzer.standard().analyze(spec()), 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
