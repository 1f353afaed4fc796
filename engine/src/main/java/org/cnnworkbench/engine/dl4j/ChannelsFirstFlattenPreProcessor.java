package org.cnnworkbench.engine.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Flattens a feature map in Caffe's channel, height, width order in either layout. DL4J's
 * {@link CnnToFeedForwardPreProcessor} flattens an NHWC map in height, width, channel order, so the weights of
 * a fully connected layer after it would mean something else than in an NCHW graph (or in Caffe); this one
 * permutes NHWC to NCHW first, so the same parameters work in both layouts.
 */
public final class ChannelsFirstFlattenPreProcessor extends CnnToFeedForwardPreProcessor {

    private static final long serialVersionUID = 1L;

    @JsonCreator
    public ChannelsFirstFlattenPreProcessor(@JsonProperty("inputHeight") long inputHeight,
                                            @JsonProperty("inputWidth") long inputWidth,
                                            @JsonProperty("numChannels") long numChannels,
                                            @JsonProperty("format") CNN2DFormat format) {
        super(inputHeight, inputWidth, numChannels, format == null ? CNN2DFormat.NCHW : format);
    }

    private CnnToFeedForwardPreProcessor channelsFirst() {
        return new CnnToFeedForwardPreProcessor(getInputHeight(), getInputWidth(), getNumChannels(),
                CNN2DFormat.NCHW);
    }

    private boolean permutes(INDArray array) {
        return array.rank() == 4 && getFormat() == CNN2DFormat.NHWC;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return permutes(input) ? channelsFirst().preProcess(input.permute(0, 3, 1, 2), miniBatchSize, workspaceMgr)
                : super.preProcess(input, miniBatchSize, workspaceMgr);
    }

    @Override
    public INDArray backprop(INDArray epsilons, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (getFormat() != CNN2DFormat.NHWC) {
            return super.backprop(epsilons, miniBatchSize, workspaceMgr);
        }
        INDArray nchw = channelsFirst().backprop(epsilons, miniBatchSize, workspaceMgr);
        return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, nchw.permute(0, 2, 3, 1), 'c');
    }

    @Override
    public ChannelsFirstFlattenPreProcessor clone() {
        return new ChannelsFirstFlattenPreProcessor(getInputHeight(), getInputWidth(), getNumChannels(), getFormat());
    }
}
