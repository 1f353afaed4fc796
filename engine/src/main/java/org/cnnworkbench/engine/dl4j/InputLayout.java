package org.cnnworkbench.engine.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one place where channel-major samples meet the converter's layout ({@code GraphAssembly.FORMAT}, NCHW or
 * NHWC): batches are built as NCHW and permuted here when the graph wants NHWC. The layout a model was trained
 * with is saved in its run directory, so a model keeps working if the converter's default changes.
 */
final class InputLayout {

    private InputLayout() {
    }

    /** The converter's current layout name, {@code NCHW} or {@code NHWC}. */
    static String current() {
        return GraphAssembly.FORMAT.name();
    }

    /** An NCHW array (features, or 4-D labels) in {@code layout}. */
    static INDArray fromNchw(INDArray nchw, String layout) {
        if (nchw.rank() != 4 || CNN2DFormat.NCHW.name().equals(layout)) {
            return nchw;
        }
        return nchw.permute(0, 2, 3, 1).dup('c');
    }

    /** A network output as {@code [n, classes]} (a C x 1 x 1 output in either layout, or a vector). */
    static INDArray toMatrix(INDArray output) {
        return output.rank() == 2 ? output : output.reshape(output.size(0), output.length() / output.size(0));
    }
}
