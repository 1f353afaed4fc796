package org.cnnworkbench.engine.dl4j;

import java.util.List;
import java.util.function.Supplier;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;

/**
 * How one kind becomes DL4J layers and vertices: a kind's bridge to DL4J
 * ({@code LayerKind.withBridge(Dl4jMapping.class, ...)}). The converter calls it once per node of the kind, in
 * topological order, after the analysis has resolved the node's parameters and shapes.
 *
 * <p>The vertex that produces the node's output must be named with the node id; helper vertices get names from
 * {@link Dl4jGraph#internalName} (by convention {@code id/part}). Activations are laid out in
 * {@link Dl4jGraph#format()}; keep convolutions linear and add a non-linearity as its own activation layer
 * (docs/dl4j.md: DL4J M2.1's oneDNN convolution computes wrong gradients in NHWC with a fused activation).
 *
 * <pre>{@code
 * Dl4jMapping scale = (graph, node, params, inputs, output, terminal) ->
 *         graph.addLayer(node.id(), new ActivationLayer.Builder().activation(Activation.IDENTITY).build(),
 *                 node.inputs());
 * }</pre>
 */
@FunctionalInterface
public interface Dl4jMapping {

    /**
     * Adds the DL4J vertices of {@code node}.
     *
     * @param graph the graph under construction
     * @param node the node (a primitive: composites are expanded first)
     * @param params its parameters, resolved against the kind's descriptor (defaults filled in)
     * @param inputs the output shapes of its inputs, in order
     * @param output its own output shape
     * @param terminal whether no node consumes its output (it is then one of the network's outputs)
     * @throws Dl4jConversionException if DL4J cannot express this node; the message says why
     */
    void add(Dl4jGraph graph, Node node, Params params, List<Shape> inputs, Shape output, boolean terminal)
            throws Dl4jConversionException;

    /**
     * The mapping {@code mapping} gives, looked up when a node is first converted. A kind's registration then
     * loads no DL4J class: the commands that only analyse a network start without DL4J on their class path
     * (README, "Start-up"), and the JVM would load every DL4J type a mapping's class mentions when it links it.
     *
     * <pre>{@code
     * kind.withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> SeparableDl4j::add))
     * }</pre>
     */
    static Dl4jMapping lazily(Supplier<Dl4jMapping> mapping) {
        return (graph, node, params, inputs, output, terminal) ->
                mapping.get().add(graph, node, params, inputs, output, terminal);
    }
}
