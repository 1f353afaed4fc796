package org.cnnworkbench.plugins.separable;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.io.prototxt.CaffeActivations;
import org.cnnworkbench.engine.io.prototxt.CaffeLayer;
import org.cnnworkbench.engine.io.prototxt.CaffeMapping;
import org.cnnworkbench.engine.io.prototxt.CaffeWindows;
import org.cnnworkbench.engine.io.prototxt.ExportContext;
import org.cnnworkbench.engine.io.prototxt.ProtoMessage;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;
import org.cnnworkbench.engine.plugin.ExportException;

/**
 * The block in Caffe, as MobileNet's Caffe ports write it: a {@code Convolution} with {@code group} equal to its
 * input channels (the depthwise part, blob {@code id/dw}), then a 1x1 {@code Convolution} (blob {@code id}), each
 * followed in place by {@code BatchNorm} + {@code Scale} and the activation.
 *
 * <p>Export only: importing such a file gives a grouped convolution and a 1x1 convolution with their batch norms
 * and ReLUs (the built-in kinds), with the same parameters and multiply-adds; recognising the pair as one block is
 * left to the user.
 */
final class DepthwiseSeparableCaffe implements CaffeMapping {

    @Override
    public List<CaffeLayer> exportNode(Node node, Params p, ExportContext context) throws ExportException {
        long channels = context.outputShape(node.inputs().get(0)).map(Shape::channels).orElseThrow(() ->
                new ExportException("node '" + node.id() + "': the shape of its input '" + node.inputs().get(0)
                        + "' is unknown, so its depthwise convolution's group cannot be written; fix the network's "
                        + "errors first"));
        List<CaffeLayer> layers = new ArrayList<>();
        String depthwise = context.layerName(node.id() + "/dw");
        ProtoMessage.Builder dw = ProtoMessage.builder().add("num_output", channels);
        CaffeWindows.writeWindow(dw, p.pair("pad"), "pad", "pad_h", "pad_w", 0);
        CaffeWindows.writeWindow(dw, p.pair("kernel"), "kernel_size", "kernel_h", "kernel_w", -1);
        CaffeWindows.writeWindow(dw, p.pair("stride"), "stride", "stride_h", "stride_w", 1);
        dw.add("group", channels);
        if (!p.flag("bias")) {
            dw.add("bias_term", false);
        }
        layers.add(CaffeLayer.of(depthwise, "Convolution", node.inputs(), List.of(depthwise))
                .with("convolution_param", dw.build()));
        normaliseAndActivate(layers, depthwise, p, context);

        ProtoMessage.Builder pw = ProtoMessage.builder().add("num_output",
                DepthwiseSeparableKind.outputChannels(p)).add("kernel_size", 1L);
        if (!p.flag("bias")) {
            pw.add("bias_term", false);
        }
        layers.add(CaffeLayer.of(node.id(), "Convolution", List.of(depthwise), List.of(node.id()))
                .with("convolution_param", pw.build()));
        normaliseAndActivate(layers, node.id(), p, context);
        return layers;
    }

    /** The in-place batch norm (statistics, then a learned scale and shift) and activation on {@code blob}. */
    private static void normaliseAndActivate(List<CaffeLayer> layers, String blob, Params p, ExportContext context) {
        if (p.flag("batchnorm")) {
            layers.add(CaffeLayer.of(context.layerName(blob + "/bn"), "BatchNorm", List.of(blob), List.of(blob)));
            layers.add(CaffeLayer.of(context.layerName(blob + "/scale"), "Scale", List.of(blob), List.of(blob))
                    .with("scale_param", ProtoMessage.builder().add("bias_term", true).build()));
        }
        CaffeActivations.caffeType(p.choice("activation")).ifPresent(type -> layers.add(CaffeLayer.of(
                context.layerName(blob + "/" + p.choice("activation")), type, List.of(blob), List.of(blob))));
    }
}
