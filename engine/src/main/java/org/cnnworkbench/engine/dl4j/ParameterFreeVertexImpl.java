package org.cnnworkbench.engine.dl4j;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the workbench's run-time vertices without parameters share: no gradients view, masks passed through. */
abstract class ParameterFreeVertexImpl extends BaseGraphVertex {

    private final String description;

    ParameterFreeVertexImpl(ComputationGraph graph, String name, int idx, DataType type, String description) {
        super(graph, name, idx, null, null, type);
        this.description = description;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalArgumentException("vertex " + getVertexName() + " has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        return new Pair<>(maskArrays == null ? null : maskArrays[0], currentMaskState);
    }

    @Override
    public String toString() {
        return description + "(id=" + getVertexIndex() + ",name=\"" + getVertexName() + "\")";
    }
}
