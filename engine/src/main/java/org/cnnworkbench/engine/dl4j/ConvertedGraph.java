package org.cnnworkbench.engine.dl4j;

import java.util.List;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The result of {@link Dl4jConverter#convert}: the DL4J configuration together with the primitive spec it
 * was built from and that spec's analysis. Every node id of {@code primitiveSpec} is the name of a DL4J
 * vertex (graph input, layer or vertex) whose activation is that node's output, so activations can be
 * matched to the analysis by id:
 *
 * <pre>{@code
 * ConvertedGraph converted = Dl4jConverter.convert(spec);
 * ComputationGraph graph = converted.newGraph();           // random weights
 * Map<String, INDArray> acts = graph.feedForward(input, false);
 * acts.get("conv1");                                       // [batch, 96, 55, 55] for AlexNet
 * }</pre>
 *
 * @param primitiveSpec the spec with composites expanded (fire -> squeeze, expands, concat[, add])
 * @param analysis the analysis of {@code primitiveSpec}
 * @param configuration the DL4J graph configuration
 * @param inputs ids of the input nodes, in the order the graph takes its inputs
 * @param outputs ids of the nodes that no other node consumes, the graph's outputs
 */
public record ConvertedGraph(NetworkSpec primitiveSpec, AnalysisReport analysis,
                             ComputationGraphConfiguration configuration, List<String> inputs,
                             List<String> outputs) {

    public ConvertedGraph {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** A new, initialised graph with random weights. */
    public ComputationGraph newGraph() {
        ComputationGraph graph = new ComputationGraph(configuration.clone());
        graph.init();
        return graph;
    }
}
