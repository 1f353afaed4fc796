package org.cnnworkbench.engine.dl4j;

import java.util.function.Function;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;

/**
 * The run-time vertex of {@link ChannelSubsetVertex}: a slice of its input, copied into
 * a dense array, and backward the gradient scattered into zeros of the input's shape. Dense matters: DL4J's
 * oneDNN convolution helper crashes the JVM (SIGSEGV) on a strided view, which is what DL4J's own
 * {@code Cropping2D} and {@code SubsetVertex} return in a forward pass outside workspaces ({@code feedForward}).
 */
final class DenseSliceImpl extends ParameterFreeVertexImpl {

    private final Function<long[], INDArrayIndex[]> slice;
    private long[] forwardShape;

    /** {@code slice} gives the indices of the slice for an input of the given shape. */
    DenseSliceImpl(ComputationGraph graph, String name, int idx, DataType type,
                   Function<long[], INDArrayIndex[]> slice, String description) {
        super(graph, name, idx, type, description);
        this.slice = slice;
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("cannot do forward pass of " + getVertexName() + ": input not set");
        }
        INDArray input = inputs[0];
        forwardShape = input.shape().clone();
        INDArray part = input.get(slice.apply(forwardShape));
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, part.dataType(), part.shape(), 'c');
        return out.assign(part);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("cannot do backward pass of " + getVertexName() + ": error not set");
        }
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), forwardShape, 'c');
        out.put(slice.apply(forwardShape), epsilon);
        return new Pair<>(null, new INDArray[] {out});
    }
}
