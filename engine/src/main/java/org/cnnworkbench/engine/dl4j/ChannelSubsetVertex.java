package org.cnnworkbench.engine.dl4j;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;

/**
 * DL4J's {@link SubsetVertex} (channels {@code from..to}, inclusive) with its output type fixed for
 * convolutional inputs: in 1.0.0-M2.1 it reports {@code from - to + 1} channels, a negative count, which
 * then becomes the next layer's nIn. Used for the groups of a grouped convolution.
 */
public final class ChannelSubsetVertex extends SubsetVertex {

    private static final long serialVersionUID = 1L;

    public ChannelSubsetVertex(@JsonProperty("from") int from, @JsonProperty("to") int to) {
        super(from, to);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length == 1 && vertexInputs[0] instanceof InputType.InputTypeConvolutional conv) {
            if (getTo() >= conv.getChannels()) {
                throw new InvalidInputTypeException("channels " + getFrom() + ".." + getTo()
                        + " do not exist in an input of " + conv.getChannels() + " channels");
            }
            return InputType.convolutional(conv.getHeight(), conv.getWidth(), getTo() - getFrom() + 1L,
                    conv.getFormat());
        }
        return super.getOutputType(layerIndex, vertexInputs);
    }

    @Override
    public ChannelSubsetVertex clone() {
        return new ChannelSubsetVertex(getFrom(), getTo());
    }
}
