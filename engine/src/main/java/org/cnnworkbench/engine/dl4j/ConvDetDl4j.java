package org.cnnworkbench.engine.dl4j;

import java.util.List;
import org.cnnworkbench.engine.data.kitti.KittiCheck;
import org.cnnworkbench.engine.detection.ConvDetGrid;
import org.cnnworkbench.engine.detection.ConvDetLoss;
import org.cnnworkbench.engine.kinds.BoxSize;
import org.cnnworkbench.engine.kinds.ConvDetKind;
import org.cnnworkbench.engine.kinds.IntPair;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * The DL4J form of a {@code convdet} head: a linear convolution with K (5 + C) filters ({@code id/conv}), and, when the
 * head is the network's output, a {@code LossLayer} {@code id} with the convdet loss ({@link ConvDetLoss#WORKBENCH})
 * ({@link ConvDetLossFunction}) on the convolution's output flattened in channel, row, column order. The loss layer
 * has no parameters and an identity activation: the network's output is the head's raw values, which
 * {@link ConvDetGrid#decode} turns into boxes. A convdet inside a network (something consumes it) is the
 * convolution alone. docs/detection.md says why not DL4J's {@code Yolo2OutputLayer}.
 */
public final class ConvDetDl4j {

    private ConvDetDl4j() {
    }

    /** The {@link Dl4jMapping} of the convdet kind. */
    public static void add(Dl4jGraph g, Node n, Params p, List<Shape> in, Shape output, boolean terminal)
            throws Dl4jConversionException {
        int classes = ConvDetKind.classes(p);
        List<BoxSize> anchors = ConvDetKind.anchors(p);
        IntPair k = p.pair("kernel");
        IntPair pad = p.pair("pad");
        ConvolutionLayer conv = new ConvolutionLayer.Builder(Math.toIntExact(k.h()), Math.toIntExact(k.w()))
                .stride(1, 1)
                .padding(Math.toIntExact(pad.h()), Math.toIntExact(pad.w()))
                .convolutionMode(ConvolutionMode.Truncate)
                .dataFormat(g.format())
                .nOut(anchors.size() * (5L + classes))
                .hasBias(p.flag("bias"))
                .activation(Activation.IDENTITY)
                .build();
        if (!terminal) {
            g.addLayer(n.id(), conv, n.inputs());
            return;
        }
        Shape.FeatureMap image = g.imageInput().orElseThrow(() -> new Dl4jConversionException(n.id(),
                "a convdet head needs an image input: its anchors are in input pixels"));
        Shape.FeatureMap out = (Shape.FeatureMap) output;
        ConvDetGrid grid = ConvDetGrid.of((int) out.height(), (int) out.width(), (int) image.height(),
                (int) image.width(), anchors.stream().map(b -> new KittiCheck.Anchor(b.width(), b.height())).toList(),
                classes);
        String convId = g.internalName(n.id() + "/conv");
        g.addLayer(convId, conv, n.inputs());
        g.addLayer(n.id(), new LossLayer.Builder().lossFunction(ConvDetLossFunction.of(grid, ConvDetLoss.WORKBENCH))
                .activation(Activation.IDENTITY).build(), g.flattening(out), convId);
    }
}
