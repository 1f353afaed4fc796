package org.cnnworkbench.engine.dl4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of {@link Dl4jConverter#convert}: the DL4J configuration together with the primitive spec it
 * was built from and that spec's analysis. Every node id of {@code primitiveSpec} is the name of a DL4J
 * vertex (graph input, layer or vertex) whose activation is that node's output, so activations can be
 * matched to the analysis by id:
 *
 * <pre>{@code
 * ConvertedGraph converted = Dl4jConverter.convert(spec);
 * ComputationGraph graph = converted.newGraph();           // random weights
 * Map<String, INDArray> acts = graph.feedForward(converted.toGraphLayout(nchwInput), false);
 * acts.get("conv1");                                       // [batch, 55, 55, 96] for AlexNet (NHWC)
 * converted.toNchw(acts.get("conv1"));                     // [batch, 96, 55, 55]
 * }</pre>
 *
 * @param primitiveSpec the spec with composites expanded (fire -> squeeze, expands, concat[, add])
 * @param analysis the analysis of {@code primitiveSpec}
 * @param configuration the DL4J graph configuration
 * @param inputs ids of the input nodes, in the order the graph takes its inputs
 * @param outputs ids of the nodes that no other node consumes, the graph's outputs
 * @param vertices per node id of {@code primitiveSpec}, the names of the DL4J vertices made for it, in order
 *                 (one for most kinds; a convolution with an activation has {@code id/conv} and {@code id},
 *                 a grouped one a subset and a layer per group and a merge; in the inference form a
 *                 convolution is the one vertex {@code id} with its activation)
 */
public record ConvertedGraph(NetworkSpec primitiveSpec, AnalysisReport analysis,
                             ComputationGraphConfiguration configuration, List<String> inputs,
                             List<String> outputs, Map<String, List<String>> vertices) {

    static {
        Dl4jRuntime.configure();   // a graph built from a deserialised configuration also gets the fast path
    }

    public ConvertedGraph {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        vertices = Collections.unmodifiableMap(new LinkedHashMap<>(vertices));
    }

    /**
     * The shape DL4J gives node {@code nodeId}'s activation for {@code batch} samples: {@code [batch, h, w, c]}
     * for a feature map (the graph is NHWC, {@link GraphAssembly#FORMAT}), {@code [batch, n]} for a vector.
     */
    public long[] activationShape(String nodeId, long batch) {
        var result = analysis.result(nodeId).orElseThrow(
                () -> new IllegalArgumentException("no node '" + nodeId + "'"));
        if (GraphAssembly.isVectorSoftmax(result.kind(), result.output(), outputs.contains(nodeId))) {
            return new long[] {batch, result.output().channels()};
        }
        return GraphAssembly.dl4jShape(result.output(), batch);
    }

    /** Whether 4-D activations are channels-last ({@code [n, h, w, c]}); they are in this version. */
    public boolean channelsLast() {
        return GraphAssembly.FORMAT == CNN2DFormat.NHWC;
    }

    /**
     * A batch of feature maps in the graph's layout: {@code nchw} ({@code [n, c, h, w]}, as data sets usually
     * come) permuted to NHWC, in a fresh C-order array; a vector batch unchanged.
     */
    public INDArray toGraphLayout(INDArray nchw) {
        return InputLayout.fromNchw(nchw, GraphAssembly.FORMAT.name());
    }

    /** An activation from the graph as {@code [n, c, h, w]} (a view); a vector unchanged. */
    public INDArray toNchw(INDArray activation) {
        return activation.rank() == 4 && channelsLast() ? activation.permute(0, 3, 1, 2) : activation;
    }

    /** A new, initialised graph with random weights. */
    public ComputationGraph newGraph() {
        ComputationGraph graph = new ComputationGraph(configuration.clone());
        graph.init();
        return graph;
    }

    /**
     * A new graph of this form holding {@code trained}'s weights, where {@code trained} is a graph of
     * {@code source}, a conversion of the same spec in either form: typically the inference form of a trained
     * network. Each node's parameter-carrying layers are paired in order (the training form's {@code id/conv} with
     * the inference form's {@code id}), every parameter copied, batch-norm statistics included.
     *
     * @throws IllegalArgumentException if {@code source} is not a conversion of the same network (a node, a layer
     *                                  or a parameter shape differs)
     */
    public ComputationGraph withWeightsOf(ConvertedGraph source, ComputationGraph trained) {
        if (!primitiveSpec.equals(source.primitiveSpec())) {
            throw new IllegalArgumentException("the trained graph is of another network");
        }
        ComputationGraph graph = newGraph();
        for (Map.Entry<String, List<String>> node : vertices.entrySet()) {
            List<org.deeplearning4j.nn.api.Layer> to = parameterLayers(graph, node.getValue());
            List<org.deeplearning4j.nn.api.Layer> from = parameterLayers(trained,
                    source.vertices().getOrDefault(node.getKey(), List.of()));
            if (to.size() != from.size()) {
                throw new IllegalArgumentException("node '" + node.getKey() + "' has " + from.size()
                        + " layers with parameters in the trained graph, " + to.size() + " here");
            }
            for (int i = 0; i < to.size(); i++) {
                Map<String, INDArray> target = to.get(i).paramTable();
                Map<String, INDArray> values = from.get(i).paramTable();
                if (!target.keySet().equals(values.keySet())) {
                    throw new IllegalArgumentException("node '" + node.getKey() + "': parameters " + values.keySet()
                            + " in the trained graph, " + target.keySet() + " here");
                }
                for (Map.Entry<String, INDArray> p : target.entrySet()) {
                    INDArray value = values.get(p.getKey());
                    if (!java.util.Arrays.equals(value.shape(), p.getValue().shape())) {
                        throw new IllegalArgumentException("node '" + node.getKey() + "': parameter " + p.getKey()
                                + " is " + java.util.Arrays.toString(value.shape()) + " in the trained graph, "
                                + java.util.Arrays.toString(p.getValue().shape()) + " here");
                    }
                    p.getValue().assign(value);
                }
            }
        }
        return graph;
    }

    private static List<org.deeplearning4j.nn.api.Layer> parameterLayers(ComputationGraph graph,
                                                                         List<String> names) {
        return names.stream()
                .map(graph::getVertex)
                .filter(v -> v != null && v.hasLayer() && v.getLayer().numParams() > 0)
                .map(org.deeplearning4j.nn.graph.vertex.GraphVertex::getLayer)
                .toList();
    }
}
