package org.cnnworkbench.engine.kinds;

import java.util.List;
import org.cnnworkbench.engine.model.Shape;

/** Averages each channel over its whole height x width, giving C x 1 x 1. */
public final class GlobalAvgPoolKind extends BaseKind {

    public GlobalAvgPoolKind() {
        super("globalavgpool", Category.POOLING, "Average of each whole channel: C x H x W becomes C x 1 x 1.",
                Arity.exactlyOne());
    }

    @Override
    public Shape outputShape(Params p, List<Shape> inputs) throws LayerException {
        return new Shape.FeatureMap(LayerMath.featureMap(name(), inputs.get(0)).channels(), 1, 1);
    }

    /** One addition per input element. */
    @Override
    public long otherOps(Params p, List<Shape> inputs, Shape output) {
        return inputs.get(0).elements();
    }
}
