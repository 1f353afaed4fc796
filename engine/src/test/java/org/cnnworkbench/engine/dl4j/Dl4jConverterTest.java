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
    @CsvSource({"8, 3, 2, 0", "8, 3, 2, 1", "13, 3, 2, 0", "10, 2, 3, 1", "7, 3, 3, 0", "7, 2, 3, 0"})
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

    /** The output of pooling {@code kind} (kernel 2, stride 3, ceil: 3x3) over a 2x6x6 input {@code x}. */
    private static INDArray poolSixBySixWithEmptyLastWindows(String kind, INDArray x) throws Exception {
        NetworkSpec spec = NetworkSpec.of("pool", List.of(input(2, 6), Node.of("pool1", kind, List.of("data"),
                Map.of("kernel", 2, "stride", 3, "rounding", "ceil"))));
        ConvertedGraph converted = Dl4jConverter.convert(spec);
        INDArray y = converted.toNchw(converted.newGraph().feedForward(converted.toGraphLayout(x), false)
                .get("pool1"));
        assertThat(y.shape()).containsExactly(1, 2, 3, 3);
        return y;
    }

    @Test
    void ceilMaxPoolingGivesTheNearestEdgesMaximumInAWindowThatContainsNoInputCell() throws Exception {
        // windows start at 0, 3 and 6 on each axis: the third row and column start past the 6x6 input
        INDArray x = Nd4j.rand(new long[] {1, 2, 6, 6}).subi(2.0);   // all negative

        INDArray y = poolSixBySixWithEmptyLastWindows("maxpool", x);

        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double expected = i < 2 && j < 2 ? caffeMax(x, c, i, j, 6, 2, 3, 0)
                            : clampedMax(x, c, i == 2 ? 5 : 3 * i, i == 2 ? 5 : 3 * i + 1,
                                    j == 2 ? 5 : 3 * j, j == 2 ? 5 : 3 * j + 1);
                    assertThat(y.getDouble(0, c, i, j)).as("output %d,%d,%d", c, i, j).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void ceilAveragePoolingGivesZeroInAWindowThatContainsNoInputCell() throws Exception {
        INDArray x = Nd4j.rand(new long[] {1, 2, 6, 6}).addi(1.0);   // all positive

        INDArray y = poolSixBySixWithEmptyLastWindows("avgpool", x);

        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double expected = 0;
                    if (i < 2 && j < 2) {
                        for (int r = 3 * i; r < 3 * i + 2; r++) {
                            for (int q = 3 * j; q < 3 * j + 2; q++) {
                                expected += x.getDouble(0, c, r, q) / 4;
                            }
                        }
                    }
                    assertThat(y.getDouble(0, c, i, j)).as("output %d,%d,%d", c, i, j)
                            .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }

    @Test
    void ceilAveragePoolingDividesAPartialLastWindowByTheWholeKernel() throws Exception {
        // 6x6, kernel 3, stride 2, ceil: windows start at 0, 2, 4; the last covers rows 4, 5 and one padded row
        NetworkSpec spec = NetworkSpec.of("pool", List.of(input(1, 6), Node.of("pool1", "avgpool", List.of("data"),
                Map.of("kernel", 3, "stride", 2, "rounding", "ceil"))));
        ConvertedGraph converted = Dl4jConverter.convert(spec);
        INDArray x = Nd4j.ones(1, 1, 6, 6);

        INDArray y = converted.toNchw(converted.newGraph().feedForward(converted.toGraphLayout(x), false)
                .get("pool1"));

        // Caffe divides by the cells inside the input (+ pad): 1.0 everywhere; the workbench by 9 (docs/dl4j.md)
        assertThat(y.getDouble(0, 0, 0, 0)).isEqualTo(1.0);
        assertThat(y.getDouble(0, 0, 0, 2)).isCloseTo(6.0 / 9, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(y.getDouble(0, 0, 2, 2)).isCloseTo(4.0 / 9, org.assertj.core.data.Offset.offset(1e-6));
    }

    /** Maximum of channel {@code c} over rows {@code r0..r1} and columns {@code q0..q1} (inclusive). */
    private static double clampedMax(INDArray x, int c, int r0, int r1, int q0, int q1) {
        double max = Double.NEGATIVE_INFINITY;
        for (int r = r0; r <= r1; r++) {
            for (int q = q0; q <= q1; q++) {
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
