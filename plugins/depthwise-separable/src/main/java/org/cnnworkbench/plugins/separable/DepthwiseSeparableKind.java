package org.cnnworkbench.plugins.separable;

import java.util.List;
import org.cnnworkbench.engine.kinds.Arity;
import org.cnnworkbench.engine.kinds.BaseKind;
import org.cnnworkbench.engine.kinds.Category;
import org.cnnworkbench.engine.kinds.IntPair;
import org.cnnworkbench.engine.kinds.LayerException;
import org.cnnworkbench.engine.kinds.LayerMath;
import org.cnnworkbench.engine.kinds.ParamCount;
import org.cnnworkbench.engine.kinds.ParamSpec;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.Shape;

/**
 * The MobileNet block (Howard et al. 2017, "MobileNets", section 3.1): a depthwise convolution, one
 * {@code kernel} filter per input channel, then a pointwise 1x1 convolution to {@code filters} channels, each
 * followed by optional batch normalisation and the activation.
 *
 * <p>With M input channels, N output channels, a D<sub>K</sub> x D<sub>K</sub> kernel and a D<sub>F</sub> x
 * D<sub>F</sub> output, the paper's costs are
 * <ul>
 *   <li>parameters D<sub>K</sub>&middot;D<sub>K</sub>&middot;M + M&middot;N (plus M + N biases with
 *       {@code bias}, and 4 per channel of each part with {@code batchnorm}: scale, shift, mean, variance),</li>
 *   <li>multiply-adds D<sub>K</sub>&middot;D<sub>K</sub>&middot;M&middot;D<sub>F</sub>&middot;D<sub>F</sub> +
 *       M&middot;N&middot;D<sub>F</sub>&middot;D<sub>F</sub> (equation 5; with a stride, D<sub>F</sub> is the
 *       output size, where the depthwise filters are evaluated).</li>
 * </ul>
 * The width multiplier alpha (section 3.3) thins the output to floor(alpha &middot; N) channels, at least one,
 * as Keras's MobileNet does ({@code int(filters * alpha)}); the input is already thinned by the layer before.
 */
public final class DepthwiseSeparableKind extends BaseKind {

    public static final String NAME = "dwsep";

    public DepthwiseSeparableKind() {
        super(NAME, Category.CONVOLUTION,
                "Depthwise-separable convolution (the MobileNet block): a kernel x kernel filter per input channel, "
                        + "then a 1x1 convolution to filters x alpha channels.",
                Arity.exactlyOne(),
                ParamSpec.requiredInt("filters", 1, "output channels of the pointwise 1x1 convolution at alpha 1"),
                ParamSpec.intPair("kernel", 3L, 1, "depthwise filter height x width"),
                ParamSpec.intPair("stride", 1L, 1, "step of the depthwise filter window"),
                ParamSpec.intPair("pad", 1L, 0, "zero padding of the depthwise convolution on each side"),
                ParamSpec.decimal("alpha", 1.0, 0.01, 1.0, "width multiplier: the block outputs "
                        + "floor(alpha x filters) channels"),
                ParamSpec.flag("batchnorm", true, "batch normalisation after each of the two convolutions"),
                ParamSpec.flag("bias", false, "whether each filter has a bias (MobileNet has none: batch norm shifts)"),
                ParamSpec.choice("activation", "relu", ACTIVATIONS,
                        "function applied after each of the two convolutions"));
    }

    /** The output channels: floor(alpha x filters), at least 1. */
    public static long outputChannels(Params p) {
        return Math.max(1, (long) Math.floor(p.decimal("alpha") * p.integer("filters") + 1e-9));
    }

    @Override
    public Shape outputShape(Params p, List<Shape> inputs) throws LayerException {
        Shape.FeatureMap in = LayerMath.featureMap(NAME, inputs.get(0));
        IntPair k = p.pair("kernel");
        IntPair s = p.pair("stride");
        IntPair pad = p.pair("pad");
        long h = LayerMath.windowOutput("height", in.height(), k.h(), s.h(), pad.h());
        long w = LayerMath.windowOutput("width", in.width(), k.w(), s.w(), pad.w());
        return new Shape.FeatureMap(outputChannels(p), h, w);
    }

    @Override
    public ParamCount parameterCount(Params p, List<Shape> inputs, Shape output) {
        long m = inputs.get(0).channels();
        long n = output.channels();
        IntPair k = p.pair("kernel");
        long weights = Math.addExact(LayerMath.product(k.h(), k.w(), m), LayerMath.product(m, n));
        long biases = p.flag("bias") ? Math.addExact(m, n) : 0;
        if (!p.flag("batchnorm")) {
            return ParamCount.of(weights, biases);
        }
        long channels = Math.addExact(m, n);   // scale and shift learned, mean and variance stored
        return new ParamCount(Math.addExact(weights, channels), Math.addExact(biases, channels),
                Math.multiplyExact(2, channels));
    }

    @Override
    public long macs(Params p, List<Shape> inputs, Shape output) {
        Shape.FeatureMap out = (Shape.FeatureMap) output;
        long m = inputs.get(0).channels();
        long positions = LayerMath.product(out.height(), out.width());
        IntPair k = p.pair("kernel");
        return Math.addExact(LayerMath.product(k.h(), k.w(), m, positions),
                LayerMath.product(m, out.channels(), positions));
    }

    /** Batch norm (2 operations an element) and the activation (1) on both the depthwise and pointwise outputs. */
    @Override
    public long otherOps(Params p, List<Shape> inputs, Shape output) {
        long perElement = (p.flag("batchnorm") ? 2 : 0) + ("none".equals(p.choice("activation")) ? 0 : 1);
        return LayerMath.product(perElement, activations(p, inputs, output));
    }

    /** The depthwise output (M channels at the output size) and the block's output. */
    @Override
    public long activations(Params p, List<Shape> inputs, Shape output) {
        Shape.FeatureMap out = (Shape.FeatureMap) output;
        long depthwise = LayerMath.product(inputs.get(0).channels(), out.height(), out.width());
        return Math.addExact(depthwise, out.elements());
    }

    @Override
    public List<String> warnings(Params p, List<Shape> inputs, Shape output) {
        String warning = LayerMath.uncoveredInput((Shape.FeatureMap) inputs.get(0), p.pair("kernel"),
                p.pair("stride"), p.pair("pad"));
        return warning == null ? List.of() : List.of(warning);
    }
}
