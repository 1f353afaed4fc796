package org.cnnworkbench.plugins.separable;

import java.util.List;
import org.cnnworkbench.engine.dl4j.BuiltInDl4jMappings;
import org.cnnworkbench.engine.dl4j.Dl4jGraph;
import org.cnnworkbench.engine.kinds.IntPair;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.nd4j.linalg.activations.Activation;

/**
 * The block in DL4J: {@code id/depthwise} ({@link DepthwiseConvolution2D}, depth multiplier 1), then
 * {@code id/pointwise} (a 1x1 {@link ConvolutionLayer}), each linear and followed by its batch normalisation
 * ({@code .../bn}) and activation layer; the last layer carries the node id. The activations are layers of their
 * own, as for the built-in convolutions: DL4J M2.1's oneDNN convolution computes wrong gradients in NHWC when the
 * activation is fused into the layer (docs/dl4j.md).
 */
final class DepthwiseSeparableDl4j {

    private DepthwiseSeparableDl4j() {
    }

    static void add(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape out, boolean terminal) {
        IntPair k = p.pair("kernel");
        IntPair s = p.pair("stride");
        IntPair pad = p.pair("pad");
        DepthwiseConvolution2D depthwise = new DepthwiseConvolution2D.Builder(toInt(k.h()), toInt(k.w()))
                .stride(toInt(s.h()), toInt(s.w()))
                .padding(toInt(pad.h()), toInt(pad.w()))
                .depthMultiplier(1)
                .nOut(in.get(0).channels())
                .convolutionMode(ConvolutionMode.Truncate)
                .dataFormat(g.format())
                .hasBias(p.flag("bias"))
                .activation(Activation.IDENTITY)
                .build();
        String last = stage(g, n.id(), "depthwise", depthwise, n.inputs(), p, false);
        ConvolutionLayer pointwise = new ConvolutionLayer.Builder(1, 1)
                .nOut(out.channels())
                .convolutionMode(ConvolutionMode.Truncate)
                .dataFormat(g.format())
                .hasBias(p.flag("bias"))
                .activation(Activation.IDENTITY)
                .build();
        stage(g, n.id(), "pointwise", pointwise, List.of(last), p, true);
    }

    /** One convolution with its batch norm and activation; returns the name of the stage's last vertex. */
    private static String stage(Dl4jGraph g, String id, String part, org.deeplearning4j.nn.conf.layers.Layer conv,
                                List<String> inputs, Params p, boolean endsTheNode) {
        Activation activation = BuiltInDl4jMappings.activation(p);
        boolean batchnorm = p.flag("batchnorm");
        boolean convIsLast = !batchnorm && activation == Activation.IDENTITY;
        String convName = endsTheNode && convIsLast ? id : g.internalName(id + "/" + part);
        g.addLayer(convName, conv, inputs);
        String last = convName;
        if (batchnorm) {
            boolean bnIsLast = activation == Activation.IDENTITY;
            String bnName = endsTheNode && bnIsLast ? id : g.internalName(id + "/" + part + "/bn");
            g.addLayer(bnName, new BatchNormalization.Builder().dataFormat(g.format()).build(), last);
            last = bnName;
        }
        if (activation != Activation.IDENTITY) {
            String actName = endsTheNode ? id : g.internalName(id + "/" + part + "/" + p.choice("activation"));
            g.addLayer(actName, new ActivationLayer.Builder().activation(activation).build(), last);
            last = actName;
        }
        return last;
    }

    private static int toInt(long value) {
        return Math.toIntExact(value);
    }
}
