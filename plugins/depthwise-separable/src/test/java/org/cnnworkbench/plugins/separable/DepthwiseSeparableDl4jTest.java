package org.cnnworkbench.plugins.separable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.dl4j.ConvertedGraph;
import org.cnnworkbench.engine.dl4j.Dl4jConverter;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.plugin.Plugins;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/** The plugin's kind converted to DL4J through its bridge, found in the jar like a user's plugin. */
class DepthwiseSeparableDl4jTest {

    private final Plugins plugins = InstalledPlugin.load();
    private final Analyzer analyzer = new Analyzer(plugins.kinds());

    private static NetworkSpec tiny(boolean batchnorm) {
        return NetworkSpec.of("tiny mobilenet", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", 3, "height", 12, "width", 12)),
                Node.of("conv1", "conv", List.of("data"), Map.of("filters", 8, "kernel", 3, "pad", 1,
                        "activation", "relu")),
                Node.of("sep2", "dwsep", List.of("conv1"), Map.of("filters", 16, "batchnorm", batchnorm)),
                Node.of("sep3", "dwsep", List.of("sep2"), Map.of("filters", 24, "stride", 2, "alpha", 0.5,
                        "batchnorm", batchnorm, "bias", true)),
                Node.of("pool4", "globalavgpool", List.of("sep3")),
                Node.of("fc5", "fc", List.of("pool4"), Map.of("units", 3)),
                Node.of("prob", "softmax", List.of("fc5"))));
    }

    @ParameterizedTest(name = "batchnorm {0}")
    @ValueSource(booleans = {false, true})
    void theConvertedGraphHasTheAnalysedParametersAndShapes(boolean batchnorm) throws Exception {
        ConvertedGraph converted = Dl4jConverter.convert(tiny(batchnorm), analyzer);
        ComputationGraph graph = converted.newGraph();
        assertThat(graph.numParams()).isEqualTo(converted.analysis().totals().paramTotal());
        INDArray x = Nd4j.rand(DataType.FLOAT, converted.activationShape("data", 2));
        Map<String, INDArray> activations = graph.feedForward(x, false);
        for (String id : List.of("sep2", "sep3")) {
            assertThat(activations.get(id).shape()).as(id).isEqualTo(converted.activationShape(id, 2));
        }
        assertThat(converted.activationShape("sep3", 1)).containsExactly(1, 6, 6, 12);   // NHWC, 24 x 0.5
    }

    /** The smallest network through both kinds of the block's layers, with biases and a stride. */
    private static NetworkSpec forGradientCheck() {
        return NetworkSpec.of("gradient check", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", 2, "height", 5, "width", 5)),
                Node.of("sep1", "dwsep", List.of("data"), Map.of("filters", 3, "stride", 2, "batchnorm", false,
                        "bias", true, "activation", "tanh")),
                Node.of("pool2", "globalavgpool", List.of("sep1")),
                Node.of("fc3", "fc", List.of("pool2"), Map.of("units", 3)),
                Node.of("prob", "softmax", List.of("fc3"))));
    }

    /** DL4J's numerical gradient check in double precision: the depthwise layer's backward pass is right. */
    @Test
    void gradientsEqualNumericalOnes() throws Exception {
        ConvertedGraph converted = Dl4jConverter.convert(forGradientCheck(), analyzer);
        // GradientCheckUtil wants plain SGD with learning rate 1
        ComputationGraph graph = withUpdater(converted, new Sgd(1.0)).convertDataType(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.DOUBLE, converted.activationShape("data", 3)).subi(0.5);
        INDArray labels = Nd4j.eye(3).castTo(DataType.DOUBLE);
        DataType previous = Nd4j.dataType();
        DataType previousFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);   // GradientCheckUtil insists
        try {
            assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                    .inputs(new INDArray[] {x}).labels(new INDArray[] {labels})
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY))).isTrue();
        } finally {
            Nd4j.setDefaultDataTypes(previous, previousFloat);
        }
    }

    private static ComputationGraph withUpdater(ConvertedGraph converted, IUpdater updater) {
        ComputationGraphConfiguration conf = converted.configuration().clone();
        conf.getVertices().values().forEach(v -> {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer base) {
                base.setIUpdater(updater);
            }
        });
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** It learns: a few dozen Adam steps fit a small fixed batch that only the convolutions can separate. */
    @Test
    void itTrainsLikeABuiltInKind() throws Exception {
        ConvertedGraph converted = Dl4jConverter.convert(tiny(true), analyzer);
        ComputationGraph graph = withUpdater(converted, new Adam(0.01));
        Nd4j.getRandom().setSeed(11);
        int n = 12;
        INDArray x = Nd4j.rand(DataType.FLOAT, converted.activationShape("data", n)).muli(0.2);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            labels.putScalar(i, label, 1);
            // the class is a bright patch at one of three places
            x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(label * 4, label * 4 + 4),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).addi(1.0);
        }
        DataSet batch = new DataSet(x, labels);
        double before = graph.score(batch);
        for (int step = 0; step < 60; step++) {
            graph.fit(batch);
        }
        double after = graph.score(batch);
        assertThat(after).as("loss after 60 steps, from %s", before).isLessThan(before * 0.3);
    }
}
