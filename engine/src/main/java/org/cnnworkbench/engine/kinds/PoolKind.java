package org.cnnworkbench.engine.kinds;

import java.util.List;
import org.cnnworkbench.engine.model.Shape;

/** Max or average pooling over a window, with Caffe's ceil rounding or the usual floor rounding. */
public final class PoolKind extends BaseKind {

    private final String operation;

    private PoolKind(String name, String operation) {
        super(name, Category.POOLING,
                operation.substring(0, 1).toUpperCase() + operation.substring(1)
                        + " pooling over a window of each channel; rounding 'ceil' reproduces Caffe.",
                Arity.exactlyOne(),
                ParamSpec.intPair("kernel", null, 1, "window height x width"),
                ParamSpec.intPair("stride", 1L, 1, "step of the window"),
                ParamSpec.intPair("pad", 0L, 0, "padding added on each side"),
                ParamSpec.choice("rounding", "floor", List.of("floor", "ceil"),
                        "how a partial last window is treated: floor drops it, ceil (Caffe) keeps it"));
        this.operation = operation;
    }

    public static PoolKind max() {
        return new PoolKind("maxpool", "maximum");
    }

    public static PoolKind average() {
        return new PoolKind("avgpool", "average");
    }

    @Override
    public Shape outputShape(Params p, List<Shape> inputs) throws LayerException {
        Shape.FeatureMap in = LayerMath.featureMap(name(), inputs.get(0));
        IntPair k = p.pair("kernel");
        IntPair s = p.pair("stride");
        IntPair pad = p.pair("pad");
        if (pad.h() >= k.h() || pad.w() >= k.w()) {
            throw new LayerException("pad " + pad + " must be smaller than kernel " + k
                    + ", otherwise some windows would cover only padding");
        }
        boolean ceil = "ceil".equals(p.choice("rounding"));
        boolean padded = pad.h() > 0 || pad.w() > 0;
        long h = LayerMath.windowOutput("height", in.height(), k.h(), s.h(), pad.h(), ceil, padded);
        long w = LayerMath.windowOutput("width", in.width(), k.w(), s.w(), pad.w(), ceil, padded);
        return new Shape.FeatureMap(in.channels(), h, w);
    }

    /** One comparison (max) or addition (average) per window element and output. */
    @Override
    public long otherOps(Params p, List<Shape> inputs, Shape output) {
        IntPair k = p.pair("kernel");
        return LayerMath.product(output.elements(), k.h(), k.w());
    }

    @Override
    public List<String> warnings(Params p, List<Shape> inputs, Shape output) {
        String warning = "ceil".equals(p.choice("rounding"))
                ? LayerMath.emptyWindows((Shape.FeatureMap) inputs.get(0), (Shape.FeatureMap) output,
                        p.pair("kernel"), p.pair("stride"), p.pair("pad"))
                : LayerMath.uncoveredInput((Shape.FeatureMap) inputs.get(0), p.pair("kernel"),
                p.pair("stride"), p.pair("pad"));
        return warning == null ? List.of() : List.of(warning);
    }
}
