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
