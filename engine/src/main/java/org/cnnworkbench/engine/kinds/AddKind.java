package org.cnnworkbench.engine.kinds;

import java.util.List;
import org.cnnworkbench.engine.model.Shape;

/** Element-wise sum of equally shaped inputs, as in bypass (residual) connections. */
public final class AddKind extends BaseKind {

    public AddKind() {
        super("add", Category.MERGE, "Element-wise sum of inputs of identical shape (bypass connections).",
                Arity.atLeast(2));
    }

    @Override
    public Shape outputShape(Params p, List<Shape> inputs) throws LayerException {
        Shape first = inputs.get(0);
        for (Shape s : inputs) {
            if (!s.equals(first)) {
                throw new LayerException("add sums element by element, so all inputs need the same shape, but they"
                        + " are " + ConcatKind.describe(inputs) + "; a 1x1 conv on the bypass can match channels");
            }
        }
        return first;
    }

    /** One addition per output element for each input beyond the first. */
    @Override
    public long otherOps(Params p, List<Shape> inputs, Shape output) {
        return LayerMath.product(output.elements(), inputs.size() - 1);
    }
}
