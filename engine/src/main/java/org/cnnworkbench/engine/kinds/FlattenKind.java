package org.cnnworkbench.engine.kinds;

import java.util.List;
import org.cnnworkbench.engine.model.Shape;

/** Turns a C x H x W volume into a vector of C*H*W features. */
public final class FlattenKind extends BaseKind {

    public FlattenKind() {
        super("flatten", Category.RESHAPE, "Reshapes C x H x W into a flat vector of C*H*W features.",
                Arity.exactlyOne());
    }

    @Override
    public Shape outputShape(Params p, List<Shape> inputs) {
        return new Shape.Vector(inputs.get(0).elements());
    }
}
