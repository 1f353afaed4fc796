package org.cnnworkbench.engine.dl4j;

import org.nd4j.shade.jackson.annotation.JsonProperty;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Channels {@code from..to} (inclusive) of a feature map, in either layout: the groups of a grouped
 * convolution. DL4J's {@link SubsetVertex} does not serve: in 1.0.0-M2.1 it reports {@code from - to + 1}
 * channels for a convolutional input (a negative count, which then becomes the next layer's nIn), and at run
 * time it always slices axis 1, which in NHWC is the height, and returns a view. This vertex slices the
 * channel axis of its {@code format} (1 for NCHW, 3 for NHWC) into a dense array ({@link DenseSliceImpl}).
 */
public final class ChannelSubsetVertex extends SubsetVertex {

    private static final long serialVersionUID = 2L;

    private final CNN2DFormat format;

    public ChannelSubsetVertex(@JsonProperty("from") int from, @JsonProperty("to") int to,
                               @JsonProperty("format") CNN2DFormat format) {
        super(from, to);
        this.format = format == null ? CNN2DFormat.NCHW : format;
    }

    public CNN2DFormat getFormat() {
        return format;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length == 1 && vertexInputs[0] instanceof InputType.InputTypeConvolutional conv) {
            if (getTo() >= conv.getChannels()) {
                throw new InvalidInputTypeException("channels " + getFrom() + ".." + getTo()
                        + " do not exist in an input of " + conv.getChannels() + " channels");
            }
            return InputType.convolutional(conv.getHeight(), conv.getWidth(), getTo() - getFrom() + 1L, format);
        }
        return super.getOutputType(layerIndex, vertexInputs);
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
                                   boolean initializeParams, DataType networkDatatype) {
        return new DenseSliceImpl(graph, name, idx, networkDatatype, this::channelSlice,
                "ChannelSubsetVertex(" + getFrom() + ".." + getTo() + "," + format + ")");
    }

    private INDArrayIndex[] channelSlice(long[] shape) {
        int rank = shape.length;
        INDArrayIndex[] index = new INDArrayIndex[rank];
        Arrays.fill(index, NDArrayIndex.all());
        index[rank == 4 && format == CNN2DFormat.NHWC ? 3 : 1] = NDArrayIndex.interval(getFrom(), getTo(), true);
        return index;
    }

    @Override
    public ChannelSubsetVertex clone() {
        return new ChannelSubsetVertex(getFrom(), getTo(), format);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelSubsetVertex other && super.equals(o) && format == other.format;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + format.hashCode();
    }
}
