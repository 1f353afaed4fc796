package org.cnnworkbench.engine.dl4j;

import org.nd4j.shade.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Crops rows and columns off a feature map, in either layout, into a dense array: the second half of Caffe's
 * ceil pooling (KindMappings). DL4J's {@code Cropping2D} would do, but returns a strided view, on which the
 * next oneDNN convolution crashes the JVM ({@link DenseSliceImpl}).
 */
public final class CropVertex extends GraphVertex {

    private static final long serialVersionUID = 1L;

    private final int top;
    private final int bottom;
    private final int left;
    private final int right;
    private final CNN2DFormat format;

    public CropVertex(@JsonProperty("top") int top, @JsonProperty("bottom") int bottom,
                      @JsonProperty("left") int left, @JsonProperty("right") int right,
                      @JsonProperty("format") CNN2DFormat format) {
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
        this.format = format == null ? CNN2DFormat.NCHW : format;
    }

    public int getTop() {
        return top;
    }

    public int getBottom() {
        return bottom;
    }

    public int getLeft() {
        return left;
    }

    public int getRight() {
        return right;
    }

    public CNN2DFormat getFormat() {
        return format;
    }

    private INDArrayIndex[] crop(long[] shape) {
        INDArrayIndex[] index = new INDArrayIndex[4];
        Arrays.fill(index, NDArrayIndex.all());
        int h = format == CNN2DFormat.NHWC ? 1 : 2;
        index[h] = NDArrayIndex.interval(top, shape[h] - bottom);
        index[h + 1] = NDArrayIndex.interval(left, shape[h + 1] - right);
        return index;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new DenseSliceImpl(graph, name, idx, networkDatatype, this::crop,
                "CropVertex(" + top + "," + bottom + "," + left + "," + right + "," + format + ")");
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 1 || !(vertexInputs[0] instanceof InputType.InputTypeConvolutional conv)) {
            throw new InvalidInputTypeException("CropVertex takes one convolutional input");
        }
        return InputType.convolutional(conv.getHeight() - top - bottom, conv.getWidth() - left - right,
                conv.getChannels(), format);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, CropVertex.class, inputTypes[0], getOutputType(-1, inputTypes))
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
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
    public CropVertex clone() {
        return new CropVertex(top, bottom, left, right, format);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CropVertex c && top == c.top && bottom == c.bottom && left == c.left
                && right == c.right && format == c.format;
    }

    @Override
    public int hashCode() {
        return Objects.hash(top, bottom, left, right, format);
    }
}
