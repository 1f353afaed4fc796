package org.cnnworkbench.engine.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parameters of a DL4J graph as plain arrays, and the layers that compression works on.
 *
 * <p>Values are flattened in C order of DL4J's own shape for the parameter: convolution weights
 * {@code [out, in, kh, kw]}, dense weights {@code [in, out]}, biases {@code [1, n]}. Reading and writing use the
 * same order whatever order DL4J keeps the view in, so {@code write(g, v, p, read(g, v, p))} changes nothing.
 */
public final class GraphWeights {

    /** The weight parameter of convolution and dense layers. */
    public static final String WEIGHTS = "W";

    /**
     * A layer whose weights can be compressed: a convolution or fully connected node of the primitive spec and
     * the DL4J layer that holds its weights (a grouped convolution has one per group).
     *
     * @param node the node id in the primitive spec (the key of a compression plan)
     * @param kind {@code conv} or {@code fc}
     * @param vertex the DL4J layer vertex holding the weights
     * @param shape DL4J's shape of the weights
     */
    public record WeightLayer(String node, String kind, String vertex, long[] shape) {

        /** The number of weights. */
        public int size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return Math.toIntExact(n);
        }
    }

    private GraphWeights() {
    }

    /** The compressible layers of {@code graph}, in the order of the primitive spec. */
    public static List<WeightLayer> compressible(ComputationGraph graph, ConvertedGraph converted) {
        List<WeightLayer> layers = new ArrayList<>();
        for (var node : converted.primitiveSpec().nodes()) {
            if (!"conv".equals(node.kind()) && !"fc".equals(node.kind())) {
                continue;
            }
            for (String vertex : converted.vertices().getOrDefault(node.id(), List.of())) {
                Layer layer = graph.getLayer(vertex);
                if (layer != null && layer.paramTable().containsKey(WEIGHTS)) {
                    layers.add(new WeightLayer(node.id(), node.kind(), vertex,
                            layer.paramTable().get(WEIGHTS).shape()));
                }
            }
        }
        return layers;
    }

    /** Every parameter of {@code graph}: vertex name to parameter name to array (views into the graph). */
    public static Map<String, Map<String, INDArray>> all(ComputationGraph graph) {
        Map<String, Map<String, INDArray>> params = new java.util.LinkedHashMap<>();
        for (Layer layer : graph.getLayers()) {
            Map<String, INDArray> table = layer.paramTable();
            if (!table.isEmpty()) {
                params.put(layer.getConfig().getLayerName(), table);
            }
        }
        return params;
    }

    /** The values of one parameter in C order of its shape. */
    public static float[] read(ComputationGraph graph, String vertex, String param) {
        return flatten(view(graph, vertex, param));
    }

    /** Replaces the values of one parameter (C order of its shape). */
    public static void write(ComputationGraph graph, String vertex, String param, float[] values) {
        INDArray view = view(graph, vertex, param);
        if (values.length != view.length()) {
            throw new IllegalArgumentException(vertex + "/" + param + " has " + view.length() + " values, not "
                    + values.length);
        }
        view.assign(Nd4j.create(values, view.shape(), 'c').castTo(view.dataType()));
    }

    /** {@code array}'s values in C order of its shape, as floats. */
    static float[] flatten(INDArray array) {
        return array.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    static INDArray view(ComputationGraph graph, String vertex, String param) {
        Layer layer = graph.getLayer(vertex);
        if (layer == null || !layer.paramTable().containsKey(param)) {
            throw new IllegalArgumentException("the model has no parameter " + vertex + "/" + param);
        }
        return layer.paramTable().get(param);
    }
}
