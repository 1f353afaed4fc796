package org.cnnworkbench.engine.kinds;

import java.util.List;
import java.util.stream.Collectors;
import org.cnnworkbench.engine.model.Shape;

/** Concatenation along the channel axis; all inputs need the same height and width. */
public final class ConcatKind extends BaseKind {

    public ConcatKind() {
        super("concat", Category.MERGE,
                "Stacks its inputs along the channel axis (they must share height and width).", Arity.atLeast(1));
    }

    @Override
    public Shape outputShape(Params p, List<Shape> inputs) throws LayerException {
        long channels = 0;
        for (Shape s : inputs) {
            channels = Math.addExact(channels, s.channels());
        }
        Shape first = inputs.get(0);
        if (inputs.stream().allMatch(s -> s instanceof Shape.Vector)) {
            return new Shape.Vector(channels);
        }
        if (first instanceof Shape.FeatureMap fm && inputs.stream().allMatch(s -> s instanceof Shape.FeatureMap m
                && m.height() == fm.height() && m.width() == fm.width())) {
            return new Shape.FeatureMap(channels, fm.height(), fm.width());
        }
        throw new LayerException("concat joins along channels, so every input needs the same height x width, "
                + "but the inputs are " + describe(inputs) + "; pool or pad the larger input to match");
    }

    static String describe(List<Shape> shapes) {
        return shapes.stream().map(Shape::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
