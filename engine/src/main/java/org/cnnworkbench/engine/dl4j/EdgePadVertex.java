package org.cnnworkbench.engine.dl4j;

import java.util.Objects;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Adds {@code bottom} rows and {@code right} columns of a constant to a feature map, in either layout: the
 * first half of Caffe's ceil pooling (KindMappings). With {@code -Float.MAX_VALUE} a max pooling never picks
 * a padded cell, as Caffe's max pooling, which starts from {@code -FLT_MAX}.
 */
public final class EdgePadVertex extends GraphVertex {

    private static final long serialVersionUID = 1L;

    private final int bottom;
    private final int right;
    private final double value;
    private final CNN2DFormat format;

    public EdgePadVertex(@JsonProperty("bottom") int bottom, @JsonProperty("right") int right,
                         @JsonProperty("value") double value, @JsonProperty("format") CNN2DFormat format) {
        this.bottom = bottom;
        this.right = right;
        this.value = value;
        this.format = format == null ? CNN2DFormat.NCHW : format;
    }

    public int getBottom() {
        return bottom;
    }

    public int getRight() {
        return right;
    }

    public double getValue() {
        return value;
    }

    public CNN2DFormat getFormat() {
        return format;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new Impl(graph, name, idx, networkDatatype, this);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 1 || !(vertexInputs[0] instanceof InputType.InputTypeConvolutional conv)) {
            throw new InvalidInputTypeException("EdgePadVertex takes one convolutional input");
        }
        return InputType.convolutional(conv.getHeight() + bottom, conv.getWidth() + right, conv.getChannels(),
                format);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, EdgePadVertex.class, inputTypes[0],
                getOutputType(-1, inputTypes)).standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0)
                .build();
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public EdgePadVertex clone() {
        return new EdgePadVertex(bottom, right, value, format);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EdgePadVertex p && bottom == p.bottom && right == p.right
                && Double.compare(value, p.value) == 0 && format == p.format;
    }

    @Override
    public int hashCode() {
        return Objects.hash(bottom, right, value, format);
    }

    /** Forward: the input copied into a larger array of the constant; backward: the input's part. */
    static final class Impl extends ParameterFreeVertexImpl {

        private final EdgePadVertex conf;

        Impl(ComputationGraph graph, String name, int idx, DataType type, EdgePadVertex conf) {
            super(graph, name, idx, type, "EdgePadVertex");
            this.conf = conf;
        }

        /** The input's region inside the padded array of {@code paddedShape}. */
        private INDArrayIndex[] inputRegion(long[] paddedShape) {
            int h = conf.format == CNN2DFormat.NHWC ? 1 : 2;
            INDArrayIndex[] index = {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()};
            index[h] = NDArrayIndex.interval(0, paddedShape[h] - conf.bottom);
            index[h + 1] = NDArrayIndex.interval(0, paddedShape[h + 1] - conf.right);
            return index;
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
            INDArray input = inputs[0];
            long[] shape = input.shape().clone();
            int h = conf.format == CNN2DFormat.NHWC ? 1 : 2;
            shape[h] += conf.bottom;
            shape[h + 1] += conf.right;
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), shape, 'c');
            out.assign(conf.value);
            out.put(inputRegion(shape), input);
            return out;
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
            INDArray part = epsilon.get(inputRegion(epsilon.shape()));
            return new Pair<>(null, new INDArray[] {workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, part, 'c')});
        }
    }
}
