package org.cnnworkbench.engine.dl4j;

import java.util.List;
import org.cnnworkbench.engine.kinds.IntPair;
import org.cnnworkbench.engine.kinds.LayerException;
import org.cnnworkbench.engine.kinds.LayerMath;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The DL4J mappings of the built-in kinds, one public method each (the built-in plugin attaches them to their
 * kinds as {@link Dl4jMapping}s). Each adds the vertices of one node; the vertex that produces the node's output
 * is named with the node id, helper vertices {@code id/part}.
 */
public final class BuiltInDl4jMappings {

    private BuiltInDl4jMappings() {
    }

    public static void input(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal) {
        g.addInput(n.id(), (Shape.FeatureMap) out);
    }

    public static void maxPool(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal)
            throws Dl4jConversionException {
        pool(g, n, p, in, out, PoolingType.MAX);
    }

    public static void avgPool(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal)
            throws Dl4jConversionException {
        pool(g, n, p, in, out, PoolingType.AVG);
    }

    public static void relu(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal) {
        g.addLayer(n.id(), new ActivationLayer.Builder().activation(Activation.RELU).build(), n.inputs());
    }

    public static void batchnorm(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal) {
        g.addLayer(n.id(), new BatchNormalization.Builder().eps(p.decimal("epsilon")).lockGammaBeta(!p.flag("affine"))
                .dataFormat(g.format()).build(), n.inputs());
    }

    /** Dropout; DL4J's dropout takes the probability of RETAINING an element. */
    public static void dropout(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal) {
        g.addLayer(n.id(), new DropoutLayer.Builder(1.0 - p.decimal("rate")).build(), n.inputs());
    }

    public static void concat(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal) {
        g.addVertex(n.id(), g.channelMerge(out), n.inputs());
    }

    public static void add(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal) {
        g.addVertex(n.id(), new ElementWiseVertex(ElementWiseVertex.Op.Add), n.inputs());
    }

    /** The activation a kind's {@code activation} choice names, identity for none. */
    public static Activation activation(Params p) {
        return switch (p.choice("activation")) {
            case "relu" -> Activation.RELU;
            case "sigmoid" -> Activation.SIGMOID;
            case "tanh" -> Activation.TANH;
            default -> Activation.IDENTITY;
        };
    }

    /**
     * A convolution; with groups, DL4J 1.0.0-M2.1 has no grouped convolution, so each group is a
     * {@link ChannelSubsetVertex} of its input channels feeding its own convolution, and a channel merge
     * concatenates the groups' outputs (the same weights and biases as one grouped convolution).
     *
     * <p>For training the convolution itself is linear; a non-linearity follows as its own activation layer, which
     * then carries the node id (the convolution is {@code id/conv}). DL4J M2.1's oneDNN convolution helper computes
     * wrong gradients in NHWC when the layer has an activation (the weight and input gradients come out as
     * garbage; the linear case is exact), so a fused ReLU would make training fail silently on the fast path. An
     * inference graph ({@link Dl4jGraph#fusesActivations}) gives the activation to the convolution (to each group's:
     * an elementwise activation commutes with the concatenation), whose forward pass is correct.
     */
    public static void conv(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal) {
        Activation activation = activation(p);
        boolean separate = activation != Activation.IDENTITY && !g.fusesActivations();
        Activation own = separate ? Activation.IDENTITY : activation;
        String convId = separate ? g.internalName(n.id() + "/conv") : n.id();
        long groups = p.integer("groups");
        long filters = p.integer("filters");
        if (groups == 1) {
            g.addLayer(convId, convLayer(p, filters, own), n.inputs());
        } else {
            long channelsPerGroup = in.get(0).channels() / groups;
            List<String> parts = new java.util.ArrayList<>();
            for (int i = 0; i < groups; i++) {
                String subset = g.internalName(n.id() + "/group" + (i + 1) + "/input");
                String part = g.internalName(n.id() + "/group" + (i + 1));
                g.addVertex(subset, new ChannelSubsetVertex(toInt(i * channelsPerGroup),
                        toInt((i + 1) * channelsPerGroup - 1), g.format()), n.inputs());
                g.addLayer(part, convLayer(p, filters / groups, own), subset);
                parts.add(part);
            }
            g.addVertex(convId, g.channelMerge(out), parts);
        }
        if (separate) {
            g.addLayer(n.id(), new ActivationLayer.Builder().activation(activation).build(), convId);
        }
    }

    /**
     * SqueezeDet's ConvDet head ({@code convdet}): a linear, stride-1 convolution of K (C + 5) channels, and, as the
     * network's output, the convdet loss on it ({@link ConvDetDl4j}).
     */
    public static void convdet(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal)
            throws Dl4jConversionException {
        ConvDetDl4j.add(g, n, p, in, out, terminal);
    }

    /** A convolution layer with this activation (identity for training: see {@link #conv}). */
    private static ConvolutionLayer convLayer(Params p, long filters, Activation activation) {
        IntPair k = p.pair("kernel");
        IntPair s = p.pair("stride");
        IntPair pad = p.pair("pad");
        return new ConvolutionLayer.Builder(toInt(k.h()), toInt(k.w()))
                .stride(toInt(s.h()), toInt(s.w()))
                .padding(toInt(pad.h()), toInt(pad.w()))
                .convolutionMode(ConvolutionMode.Truncate)
                .dataFormat(GraphAssembly.FORMAT)
                .nOut(filters)
                .hasBias(p.flag("bias"))
                .activation(activation)
                .build();
    }

    /**
     * Pooling. Floor rounding is DL4J's Truncate mode. Caffe's ceil rounding keeps a last, partial window; on
     * an axis where that adds a row (column), an {@link EdgePadVertex} {@code id/pad} first adds just enough
     * rows (columns) at the bottom (right) for floor rounding to reach that window, so the windows are exactly
     * Caffe's. Max pooling pads with copies of the last input row and column, which never change a window's
     * maximum, and give a window without any input cell (Caffe's -FLT_MAX) the nearest edge's maximum; average
     * pooling pads with zeros, which count in the divisor of the last window (Caffe's divisor stops at
     * input + pad) and make an empty window 0 (docs/dl4j.md).
     * Only DL4J's symmetric padding {@code pad} remains, always smaller than the kernel, as oneDNN requires.
     */
    private static void pool(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, PoolingType type)
            throws Dl4jConversionException {
        Shape.FeatureMap input = (Shape.FeatureMap) in.get(0);
        Shape.FeatureMap output = (Shape.FeatureMap) out;
        IntPair k = p.pair("kernel");
        IntPair s = p.pair("stride");
        IntPair pad = p.pair("pad");
        long floorH = floorOutput(n, "height", input.height(), k.h(), s.h(), pad.h());
        long floorW = floorOutput(n, "width", input.width(), k.w(), s.w(), pad.w());
        // Rows (columns) to add so that floor rounding gives Caffe's count: the last window must fit.
        long extraH = output.height() > floorH ? (output.height() - 1) * s.h() + k.h() - input.height() - 2 * pad.h() : 0;
        long extraW = output.width() > floorW ? (output.width() - 1) * s.w() + k.w() - input.width() - 2 * pad.w() : 0;
        Layer layer = new SubsamplingLayer.Builder(type)
                .kernelSize(toInt(k.h()), toInt(k.w()))
                .stride(toInt(s.h()), toInt(s.w()))
                .padding(toInt(pad.h()), toInt(pad.w()))
                .convolutionMode(ConvolutionMode.Truncate)
                .dataFormat(g.format())
                .build();
        if (extraH == 0 && extraW == 0) {
            g.addLayer(n.id(), layer, n.inputs());
            return;
        }
        String padded = g.internalName(n.id() + "/pad");
        g.addVertex(padded, type == PoolingType.MAX
                ? EdgePadVertex.replicating(toInt(extraH), toInt(extraW), g.format())
                : EdgePadVertex.constant(toInt(extraH), toInt(extraW), 0, g.format()), n.inputs());
        g.addLayer(n.id(), layer, padded);
    }

    /**
     * Global average pooling as an average pooling whose window is the whole input: the engine's C x 1 x 1
     * output in either layout, through oneDNN. (M2.1's {@code GlobalPoolingLayer} with
     * {@code collapseDimensions(false)} reshapes to {@code [n, c, 1, 1]} whatever the layout, which fails in NHWC.)
     */
    public static void globalAveragePool(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out,
                                          boolean terminal) {
        Shape.FeatureMap input = (Shape.FeatureMap) in.get(0);
        g.addLayer(n.id(), new SubsamplingLayer.Builder(PoolingType.AVG)
                .kernelSize(toInt(input.height()), toInt(input.width()))
                .stride(1, 1)
                .convolutionMode(ConvolutionMode.Truncate)
                .dataFormat(g.format())
                .build(), n.inputs());
    }

    private static long floorOutput(Node n, String axis, long size, long kernel, long stride, long pad)
            throws Dl4jConversionException {
        try {
            return LayerMath.windowOutput(axis, size, kernel, stride, pad);
        } catch (LayerException e) {
            throw new Dl4jConversionException(n.id(), e.getMessage());
        }
    }

    /**
     * Caffe's across-channel LRN. DL4J does not divide alpha by the window size, Caffe does: DL4J alpha = Caffe
     * alpha / size. DL4J sums channels c - n/2 .. c + n/2 and fails when n/2 reaches the channel count, so the
     * half-window is clipped to channels - 1 (the same sums: no neighbour is further away than that).
     */
    public static void lrn(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal) {
        long size = p.integer("size");
        long halfWindow = Math.min(size / 2, out.channels() - 1);
        g.addLayer(n.id(), new LocalResponseNormalization.Builder()
                .k(p.decimal("k"))
                .n(2 * halfWindow + 1)
                .alpha(p.decimal("alpha") / size)
                .beta(p.decimal("beta"))
                .dataFormat(g.format())
                .build(), n.inputs());
    }

    /**
     * Softmax over the channels. At the end of the network it is an output layer with cross-entropy loss
     * (per pixel for a feature map); in the middle of a vector path an activation layer. DL4J's softmax
     * activation on a 4-D tensor normalises the last axis, not the channels, so a feature map always goes
     * through {@link CnnLossLayer}, which applies it per pixel over the channels.
     */
    public static void softmax(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal) {
        if (GraphAssembly.isVectorSoftmax(n.kind(), out, terminal)) {
            g.addLayer(n.id(), new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .activation(Activation.SOFTMAX).build(), g.flattening((Shape.FeatureMap) out), n.inputs().get(0));
        } else if (out instanceof Shape.FeatureMap) {
            g.addLayer(n.id(), new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .format(g.format()).activation(Activation.SOFTMAX).build(), n.inputs());
        } else if (terminal) {
            g.addLayer(n.id(), new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .activation(Activation.SOFTMAX).build(), n.inputs());
        } else {
            g.addLayer(n.id(), new ActivationLayer.Builder().activation(Activation.SOFTMAX).build(), n.inputs());
        }
    }

    /** A dense layer; a feature-map input is flattened in Caffe's C, H, W order in either layout. */
    public static void fullyConnected(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal) {
        DenseLayer layer = new DenseLayer.Builder()
                .nOut(p.integer("units")).hasBias(p.flag("bias")).activation(activation(p)).build();
        if (in.get(0) instanceof Shape.FeatureMap fm) {
            g.addLayer(n.id(), layer, g.flattening(fm), n.inputs().get(0));
        } else {
            g.addLayer(n.id(), layer, n.inputs());
        }
    }

    public static void flatten(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal) {
        if (in.get(0) instanceof Shape.FeatureMap fm) {
            g.addVertex(n.id(), new PreprocessorVertex(g.flattening(fm)), n.inputs());
        } else {
            g.addLayer(n.id(), new ActivationLayer.Builder().activation(Activation.IDENTITY).build(), n.inputs());
        }
    }

    private static int toInt(long value) {
        return Math.toIntExact(value);
    }
}
