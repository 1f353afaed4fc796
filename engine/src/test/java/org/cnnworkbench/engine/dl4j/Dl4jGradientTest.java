package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Backward passes of the converted graphs: DL4J's numerical gradient check over every custom vertex, and the
 * gradients of the oneDNN fast path against DL4J's built-in implementation of the same layers. (DL4J M2.1's
 * oneDNN convolution helper got the gradients of a convolution with a fused activation wrong in NHWC; with it,
 * training stalled near chance without any error.)
 */
class Dl4jGradientTest {

    /** One network through grouped convolution, LRN, Caffe ceil max and average pooling, Fire with bypass,
     *  batch normalisation, a flattening dense layer and softmax. */
    static NetworkSpec everyVertex() {
        return NetworkSpec.of("gradient check", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", 4, "height", 8, "width", 8)),
                Node.of("conv1", "conv", List.of("data"), Map.of("filters", 6, "kernel", 3, "pad", 1, "groups", 2,
                        "activation", "tanh")),
                // AlexNet's alpha: DL4J M2.1's LRN backward departs from the numerical gradient for alpha >= 0.1
                // in either layout (docs/dl4j.md)
                Node.of("norm1", "lrn", List.of("conv1"), Map.of("size", 3)),
                Node.of("pool1", "maxpool", List.of("norm1"), Map.of("kernel", 3, "stride", 2, "rounding", "ceil")),
                Node.of("fire2", "fire", List.of("pool1"), Map.of("s1x1", 3, "e1x1", 3, "e3x3", 3, "bypass", true)),
                Node.of("bn2", "batchnorm", List.of("fire2")),
                Node.of("pool2", "avgpool", List.of("bn2"), Map.of("kernel", 3, "stride", 2, "rounding", "ceil")),
                Node.of("fc3", "fc", List.of("pool2"), Map.of("units", 5, "activation", "tanh")),
                Node.of("fc4", "fc", List.of("fc3"), Map.of("units", 3)),
                Node.of("prob", "softmax", List.of("fc4"))));
    }

    /** Ceil max and average pooling whose last row and column of windows contain no input cell (6x6, 2/3). */
    static NetworkSpec emptyCeilWindows() {
        return NetworkSpec.of("empty windows", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", 2, "height", 6, "width", 6)),
                Node.of("conv1", "conv", List.of("data"), Map.of("filters", 3, "kernel", 1, "activation", "tanh")),
                Node.of("max1", "maxpool", List.of("conv1"), Map.of("kernel", 2, "stride", 3, "rounding", "ceil")),
                Node.of("avg1", "avgpool", List.of("conv1"), Map.of("kernel", 2, "stride", 3, "rounding", "ceil")),
                Node.of("both", "concat", List.of("max1", "avg1")),
                Node.of("fc2", "fc", List.of("both"), Map.of("units", 3)),
                Node.of("prob", "softmax", List.of("fc2"))));
    }

    @Test
    void everyCustomVertexPassesDl4jsNumericalGradientCheck() throws Exception {
        assertThat(passesGradientCheck(everyVertex(), java.util.Set.of("bn2_mean", "bn2_log10stdev")))
                .as("analytic gradients equal numerical ones (DL4J's GradientCheckUtil)").isTrue();
    }

    @Test
    void ceilPoolingWithEmptyWindowsPassesDl4jsNumericalGradientCheck() throws Exception {
        assertThat(passesGradientCheck(emptyCeilWindows(), java.util.Set.of()))
                .as("analytic gradients equal numerical ones (DL4J's GradientCheckUtil)").isTrue();
    }

    /** DL4J's numerical gradient check (double precision) of the converted {@code spec}, three classes. */
    private static boolean passesGradientCheck(NetworkSpec spec, java.util.Set<String> excluded) throws Exception {
        ConvertedGraph converted = Dl4jConverter.convert(spec);
        ComputationGraph graph = new ComputationGraph(Trainer.configure(converted.configuration(),
                TrainingConfig.defaults().withOptimizer(TrainingConfig.Optimizer.SGD).withLearningRate(1.0)));
        graph.init();
        graph = graph.convertDataType(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.DOUBLE, converted.activationShape("data", 3)).subi(0.5);
        INDArray labels = Nd4j.eye(3).castTo(DataType.DOUBLE);

        DataType previous = Nd4j.dataType();
        DataType previousFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);   // GradientCheckUtil insists
        try {
            return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                    .inputs(new INDArray[] {x}).labels(new INDArray[] {labels})
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                    // running statistics, not gradients (DL4J's own batch-norm checks exclude them too)
                    .excludeParams(excluded)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        } finally {
            Nd4j.setDefaultDataTypes(previous, previousFloat);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fashion-squeezenet", "fashion-alexnet", "gradient-check"})
    void fastPathGradientsEqualDl4jsBuiltInLayers(String name) throws Exception {
        NetworkSpec spec = "gradient-check".equals(name) ? everyVertex()
                : withoutDropout(Dl4jSampleNetworksTest.sample(name));
        ConvertedGraph converted = Dl4jConverter.convert(spec);
        ComputationGraph fast = converted.newGraph();
        ComputationGraph builtIn = converted.newGraph();
        builtIn.setParams(fast.params().dup());
        assertThat(removeHelpers(builtIn)).as("oneDNN helpers engaged and removed").isPositive();
        Nd4j.getRandom().setSeed(3);
        long classes = converted.activationShape(converted.outputs().get(0), 1)[1];
        INDArray x = Nd4j.rand(DataType.FLOAT, converted.activationShape("data", 6));
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 6, classes);
        for (int i = 0; i < 6; i++) {
            labels.putScalar(i, i % classes, 1);
        }

        Map<String, INDArray> expected = gradients(builtIn, x, labels);
        Map<String, INDArray> actual = gradients(fast, x, labels);

        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String param : expected.keySet()) {
            INDArray e = expected.get(param);
            double scale = Math.max(e.norm2Number().doubleValue(), 1e-3);
            assertThat(actual.get(param).sub(e).norm2Number().doubleValue() / scale)
                    .as("relative gradient difference of %s", param).isLessThan(1e-4);
        }
    }

    private static Map<String, INDArray> gradients(ComputationGraph graph, INDArray x, INDArray labels) {
        graph.setInputs(x);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        Map<String, INDArray> copy = new java.util.TreeMap<>();
        graph.gradient().gradientForVariable().forEach((k, v) -> copy.put(k, v.dup()));
        return copy;
    }

    /** Sets every layer's DL4J helper to null, so the layer runs DL4J's built-in code; returns how many. */
    private static int removeHelpers(ComputationGraph graph) throws IllegalAccessException {
        int removed = 0;
        for (Layer layer : graph.getLayers()) {
            for (Class<?> c = layer.getClass(); c != null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if ("helper".equals(f.getName())) {
                        f.setAccessible(true);
                        if (f.get(layer) != null) {
                            f.set(layer, null);
                            removed++;
                        }
                    }
                }
            }
        }
        return removed;
    }

    /** {@code spec} with its dropout nodes bypassed (dropout is random, so two graphs would differ). */
    static NetworkSpec withoutDropout(NetworkSpec spec) {
        Map<String, String> bypass = new java.util.HashMap<>();
        spec.nodes().stream().filter(n -> "dropout".equals(n.kind()))
                .forEach(n -> bypass.put(n.id(), n.inputs().get(0)));
        List<Node> nodes = new ArrayList<>();
        for (Node n : spec.nodes()) {
            if (!bypass.containsKey(n.id())) {
                nodes.add(Node.of(n.id(), n.kind(), n.inputs().stream().map(i -> bypass.getOrDefault(i, i)).toList(),
                        n.params()));
            }
        }
        return NetworkSpec.of(spec.name(), nodes);
    }
}
