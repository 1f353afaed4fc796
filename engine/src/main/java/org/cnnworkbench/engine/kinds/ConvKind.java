package org.cnnworkbench.engine.kinds;

import java.util.List;
import org.cnnworkbench.engine.model.Shape;

/** 2-D convolution with optional groups (as in AlexNet's two-GPU layers), bias and fused activation. */
public final class ConvKind extends BaseKind {

    public ConvKind() {
        super("conv", Category.CONVOLUTION,
                "2-D convolution: filters of kernel height x width over all input channels of their group.",
                Arity.exactlyOne(),
                ParamSpec.requiredInt("filters", 1, "number of filters = output channels"),
                ParamSpec.intPair("kernel", null, 1, "filter height x width"),
                ParamSpec.intPair("stride", 1L, 1, "step of the filter window"),
                ParamSpec.intPair("pad", 0L, 0, "zero padding added on each side"),
                ParamSpec.optionalInt("groups", 1, 1, "channel groups; each filter sees channels / groups inputs"),
                ParamSpec.flag("bias", true, "whether each filter has a bias"),
                activationParam());
    }

    @Override
    public Shape outputShape(Params p, List<Shape> inputs) throws LayerException {
        Shape.FeatureMap in = LayerMath.featureMap("conv", inputs.get(0));
        long groups = p.integer("groups");
        long filters = p.integer("filters");
        if (in.channels() % groups != 0) {
            throw new LayerException("input channels " + in.channels() + " are not divisible by groups " + groups
                    + "; each group must see the same number of channels");
        }
        if (filters % groups != 0) {
            throw new LayerException("filters " + filters + " are not divisible by groups " + groups
                    + "; each group must have the same number of filters");
        }
        IntPair k = p.pair("kernel");
        IntPair s = p.pair("stride");
        IntPair pad = p.pair("pad");
        long h = LayerMath.windowOutput("height", in.height(), k.h(), s.h(), pad.h());
        long w = LayerMath.windowOutput("width", in.width(), k.w(), s.w(), pad.w());
        return new Shape.FeatureMap(filters, h, w);
    }

    @Override
    public ParamCount parameterCount(Params p, List<Shape> inputs, Shape output) {
        long filters = p.integer("filters");
        IntPair k = p.pair("kernel");
        long weights = LayerMath.product(filters, inputs.get(0).channels() / p.integer("groups"), k.h(), k.w());
        return ParamCount.of(weights, p.flag("bias") ? filters : 0);
    }

    @Override
    public long macs(Params p, List<Shape> inputs, Shape output) {
        IntPair k = p.pair("kernel");
        return LayerMath.product(output.elements(), inputs.get(0).channels() / p.integer("groups"), k.h(), k.w());
    }

    @Override
    public long otherOps(Params p, List<Shape> inputs, Shape output) {
        return activationOps(p, output);
    }

    @Override
    public List<String> warnings(Params p, List<Shape> inputs, Shape output) {
        String warning = LayerMath.uncoveredInput((Shape.FeatureMap) inputs.get(0), p.pair("kernel"),
                p.pair("stride"), p.pair("pad"));
        return warning == null ? List.of() : List.of(warning);
    }
}
