package org.cnnworkbench.engine.kinds;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.cnnworkbench.engine.model.Shape;

/**
 * Kinds whose output has the shape of their single input: relu, lrn, batchnorm, dropout and softmax.
 * Each differs only in its parameters, its operations per element and its stored parameters.
 */
public final class ElementwiseKind extends BaseKind {

    private final ToLongFunction<Params> opsPerElement;
    private final BiFunction<Params, Long, ParamCount> storedParams;
    private final boolean needsFeatureMap;

    private ElementwiseKind(String name, Category category, String description, ToLongFunction<Params> opsPerElement,
                            BiFunction<Params, Long, ParamCount> storedParams, boolean needsFeatureMap,
                            ParamSpec... params) {
        super(name, category, description, Arity.exactlyOne(), params);
        this.opsPerElement = opsPerElement;
        this.storedParams = storedParams;
        this.needsFeatureMap = needsFeatureMap;
    }

    private static ParamCount none(Params p, Long channels) {
        return ParamCount.NONE;
    }

    public static ElementwiseKind relu() {
        return new ElementwiseKind("relu", Category.ACTIVATION, "Rectified linear unit: max(0, x) per element.",
                p -> 1, ElementwiseKind::none, false);
    }

    /** Per element: {@code size} multiply-adds for the sum of squares, then scale, power and divide. */
    public static ElementwiseKind lrn() {
        return new ElementwiseKind("lrn", Category.NORMALIZATION,
                "Local response normalization across neighbouring channels (AlexNet, Caffe LRN).",
                p -> p.integer("size") + 3, ElementwiseKind::none, true,
                new ParamSpec("size", ParamType.INT, 5L, 1, 99, List.of(), "number of neighbouring channels summed"),
                ParamSpec.decimal("alpha", 1e-4, 0, 1e6, "scale of the sum of squares"),
                ParamSpec.decimal("beta", 0.75, 0, 1e6, "exponent"),
                ParamSpec.decimal("k", 1.0, 0, 1e6, "additive constant"));
    }

    /** Stores per channel a scale and a shift (if affine) plus the running mean and variance. */
    public static ElementwiseKind batchnorm() {
        return new ElementwiseKind("batchnorm", Category.NORMALIZATION,
                "Batch normalization per channel with learned scale and shift (affine) and running statistics.",
                p -> 2, (p, channels) -> {
                    long learned = p.flag("affine") ? channels : 0;
                    return new ParamCount(learned, learned, 2 * channels);
                }, false,
                ParamSpec.decimal("epsilon", 1e-5, 0, 1, "added to the variance for numerical stability"),
                ParamSpec.flag("affine", true, "whether a learned scale (gamma) and shift (beta) follow"));
    }

    public static ElementwiseKind dropout() {
        return new ElementwiseKind("dropout", Category.REGULARIZATION,
                "Randomly zeroes a share of elements while training; the identity at inference.",
                p -> 0, ElementwiseKind::none, false,
                ParamSpec.decimal("rate", 0.5, 0, 0.99, "share of elements dropped while training"));
    }

    /** Per element: exponential, sum and division. */
    public static ElementwiseKind softmax() {
        return new ElementwiseKind("softmax", Category.OUTPUT,
                "Normalized exponential over the channels, giving class probabilities.",
                p -> 3, ElementwiseKind::none, false);
    }

    @Override
    public Shape outputShape(Params p, List<Shape> inputs) throws LayerException {
        Shape in = inputs.get(0);
        return needsFeatureMap ? LayerMath.featureMap(name(), in) : in;
    }

    @Override
    public ParamCount parameterCount(Params p, List<Shape> inputs, Shape output) {
        return storedParams.apply(p, output.channels());
    }

    @Override
    public long otherOps(Params p, List<Shape> inputs, Shape output) {
        return LayerMath.product(output.elements(), opsPerElement.applyAsLong(p));
    }
}
