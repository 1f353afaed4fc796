package org.cnnworkbench.engine.kinds;

import java.util.List;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;

/**
 * Everything the workbench knows about one kind of node: its parameters (with types, ranges, defaults),
 * which inputs it takes, and the pure functions that give its output shape, parameter count, MACs and other
 * operations. Kinds are looked up by name in a {@link KindRegistry}; adding a kind never edits the analysis.
 *
 * <p>The analysis calls, in order, {@link #outputShape}, then {@link #parameterCount}, {@link #macs},
 * {@link #otherOps}, {@link #activations} and {@link #warnings} with the same resolved parameters and the
 * input shapes in the node's input order. Counts may throw {@link ArithmeticException} on overflow; the
 * analysis turns that into a diagnostic.
 *
 * <pre>{@code
 * KindDescriptor conv = KindRegistry.standard().find("conv").orElseThrow();
 * Params p = Params.resolve(conv.parameters(), Map.of("filters", 96L, "kernel", 11L, "stride", 4L)).params();
 * Shape out = conv.outputShape(p, List.of(new Shape.FeatureMap(3, 227, 227)));   // 96x55x55
 * }</pre>
 */
public interface KindDescriptor {

    /** The name used in spec files, e.g. {@code conv}. */
    String name();

    Category category();

    /** One sentence for the palette and documentation. */
    String description();

    List<ParamSpec> parameters();

    Arity arity();

    /** The output shape, or a {@link LayerException} explaining why none exists. */
    Shape outputShape(Params params, List<Shape> inputs) throws LayerException;

    /** Stored parameters (weights, biases, statistics). */
    default ParamCount parameterCount(Params params, List<Shape> inputs, Shape output) {
        return ParamCount.NONE;
    }

    /** Multiply-accumulate operations of one forward pass of one sample (see docs/metrics.md). */
    default long macs(Params params, List<Shape> inputs, Shape output) {
        return 0;
    }

    /** Operations that are not multiply-accumulates: comparisons, additions, activations (docs/metrics.md). */
    default long otherOps(Params params, List<Shape> inputs, Shape output) {
        return 0;
    }

    /** Elements of all tensors the node produces; for a primitive, its output. */
    default long activations(Params params, List<Shape> inputs, Shape output) {
        return output.elements();
    }

    /** Non-fatal remarks, e.g. input rows a strided window never reaches. */
    default List<String> warnings(Params params, List<Shape> inputs, Shape output) {
        return List.of();
    }

    /** Whether the kind is a composite that {@link #expand}s into primitive nodes. */
    default boolean isComposite() {
        return false;
    }

    /**
     * The primitive nodes this composite stands for, in topological order. The last node carries the
     * composite's id, so downstream references stay valid; the others are named {@code id/part}.
     * Analysing the expansion gives the same totals as analysing the composite.
     */
    default List<Node> expand(Node node, Params params) {
        throw new UnsupportedOperationException(name() + " is not a composite");
    }
}
