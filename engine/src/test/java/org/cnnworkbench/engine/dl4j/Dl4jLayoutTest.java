package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The NHWC graphs: Caffe's flatten order, the custom vertices' JSON, layout helpers. */
class Dl4jLayoutTest {

    @Test
    void flattenKeepsCaffesChannelHeightWidthOrder() throws Exception {
        NetworkSpec spec = NetworkSpec.of("flat", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", 2, "height", 3, "width", 4)),
                Node.of("flat", "flatten", List.of("data"))));
        ConvertedGraph converted = Dl4jConverter.convert(spec);
        INDArray nchw = Nd4j.arange(24).castTo(Nd4j.defaultFloatingPointType()).reshape(1, 2, 3, 4);

        INDArray flat = converted.newGraph().feedForward(converted.toGraphLayout(nchw), false).get("flat");

        assertThat(flat.toDoubleVector()).containsExactly(nchw.reshape(1, 24).toDoubleVector());
    }

    @Test
    void lrnInNhwcIsCaffesAcrossChannelFormula() throws Exception {
        int c = 7;
        NetworkSpec spec = NetworkSpec.of("lrn", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", c, "height", 3, "width", 2)),
                Node.of("norm", "lrn", List.of("data"), Map.of("size", 5, "alpha", 0.1, "beta", 0.75, "k", 2.0))));
        ConvertedGraph converted = Dl4jConverter.convert(spec);
        INDArray x = Nd4j.rand(new long[] {1, c, 3, 2}).muli(3);

        INDArray y = converted.toNchw(converted.newGraph().feedForward(converted.toGraphLayout(x), false).get("norm"));

        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 2; j++) {
                    double sum = 0;
                    for (int q = Math.max(0, ch - 2); q <= Math.min(c - 1, ch + 2); q++) {
                        sum += x.getDouble(0, q, i, j) * x.getDouble(0, q, i, j);
                    }
                    double caffe = x.getDouble(0, ch, i, j) / Math.pow(2.0 + 0.1 / 5 * sum, 0.75);
                    assertThat(y.getDouble(0, ch, i, j)).as("channel %d at %d,%d", ch, i, j)
                            .isCloseTo(caffe, org.assertj.core.api.Assertions.within(1e-4));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"alexnet", "squeezenet-v1.0"})
    void configurationSurvivesJsonWithTheSameOutputs(String name) throws Exception {
        ConvertedGraph converted = Dl4jConverter.convert(Dl4jSampleNetworksTest.sample(name));
        ComputationGraph graph = converted.newGraph();
        ComputationGraphConfiguration copy = ComputationGraphConfiguration.fromJson(converted.configuration().toJson());
        ComputationGraph restored = new ComputationGraph(copy);
        restored.init(graph.params().dup(), false);
        INDArray x = Nd4j.rand(converted.activationShape("data", 1));

        assertThat(restored.outputSingle(x).equalsWithEps(graph.outputSingle(x), 1e-5)).isTrue();
    }

    @Test
    void edgePaddingKeepsItsModeThroughJsonAndAnOlderGraphReadsAsAConstant() throws Exception {
        org.nd4j.shade.jackson.databind.ObjectMapper mapper =
                org.deeplearning4j.nn.conf.NeuralNetConfiguration.mapper();
        EdgePadVertex edge = EdgePadVertex.replicating(1, 2, org.deeplearning4j.nn.conf.CNN2DFormat.NHWC);
        String json = mapper.writeValueAsString(edge);
        // a model.zip saved before the edge mode existed has no "edge" property
        String older = mapper.writeValueAsString(EdgePadVertex.constant(1, 2, -Float.MAX_VALUE,
                org.deeplearning4j.nn.conf.CNN2DFormat.NHWC)).replaceAll(",?\\s*\"edge\"\\s*:\\s*false", "");

        assertThat(mapper.readValue(json, org.deeplearning4j.nn.conf.graph.GraphVertex.class)).isEqualTo(edge);
        assertThat(older).doesNotContain("edge");
        assertThat(mapper.readValue(older, org.deeplearning4j.nn.conf.graph.GraphVertex.class))
                .isInstanceOfSatisfying(EdgePadVertex.class, v -> {
                    assertThat(v.isEdge()).isFalse();
                    assertThat(v.getValue()).isEqualTo(-Float.MAX_VALUE);
                });
    }

    @Test
    void trainingStepRunsBackwardThroughTheCustomVerticesWithTheFastPath() throws Exception {
        NetworkSpec spec = NetworkSpec.of("train", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", 4, "height", 9, "width", 9)),
                Node.of("conv1", "conv", List.of("data"), Map.of("filters", 6, "kernel", 3, "groups", 2,
                        "activation", "relu")),
                Node.of("pool1", "maxpool", List.of("conv1"), Map.of("kernel", 2, "stride", 2, "rounding", "ceil")),
                Node.of("fc1", "fc", List.of("pool1"), Map.of("units", 3)),
                Node.of("prob", "softmax", List.of("fc1"))));
        ConvertedGraph converted = Dl4jConverter.convert(spec);
        ComputationGraph graph = converted.newGraph();
        INDArray before = graph.params().dup();
        INDArray x = Nd4j.rand(converted.activationShape("data", 4));
        INDArray labels = Nd4j.eye(3).getRows(0, 1, 2, 0);

        graph.fit(new INDArray[] {x}, new INDArray[] {labels});

        assertThat(graph.params().equalsWithEps(before, 1e-7)).as("parameters changed").isFalse();
        assertThat(Double.isFinite(graph.score())).isTrue();
    }

    @Test
    void layoutHelpersPermuteBetweenNchwAndTheGraphsLayout() throws Exception {
        ConvertedGraph converted = Dl4jConverter.convert(Dl4jSampleNetworksTest.sample("squeezenet-v1.1"));
        INDArray nchw = Nd4j.rand(2, 3, 5, 7);

        assertThat(converted.channelsLast()).isTrue();
        assertThat(converted.toGraphLayout(nchw).shape()).containsExactly(2, 5, 7, 3);
        assertThat(converted.toNchw(converted.toGraphLayout(nchw))).isEqualTo(nchw);
        assertThat(converted.activationShape("conv1", 8)).containsExactly(8, 113, 113, 64);
    }
}
