package org.cnnworkbench.engine.dl4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cnnworkbench.engine.analysis.SpecExpander;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * The DL4J graph under construction, plus the one place that decides the activation layout. Every
 * convolution, pooling and cropping layer and every input type takes {@link #FORMAT}, and so do batch
 * normalisation, LRN, the channel subsets of grouped convolutions, the channel merges ({@link #channelMerge})
 * and the softmax over channels; global pooling takes it from its input type.
 */
final class GraphAssembly implements Dl4jGraph {

    /**
     * Activation layout of 4-D tensors: batch, height, width, channels. DL4J's oneDNN helpers (the fast CPU
     * path, {@link Dl4jRuntime}) work in NHWC; in NCHW convolutions fall back to im2col + GEMM. Parameters are
     * laid out the same in both layouts ({@code [out, in, kh, kw]}).
     */
    static final CNN2DFormat FORMAT = CNN2DFormat.NHWC;

    private final ComputationGraphConfiguration.GraphBuilder builder;
    private final List<InputType> inputTypes = new ArrayList<>();
    /** Every vertex name given out so far, and the ids of all nodes (which name their own vertices). */
    private final Set<String> names;
    /** The vertices added so far, in order (the converter attributes them to the node being mapped). */
    private final List<String> added = new ArrayList<>();
    private final boolean fusesActivations;
    private Shape.FeatureMap firstInput;

    /** The DL4J shape of one activation of {@code shape} for {@code batch} samples in {@link #FORMAT}. */
    static long[] dl4jShape(Shape shape, long batch) {
        if (shape instanceof Shape.FeatureMap fm) {
            return FORMAT == CNN2DFormat.NHWC ? new long[] {batch, fm.height(), fm.width(), fm.channels()}
                    : new long[] {batch, fm.channels(), fm.height(), fm.width()};
        }
        return new long[] {batch, shape.channels()};
    }

    /**
     * Whether a node is the network's class-probability output over a C x 1 x 1 map (as after global
     * pooling): DL4J then holds it as a {@code [n, C]} matrix behind a plain softmax loss layer, because M2.1's
     * {@code CnnLossLayer} scores channels-last input as zero loss and does not learn from it.
     */
    static boolean isVectorSoftmax(String kind, Shape out, boolean terminal) {
        return terminal && "softmax".equals(kind) && out instanceof Shape.FeatureMap fm
                && fm.height() == 1 && fm.width() == 1;
    }

    /**
     * A merge vertex concatenating along the channel axis of {@code out}'s layout, which survives cloning the
     * configuration ({@link ChannelMergeVertex}: M2.1's own falls back to axis 1, the height in NHWC).
     */
    static ChannelMergeVertex channelMergeVertex(Shape out) {
        return new ChannelMergeVertex(out instanceof Shape.FeatureMap && FORMAT == CNN2DFormat.NHWC ? 3 : 1);
    }

    GraphAssembly(ComputationGraphConfiguration.GraphBuilder builder, Collection<String> nodeIds,
                  boolean fusesActivations) {
        this.builder = builder;
        this.names = new HashSet<>(nodeIds);
        this.fusesActivations = fusesActivations;
    }

    @Override
    public boolean fusesActivations() {
        return fusesActivations;
    }

    /**
     * A name for a vertex of a node's own making (such as {@code conv1/pad}): {@code wanted}, or, when a node or
     * another vertex already has that name, the first free {@code wanted~2}, {@code wanted~3}, ...
     */
    @Override
    public String internalName(String wanted) {
        return SpecExpander.freeName(wanted, names);
    }

    @Override
    public java.util.Optional<Shape.FeatureMap> imageInput() {
        return java.util.Optional.ofNullable(firstInput);
    }

    @Override
    public void addInput(String id, Shape.FeatureMap shape) {
        if (firstInput == null) {
            firstInput = shape;
        }
        added.add(id);
        builder.addInputs(id);
        inputTypes.add(InputType.convolutional(shape.height(), shape.width(), shape.channels(), FORMAT));
    }

    /** How many vertices have been added so far. */
    int vertexCount() {
        return added.size();
    }

    /** The names of the vertices added from position {@code from} on. */
    List<String> verticesSince(int from) {
        return List.copyOf(added.subList(from, added.size()));
    }

    @Override
    public void addLayer(String id, Layer layer, List<String> inputs) {
        added.add(id);
        builder.addLayer(id, layer, inputs.toArray(String[]::new));
    }

    @Override
    public void addLayer(String id, Layer layer, InputPreProcessor preProcessor, String input) {
        added.add(id);
        builder.addLayer(id, layer, preProcessor, input);
    }

    @Override
    public void addLayer(String id, Layer layer, String input) {
        added.add(id);
        builder.addLayer(id, layer, input);
    }

    @Override
    public void addVertex(String id, GraphVertex vertex, List<String> inputs) {
        added.add(id);
        builder.addVertex(id, vertex, inputs.toArray(String[]::new));
    }

    @Override
    public CNN2DFormat format() {
        return FORMAT;
    }

    @Override
    public GraphVertex channelMerge(Shape out) {
        return channelMergeVertex(out);
    }

    @Override
    public InputPreProcessor flattening(Shape.FeatureMap input) {
        return new ChannelsFirstFlattenPreProcessor(input.height(), input.width(), input.channels(), FORMAT);
    }

    void finish() {
        builder.setInputTypes(inputTypes.toArray(InputType[]::new));
    }
}
