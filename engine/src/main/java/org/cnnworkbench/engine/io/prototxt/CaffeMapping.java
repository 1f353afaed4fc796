package org.cnnworkbench.engine.io.prototxt;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.plugin.ExportException;

/**
 * How one kind maps to and from Caffe layers: a kind's bridge to the prototxt format, attached like its DL4J
 * mapping ({@code LayerKind.withBridge(CaffeMapping.class, ...)}), so that a kind and its Caffe mapping live in
 * one place and a plugin's kind is imported and exported exactly like a built-in one.
 *
 * <p><b>Export</b> is kind-driven: {@link PrototxtExporter} calls {@link #exportNode} for every (primitive) node
 * of the kind, in topological order; composites are expanded first and need no mapping. A node's output blob is
 * named with its id and its inputs' blobs with their ids, so the layer it writes has {@code bottom}s
 * {@code node.inputs()} and {@code top} {@code node.id()}; helper layers that write over that blob in place
 * (an activation after a convolution) take names from {@link ExportContext#layerName}.
 *
 * <p><b>Import</b> is type-driven: for each layer, {@link PrototxtImporter} asks the mappings that list the
 * layer's type in {@link #caffeTypes()} in turn, plugins' mappings before the built-in ones, until one accepts.
 * A mapping accepts by returning the nodes it made (the last one produces the layer's first {@code top}), or an
 * empty list to fold the layer into the node of its first bottom (an in-place activation fused into the
 * convolution before it); it declines with {@link Optional#empty()}, or with
 * {@link ImportContext#decline(String)} to say why the layer cannot be represented. A mapping that declines must
 * not have changed the context. A layer that no mapping accepts is skipped and reported.
 *
 * <pre>{@code
 * // a plugin's depthwise kind claims the convolutions whose group equals their input channels
 * CaffeMapping depthwise = new CaffeMapping() {
 *     public Set<String> caffeTypes() { return Set.of("Convolution"); }
 *     public Optional<List<Node>> importLayer(CaffeLayer layer, ImportContext context) throws SpecFormatException {
 *         ProtoMessage p = layer.param("convolution_param");
 *         long group = p.integer("group", 1);
 *         if (group == 1 || group != p.integer("num_output", 0)) {
 *             return Optional.empty();          // an ordinary convolution: the built-in conv takes it
 *         }
 *         return Optional.of(List.of(Node.of(context.newId(layer), "depthwise", context.inputs(layer),
 *                 Map.of("kernel", p.integers("kernel_size").get(0)))));
 *     }
 *     public List<CaffeLayer> exportNode(Node node, Params params, ExportContext context) {
 *         return List.of(CaffeLayer.of(node.id(), "Convolution", node.inputs(), List.of(node.id()))
 *                 .with("convolution_param", ProtoMessage.builder().add("num_output", ...).build()));
 *     }
 * };
 * LayerKind.of(new DepthwiseKind()).withBridge(CaffeMapping.class, depthwise);
 * }</pre>
 */
public interface CaffeMapping {

    /** The Caffe layer types (current spelling, e.g. {@code Convolution}) this mapping may import; none by default. */
    default Set<String> caffeTypes() {
        return Set.of();
    }

    /**
     * The nodes for {@code layer}, an empty list to fold it into the node of its first bottom, or empty to
     * decline it (then the next mapping for its type is asked).
     *
     * @throws SpecFormatException if a parameter of the layer has the wrong type (the exception of the
     *                             {@link ProtoMessage} getters, with its line and column)
     */
    default Optional<List<Node>> importLayer(CaffeLayer layer, ImportContext context) throws SpecFormatException {
        return Optional.empty();
    }

    /**
     * The Caffe layers of one node, in order.
     *
     * @param node the node (a primitive)
     * @param params its parameters resolved against its kind (defaults filled in)
     * @param context names for helper layers
     * @throws ExportException if Caffe cannot express the node; the message says which node and why
     */
    List<CaffeLayer> exportNode(Node node, Params params, ExportContext context) throws ExportException;

    /**
     * Lines written as {@code #} comments just before the node's layers, for what the layers cannot say (a
     * convdet head written as a plain convolution names its classes and anchors here); none by default. A line
     * must not contain a line break.
     */
    default List<String> comments(Node node, Params params) {
        return List.of();
    }
}
