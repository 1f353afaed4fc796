package org.cnnworkbench.engine.dl4j;

import java.util.List;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * The DL4J computation graph under construction, as a {@link Dl4jMapping} sees it: add layers and vertices by
 * name, in the one activation layout the converter uses.
 */
public interface Dl4jGraph {

    /** The layout of every 4-D activation (NHWC: batch, height, width, channels); give it to every CNN layer. */
    CNN2DFormat format();

    /**
     * Whether this graph is for inference only ({@link Dl4jConverter#convertForInference}): then a convolution may
     * carry its activation, which saves a pass over its output. A graph that is trained must keep each
     * convolution linear with its activation as a layer of its own, because DL4J 1.0.0-M2.1's oneDNN helper
     * computes wrong gradients for the fused form in NHWC (docs/decisions/0005); its forward pass is correct.
     * Either way the vertex named with the node id gives the node's output and the parameter-carrying layers of
     * a node come in the same order with the same shapes, so weights trained in one form load into the other.
     */
    default boolean fusesActivations() {
        return false;
    }

    /**
     * A name for a vertex of a node's own making (such as {@code conv1/pad}): {@code wanted}, or, when a node or
     * another vertex already has that name, the first free {@code wanted~2}, {@code wanted~3}, ...
     */
    String internalName(String wanted);

    /**
     * The shape of the network's first input added so far, e.g. for a head whose parameters are in input pixels
     * (convdet's anchors); empty before any input.
     */
    java.util.Optional<Shape.FeatureMap> imageInput();

    /** Adds a network input of this shape. */
    void addInput(String id, Shape.FeatureMap shape);

    void addLayer(String id, Layer layer, List<String> inputs);

    void addLayer(String id, Layer layer, String input);

    /** Adds a layer whose single input first goes through {@code preProcessor}. */
    void addLayer(String id, Layer layer, InputPreProcessor preProcessor, String input);

    void addVertex(String id, GraphVertex vertex, List<String> inputs);

    /** A vertex concatenating its inputs along the channel axis of {@code out}'s layout. */
    GraphVertex channelMerge(Shape out);

    /** A pre-processor flattening a feature map to a vector in Caffe's channel, height, width order. */
    InputPreProcessor flattening(Shape.FeatureMap input);
}
