package org.cnnworkbench.engine.kinds;

import java.util.List;
import org.cnnworkbench.engine.model.Shape;

/** Fully connected (inner product) layer; a C x H x W input is flattened implicitly, as in Caffe. */
public final class FcKind extends BaseKind {

    public FcKind() {
        super("fc", Category.DENSE,
                "Fully connected layer: every output unit sees every input element (Caffe InnerProduct).",
                Arity.exactlyOne(),
                ParamSpec.requiredInt("units", 1, "number of output units"),
                ParamSpec.flag("bias", true, "whether each unit has a bias"),
                activationParam());
    }

    @Override
    public Shape outputShape(Params p, List<Shape> inputs) {
        return new Shape.Vector(p.integer("units"));
    }

    @Override
    public ParamCount parameterCount(Params p, List<Shape> inputs, Shape output) {
        long units = p.integer("units");
        return ParamCount.of(LayerMath.product(inputs.get(0).elements(), units), p.flag("bias") ? units : 0);
    }

    @Override
    public long macs(Params p, List<Shape> inputs, Shape output) {
        return LayerMath.product(inputs.get(0).elements(), p.integer("units"));
    }

    @Override
    public long otherOps(Params p, List<Shape> inputs, Shape output) {
        return activationOps(p, output);
    }
}
