package org.cnnworkbench.engine.kinds;

import java.util.List;
import org.cnnworkbench.engine.model.Shape;

/** The network's input data: one image of channels x height x width. */
public final class InputKind extends BaseKind {

    public InputKind() {
        super("input", Category.INPUT, "Input data of channels x height x width (e.g. 3 x 227 x 227 RGB).",
                Arity.none(),
                ParamSpec.requiredInt("channels", 1, "channels of the input data, e.g. 3 for RGB"),
                ParamSpec.requiredInt("height", 1, "height in pixels"),
                ParamSpec.requiredInt("width", 1, "width in pixels"));
    }

    @Override
    public Shape outputShape(Params p, List<Shape> inputs) {
        return new Shape.FeatureMap(p.integer("channels"), p.integer("height"), p.integer("width"));
    }
}
