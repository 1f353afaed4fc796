package org.cnnworkbench.engine.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * The DL4J graph under construction, plus the one place that decides the activation layout. Every
 * convolution, pooling and cropping layer and every input type takes {@link #FORMAT}; switching to NHWC
 * (faster with oneDNN, see shared/notes/dl4j-cpu-speed.md) is meant to be a change here only, except
 * {@link KindMappings}' channel subsets for grouped convolutions, which assume channels on axis 1.
 */
final class GraphAssembly {

    /** Activation layout of 4-D tensors: batch, channels, height, width. */
    static final CNN2DFormat FORMAT = CNN2DFormat.NCHW;

    private final ComputationGraphConfiguration.GraphBuilder builder;
    private final List<InputType> inputTypes = new ArrayList<>();

    GraphAssembly(ComputationGraphConfiguration.GraphBuilder builder) {
        this.builder = builder;
    }

    void addInput(String id, Shape.FeatureMap shape) {
        builder.addInputs(id);
        inputTypes.add(InputType.convolutional(shape.height(), shape.width(), shape.channels(), FORMAT));
    }

    void addLayer(String id, Layer layer, List<String> inputs) {
        builder.addLayer(id, layer, inputs.toArray(String[]::new));
    }

    void addLayer(String id, Layer layer, String input) {
        builder.addLayer(id, layer, input);
    }

    void addVertex(String id, GraphVertex vertex, List<String> inputs) {
        builder.addVertex(id, vertex, inputs.toArray(String[]::new));
    }

    void finish() {
        builder.setInputTypes(inputTypes.toArray(InputType[]::new));
    }
}
