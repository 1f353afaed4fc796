package org.cnnworkbench.engine.dl4j;

import org.deeplearning4j.nn.conf.graph.MergeVertex;

/**
 * DL4J's {@link MergeVertex} with its merge axis kept by {@link #clone()}. In 1.0.0-M2.1 {@code getOutputType}
 * sets the axis to 3 for NHWC inputs, but {@code clone()} returns a fresh vertex with the default axis 1, so a
 * graph built from a cloned configuration (every {@code new ComputationGraph(conf.clone())}) concatenated NHWC
 * feature maps along their height.
 */
public final class ChannelMergeVertex extends MergeVertex {

    private static final long serialVersionUID = 1L;

    public ChannelMergeVertex() {
    }

    public ChannelMergeVertex(int mergeAxis) {
        setMergeAxis(mergeAxis);
    }

    @Override
    public ChannelMergeVertex clone() {
        ChannelMergeVertex copy = new ChannelMergeVertex(getMergeAxis());
        copy.setModified(isModified());
        return copy;
    }
}
