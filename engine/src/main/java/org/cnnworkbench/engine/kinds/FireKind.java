package org.cnnworkbench.engine.kinds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;

/**
 * The Fire module of SqueezeNet (Iandola et al. 2016): a squeeze layer of {@code s1x1} 1x1 filters feeding an
 * expand layer of {@code e1x1} 1x1 and {@code e3x3} 3x3 filters (padding 1), each followed by ReLU, the two
 * expand outputs concatenated along channels. With {@code bypass} the module's input is added to its output
 * (the paper's "simple bypass"), which needs as many input channels as output channels.
 *
 * <p>The formulas here are written out in closed form; tests check them against {@link #expand}.
 */
public final class FireKind extends BaseKind {

    public FireKind() {
        super("fire", Category.MODULE,
                "SqueezeNet Fire module: squeeze 1x1 -> expand 1x1 and 3x3, concatenated; optional bypass.",
                Arity.exactlyOne(),
                ParamSpec.requiredInt("s1x1", 1, "filters of the 1x1 squeeze layer"),
                ParamSpec.requiredInt("e1x1", 0, "1x1 filters of the expand layer"),
                ParamSpec.requiredInt("e3x3", 0, "3x3 filters of the expand layer"),
                ParamSpec.flag("bypass", false, "add the module's input to its output (simple bypass)"));
    }

    @Override
    public boolean isComposite() {
        return true;
    }

    @Override
    public Shape outputShape(Params p, List<Shape> inputs) throws LayerException {
        Shape.FeatureMap in = LayerMath.featureMap("fire", inputs.get(0));
        long expand = Math.addExact(p.integer("e1x1"), p.integer("e3x3"));
        if (expand < 1) {
            throw new LayerException("the expand layer has no filters: e1x1 + e3x3 must be at least 1");
        }
        if (p.flag("bypass") && in.channels() != expand) {
            throw new LayerException("a fire module with bypass needs as many input channels as output channels, "
                    + "but its input has " + in.channels() + " and e1x1 + e3x3 = " + p.integer("e1x1") + " + "
                    + p.integer("e3x3") + " = " + expand + "; turn bypass off or change e1x1/e3x3");
        }
        return new Shape.FeatureMap(expand, in.height(), in.width());
    }

    @Override
    public ParamCount parameterCount(Params p, List<Shape> inputs, Shape output) {
        long s = p.integer("s1x1");
        long e1 = p.integer("e1x1");
        long e3 = p.integer("e3x3");
        long weights = Math.addExact(LayerMath.product(s, inputs.get(0).channels()),
                LayerMath.product(s, Math.addExact(e1, 9 * e3)));
        return ParamCount.of(weights, s + e1 + e3);
    }

    @Override
    public long macs(Params p, List<Shape> inputs, Shape output) {
        long s = p.integer("s1x1");
        long perPixel = Math.addExact(LayerMath.product(s, inputs.get(0).channels()),
                LayerMath.product(s, Math.addExact(p.integer("e1x1"), 9 * p.integer("e3x3"))));
        return LayerMath.product(area(output), perPixel);
    }

    /** ReLU on the squeeze and both expand outputs, plus the bypass addition. */
    @Override
    public long otherOps(Params p, List<Shape> inputs, Shape output) {
        long relu = LayerMath.product(area(output), p.integer("s1x1") + output.channels());
        return p.flag("bypass") ? Math.addExact(relu, output.elements()) : relu;
    }

    /** Squeeze output, both expand outputs, the concatenation, and the sum if bypassed. */
    @Override
    public long activations(Params p, List<Shape> inputs, Shape output) {
        long tensors = LayerMath.product(area(output), p.integer("s1x1") + output.channels());
        long merged = p.flag("bypass") ? 2 * output.elements() : output.elements();
        return Math.addExact(tensors, merged);
    }

    private static long area(Shape output) {
        return ((Shape.FeatureMap) output).area();
    }

    @Override
    public List<Node> expand(Node node, Params p) {
        String id = node.id();
        String input = node.inputs().get(0);
        String squeeze = id + "/squeeze1x1";
        List<Node> nodes = new ArrayList<>();
        nodes.add(Node.of(squeeze, "conv", List.of(input),
                Map.of("filters", p.integer("s1x1"), "kernel", 1L, "activation", "relu")));
        List<String> expanded = new ArrayList<>();
        if (p.integer("e1x1") > 0) {
            expanded.add(id + "/expand1x1");
            nodes.add(Node.of(id + "/expand1x1", "conv", List.of(squeeze),
                    Map.of("filters", p.integer("e1x1"), "kernel", 1L, "activation", "relu")));
        }
        if (p.integer("e3x3") > 0) {
            expanded.add(id + "/expand3x3");
            nodes.add(Node.of(id + "/expand3x3", "conv", List.of(squeeze),
                    Map.of("filters", p.integer("e3x3"), "kernel", 3L, "pad", 1L, "activation", "relu")));
        }
        if (p.flag("bypass")) {
            nodes.add(Node.of(id + "/concat", "concat", expanded));
            nodes.add(Node.of(id, "add", List.of(id + "/concat", input)));
        } else {
            nodes.add(Node.of(id, "concat", expanded));
        }
        return nodes;
    }
}
