package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.kinds.Arity;
import org.cnnworkbench.engine.kinds.Category;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.ParamSpec;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Dl4jConverterTest {

    /** A plugin's kind that DL4J knows nothing about. */
    private static final class ScaleKind implements KindDescriptor {
        @Override public String name() { return "scale"; }
        @Override public Category category() { return Category.values()[0]; }
        @Override public String description() { return "multiplies by a constant"; }
        @Override public List<ParamSpec> parameters() { return List.of(); }
        @Override public Arity arity() { return Arity.exactlyOne(); }
        @Override public Shape outputShape(Params params, List<Shape> inputs) { return inputs.get(0); }
    }

    private static Node input(int channels, int size) {
        return Node.of("data", "input", List.of(), Map.of("channels", channels, "height", size, "width", size));
    }

    @Test
    void kindWithoutDl4jMappingIsRefusedNamingTheNode() {
        NetworkSpec spec = NetworkSpec.of("plugin", List.of(input(3, 8),
                Node.of("scale1", "scale", List.of("data"))));
        Analyzer analyzer = new Analyzer(KindRegistry.standard().with(new ScaleKind()));

        assertThatThrownBy(() -> Dl4jConverter.convert(spec, analyzer))
                .isInstanceOf(Dl4jConversionException.class)
                .hasMessageContaining("scale1").hasMessageContaining("'scale'")
                .satisfies(e -> assertThat(((Dl4jConversionException) e).nodeId()).isEqualTo("scale1"));
    }

    @Test
    void invalidNetworkIsRefusedNamingTheNode() {
        NetworkSpec spec = NetworkSpec.of("bad", List.of(input(3, 8),
                Node.of("conv1", "conv", List.of("data"), Map.of("filters", 4, "kernel", 11))));

        assertThatThrownBy(() -> Dl4jConverter.convert(spec))
                .isInstanceOf(Dl4jConversionException.class)
                .hasMessageContaining("conv1").hasMessageContaining("not valid");
    }

    @ParameterizedTest
    @CsvSource({"8, 3, 2, 0", "8, 3, 2, 1", "13, 3, 2, 0", "10, 2, 3, 1", "7, 3, 3, 0"})
    void ceilMaxPoolingGivesCaffesWindowsAlsoOnNegativeInputs(int size, int kernel, int stride, int pad)
            throws Exception {
        NetworkSpec spec = NetworkSpec.of("pool", List.of(input(2, size), Node.of("pool1", "maxpool",
                List.of("data"), Map.of("kernel", kernel, "stride", stride, "pad", pad, "rounding", "ceil"))));
        ConvertedGraph converted = Dl4jConverter.convert(spec);
        ComputationGraph graph = converted.newGraph();
        INDArray x = Nd4j.rand(new long[] {1, 2, size, size}).subi(2.0);   // all negative

        INDArray y = converted.toNchw(graph.feedForward(converted.toGraphLayout(x), false).get("pool1"));

        Shape.FeatureMap out = (Shape.FeatureMap) converted.analysis().result("pool1").orElseThrow().output();
        assertThat(y.shape()).containsExactly(1, 2, out.height(), out.width());
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < out.height(); i++) {
                for (int j = 0; j < out.width(); j++) {
                    assertThat(y.getDouble(0, c, i, j)).as("output %d,%d,%d", c, i, j)
                            .isEqualTo(caffeMax(x, c, i, j, size, kernel, stride, pad));
                }
            }
        }
    }

    /** Caffe's max pooling: the window clipped to the input, padding never wins. */
    private static double caffeMax(INDArray x, int c, int i, int j, int size, int kernel, int stride, int pad) {
        double max = Double.NEGATIVE_INFINITY;
        for (int r = Math.max(i * stride - pad, 0); r < Math.min(i * stride - pad + kernel, size); r++) {
            for (int q = Math.max(j * stride - pad, 0); q < Math.min(j * stride - pad + kernel, size); q++) {
                max = Math.max(max, x.getDouble(0, c, r, q));
            }
        }
        return max;
    }

    @Test
    void groupedConvolutionHasOneConvolutionPerGroupAndTheEnginesParamCount() throws Exception {
        NetworkSpec spec = NetworkSpec.of("groups", List.of(input(4, 6), Node.of("conv1", "conv",
                List.of("data"), Map.of("filters", 6, "kernel", 3, "groups", 2, "pad", 1))));
        ConvertedGraph converted = Dl4jConverter.convert(spec);
        ComputationGraph graph = converted.newGraph();

        assertThat(graph.numParams()).isEqualTo(6 * 2 * 9 + 6);
        assertThat(graph.getVertex("conv1/group1").numParams()).isEqualTo(3 * 2 * 9 + 3);
        Dl4jParity.assertActivationShapesEqual(converted, graph);
    }

    @Test
    void everyPrimitiveNodeIsAVertexNamedWithItsId() throws Exception {
        ConvertedGraph converted = Dl4jConverter.convert(Dl4jSampleNetworksTest.sample("squeezenet-v1.1"));

        assertThat(converted.primitiveSpec().nodes()).extracting(Node::id)
                .allMatch(id -> converted.configuration().getVertices().containsKey(id)
                        || converted.configuration().getNetworkInputs().contains(id), "is a vertex or input");
        assertThat(converted.inputs()).containsExactly("data");
    }
}
