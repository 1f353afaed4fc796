package org.cnnworkbench.engine.io.prototxt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.kinds.BoxSize;
import org.cnnworkbench.engine.kinds.ConvDetKind;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.plugin.ExportException;

/**
 * The Caffe mappings of the built-in kinds, one factory each (the built-in plugin attaches them to their kinds
 * as {@link CaffeMapping}s). docs/prototxt.md lists what each imports and writes.
 */
public final class BuiltInCaffeMappings {

    /** Caffe's default {@code eps} of BatchNorm, the engine's default epsilon too. */
    private static final double CAFFE_BN_EPS = 1e-5;

    private BuiltInCaffeMappings() {
    }

    @FunctionalInterface
    private interface Importer {
        Optional<List<Node>> importLayer(CaffeLayer layer, ImportContext context) throws SpecFormatException;
    }

    @FunctionalInterface
    private interface Exporter {
        List<CaffeLayer> exportNode(Node node, Params params, ExportContext context) throws ExportException;
    }

    private static CaffeMapping mapping(Set<String> types, Importer importer, Exporter exporter) {
        return new CaffeMapping() {
            @Override
            public Set<String> caffeTypes() {
                return types;
            }

            @Override
            public Optional<List<Node>> importLayer(CaffeLayer layer, ImportContext context)
                    throws SpecFormatException {
                return importer.importLayer(layer, context);
            }

            @Override
            public List<CaffeLayer> exportNode(Node node, Params params, ExportContext context)
                    throws ExportException {
                return exporter.exportNode(node, params, context);
            }
        };
    }

    private static Optional<List<Node>> one(Node node) {
        return Optional.of(List.of(node));
    }

    /** The node's own layer: bottoms its inputs, top its id. */
    private static CaffeLayer layer(Node node, String type) {
        return CaffeLayer.of(node.id(), type, node.inputs(), List.of(node.id()));
    }

    // --- input ---

    /**
     * {@code Input} (its {@code input_param} shape), {@code Data} (its crop size; 3 channels assumed, with a
     * warning, since a Data layer reads them from its database), {@code ImageData}, {@code MemoryData} and
     * {@code DummyData}; a top-level {@code input} reaches it as an {@code Input} layer. Writes an {@code Input}
     * layer of batch 1.
     */
    public static CaffeMapping input() {
        return mapping(Set.of("Input", "Data", "ImageData", "MemoryData", "DummyData"),
                CaffeInputLayers::importLayer,
                (node, p, context) -> List.of(layer(node, "Input").with("input_param", ProtoMessage.builder()
                        .add("shape", ProtoMessage.builder().add("dim", 1L).add("dim", p.integer("channels"))
                                .add("dim", p.integer("height")).add("dim", p.integer("width")).build())
                        .build())));
    }

    // --- convolution and fully connected ---

    /**
     * {@code Convolution}: num_output, kernel_size / kernel_h / kernel_w, stride (+ _h / _w), pad (+ _h / _w),
     * group and bias_term; a dilated or N-d convolution is declined. A fused activation is written as an
     * in-place ReLU, Sigmoid or TanH layer after it ({@link CaffeActivations}).
     */
    public static CaffeMapping conv() {
        return mapping(Set.of("Convolution"), (layer, context) -> {
            ProtoMessage p = layer.param("convolution_param");
            if (p.integers("dilation").stream().anyMatch(d -> d != 1)) {
                return context.decline("a dilated convolution has no kind");
            }
            if (p.integer("axis", 1) != 1) {
                return context.decline("a convolution over axis " + p.integer("axis", 1) + " has no kind");
            }
            Map<String, Object> params = new LinkedHashMap<>();
            if (p.has("num_output")) {
                params.put("filters", p.integer("num_output", 0));
            }
            Optional<Object> kernel = CaffeWindows.window(p, "kernel_size", "kernel_h", "kernel_w");
            if (kernel.isEmpty()) {
                return context.decline("it gives no kernel_size (or kernel_h and kernel_w) of two dimensions");
            }
            params.put("kernel", kernel.get());
            Optional<Object> stride = CaffeWindows.window(p, "stride", "stride_h", "stride_w");
            Optional<Object> pad = CaffeWindows.window(p, "pad", "pad_h", "pad_w");
            stride.filter(s -> !s.equals(1L)).ifPresent(s -> params.put("stride", s));
            pad.filter(s -> !s.equals(0L)).ifPresent(s -> params.put("pad", s));
            long group = p.integer("group", 1);
            if (group != 1) {
                params.put("groups", group);
            }
            if (!p.bool("bias_term", true)) {
                params.put("bias", false);
            }
            return one(Node.of(context.newId(layer), "conv", context.inputs(layer), params));
        }, (node, p, context) -> {
            ProtoMessage.Builder b = ProtoMessage.builder().add("num_output", p.integer("filters"));
            if (!p.flag("bias")) {
                b.add("bias_term", false);
            }
            CaffeWindows.writeWindow(b, p.pair("pad"), "pad", "pad_h", "pad_w", 0);
            CaffeWindows.writeWindow(b, p.pair("kernel"), "kernel_size", "kernel_h", "kernel_w", -1);
            if (p.integer("groups") != 1) {
                b.add("group", p.integer("groups"));
            }
            CaffeWindows.writeWindow(b, p.pair("stride"), "stride", "stride_h", "stride_w", 1);
            List<CaffeLayer> layers = new ArrayList<>();
            layers.add(layer(node, "Convolution").with("convolution_param", b.build()));
            CaffeActivations.export(node, p, context).ifPresent(layers::add);
            return layers;
        });
    }

    /**
     * A {@code convdet} head: Caffe has no such layer, so it is written as the {@code Convolution} it computes
     * (num_output K (C + 5), kernel, pad, stride 1, bias_term) after a comment naming the classes and anchors.
     * Nothing is imported as a convdet: the importer reads the layer back as a {@code conv} and the anchors are
     * lost (docs/prototxt.md).
     */
    public static CaffeMapping convdet() {
        return new CaffeMapping() {
            @Override
            public List<CaffeLayer> exportNode(Node node, Params p, ExportContext context) {
                ProtoMessage.Builder b = ProtoMessage.builder().add("num_output", ConvDetKind.outputChannels(p));
                if (!p.flag("bias")) {
                    b.add("bias_term", false);
                }
                CaffeWindows.writeWindow(b, p.pair("pad"), "pad", "pad_h", "pad_w", 0);
                CaffeWindows.writeWindow(b, p.pair("kernel"), "kernel_size", "kernel_h", "kernel_w", -1);
                return List.of(layer(node, "Convolution").with("convolution_param", b.build()));
            }

            @Override
            public List<String> comments(Node node, Params p) {
                int classes = ConvDetKind.classes(p);
                return List.of("convdet head '" + node.id() + "': " + classes + (classes == 1 ? " class" : " classes")
                        + ", " + ConvDetKind.anchors(p).size() + " anchors [width, height] "
                        + BoxSize.json(ConvDetKind.anchors(p)) + "; per anchor x, y, w, h, confidence, "
                        + "class scores (Caffe has no ConvDet layer: this is its convolution)");
            }
        };
    }

    /** {@code InnerProduct}: num_output and bias_term; a fused activation as for {@link #conv()}. */
    public static CaffeMapping fullyConnected() {
        return mapping(Set.of("InnerProduct"), (layer, context) -> {
            ProtoMessage p = layer.param("inner_product_param");
            if (p.integer("axis", 1) != 1) {
                return context.decline("an inner product over axis " + p.integer("axis", 1) + " has no kind");
            }
            Map<String, Object> params = new LinkedHashMap<>();
            if (p.has("num_output")) {
                params.put("units", p.integer("num_output", 0));
            }
            if (!p.bool("bias_term", true)) {
                params.put("bias", false);
            }
            return one(Node.of(context.newId(layer), "fc", context.inputs(layer), params));
        }, (node, p, context) -> {
            ProtoMessage.Builder b = ProtoMessage.builder().add("num_output", p.integer("units"));
            if (!p.flag("bias")) {
                b.add("bias_term", false);
            }
            List<CaffeLayer> layers = new ArrayList<>();
            layers.add(layer(node, "InnerProduct").with("inner_product_param", b.build()));
            CaffeActivations.export(node, p, context).ifPresent(layers::add);
            return layers;
        });
    }

    // --- pooling ---

    /** {@code Pooling} with {@code pool: MAX} (the default), Caffe's ceil rounding unless round_mode is FLOOR. */
    public static CaffeMapping maxPool() {
        return pooling("MAX", "maxpool");
    }

    /** {@code Pooling} with {@code pool: AVE}, not global. */
    public static CaffeMapping avgPool() {
        return pooling("AVE", "avgpool");
    }

    private static CaffeMapping pooling(String pool, String kind) {
        return mapping(Set.of("Pooling"), (layer, context) -> {
            ProtoMessage p = layer.param("pooling_param");
            String method = p.enumValue("pool").orElse("MAX");
            if (!method.equals("MAX") && !method.equals("AVE")) {
                return context.decline("pool: " + method + " has no kind (MAX and AVE import)");
            }
            if (!method.equals(pool)) {
                return Optional.empty();
            }
            if (p.bool("global_pooling", false)) {
                return method.equals("MAX") ? context.decline("global max pooling has no kind (global average "
                        + "pooling imports as globalavgpool)") : Optional.empty();
            }
            Map<String, Object> params = new LinkedHashMap<>();
            Optional<Object> kernel = CaffeWindows.window(p, "kernel_size", "kernel_h", "kernel_w");
            if (kernel.isEmpty()) {
                return context.decline("it gives no kernel_size (or kernel_h and kernel_w)");
            }
            params.put("kernel", kernel.get());
            CaffeWindows.window(p, "stride", "stride_h", "stride_w").filter(s -> !s.equals(1L))
                    .ifPresent(s -> params.put("stride", s));
            CaffeWindows.window(p, "pad", "pad_h", "pad_w").filter(s -> !s.equals(0L)).ifPresent(s -> params.put("pad", s));
            String rounding = p.enumValue("round_mode").orElse("CEIL");
            if (!rounding.equals("CEIL") && !rounding.equals("FLOOR")) {
                return context.decline("round_mode: " + rounding + " is neither CEIL nor FLOOR");
            }
            params.put("rounding", rounding.equals("CEIL") ? "ceil" : "floor");
            return one(Node.of(context.newId(layer), kind, context.inputs(layer), params));
        }, (node, p, context) -> {
            ProtoMessage.Builder b = ProtoMessage.builder().addEnum("pool", pool);
            CaffeWindows.writeWindow(b, p.pair("kernel"), "kernel_size", "kernel_h", "kernel_w", -1);
            CaffeWindows.writeWindow(b, p.pair("stride"), "stride", "stride_h", "stride_w", 1);
            CaffeWindows.writeWindow(b, p.pair("pad"), "pad", "pad_h", "pad_w", 0);
            if (p.choice("rounding").equals("floor")) {
                b.addEnum("round_mode", "FLOOR");
            }
            return List.of(layer(node, "Pooling").with("pooling_param", b.build()));
        });
    }

    /** {@code Pooling} with {@code pool: AVE} and {@code global_pooling: true}. */
    public static CaffeMapping globalAvgPool() {
        return mapping(Set.of("Pooling"), (layer, context) -> {
            ProtoMessage p = layer.param("pooling_param");
            if (!p.enumValue("pool").orElse("MAX").equals("AVE") || !p.bool("global_pooling", false)) {
                return Optional.empty();
            }
            return one(Node.of(context.newId(layer), "globalavgpool", context.inputs(layer)));
        }, (node, p, context) -> List.of(layer(node, "Pooling").with("pooling_param", ProtoMessage.builder()
                .addEnum("pool", "AVE").add("global_pooling", true).build())));
    }

    // --- element-wise ---

    /**
     * {@code ReLU} that is not fused into the node before it (the importer fuses an in-place ReLU into a
     * convolution or inner product); a leaky ReLU (negative_slope) is declined.
     */
    public static CaffeMapping relu() {
        return mapping(Set.of("ReLU"), (layer, context) -> {
            if (layer.param("relu_param").decimal("negative_slope", 0) != 0) {
                return context.decline("a leaky ReLU (negative_slope) has no kind");
            }
            return one(Node.of(context.newId(layer), "relu", context.inputs(layer)));
        }, (node, p, context) -> List.of(layer(node, "ReLU")));
    }

    /**
     * {@code LRN} across channels: local_size, alpha, beta and k mean the same in Caffe and in the engine (alpha is
     * divided by local_size in both); Caffe's default alpha is 1, the engine's 1e-4, so alpha is always written.
     */
    public static CaffeMapping lrn() {
        return mapping(Set.of("LRN"), (layer, context) -> {
            ProtoMessage p = layer.param("lrn_param");
            if (!p.enumValue("norm_region").orElse("ACROSS_CHANNELS").equals("ACROSS_CHANNELS")) {
                return context.decline("LRN within channels has no kind (lrn normalises across channels)");
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("size", p.integer("local_size", 5));
            params.put("alpha", p.decimal("alpha", 1.0));
            params.put("beta", p.decimal("beta", 0.75));
            params.put("k", p.decimal("k", 1.0));
            return one(Node.of(context.newId(layer), "lrn", context.inputs(layer), params));
        }, (node, p, context) -> List.of(layer(node, "LRN").with("lrn_param", ProtoMessage.builder()
                .add("local_size", p.integer("size")).add("alpha", p.decimal("alpha"))
                .add("beta", p.decimal("beta")).add("k", p.decimal("k")).build())));
    }

    /**
     * {@code BatchNorm} (statistics only: batchnorm with affine false), and a {@code Scale} right after it folded
     * into it as its learned scale and shift (affine true). Writes BatchNorm, plus an in-place Scale with
     * bias_term when affine.
     */
    public static CaffeMapping batchnorm() {
        return mapping(Set.of("BatchNorm", "Scale"), (layer, context) -> {
            if (layer.type().equals("BatchNorm")) {
                Map<String, Object> params = new LinkedHashMap<>();
                double eps = layer.param("batch_norm_param").decimal("eps", CAFFE_BN_EPS);
                if (eps != CAFFE_BN_EPS) {
                    params.put("epsilon", eps);
                }
                params.put("affine", false);
                return one(Node.of(context.newId(layer), "batchnorm", context.inputs(layer), params));
            }
            Optional<Node> before = layer.bottoms().size() == 1 ? context.producer(layer.bottoms().get(0))
                    : Optional.empty();
            if (before.isEmpty() || !before.get().kind().equals("batchnorm")
                    || !Boolean.FALSE.equals(before.get().param("affine")) || context.isConsumed(before.get().id())) {
                return context.decline("a Scale layer imports only right after a BatchNorm (as its learned scale "
                        + "and shift)");
            }
            if (!layer.param("scale_param").bool("bias_term", false)) {
                context.warn(layer, "a Scale without bias_term learns no shift; imported as batchnorm with affine "
                        + "scale and shift, which counts " + "one more parameter per channel");
            }
            context.replace(before.get().withParam("affine", true));
            return Optional.of(List.of());
        }, (node, p, context) -> {
            ProtoMessage.Builder b = ProtoMessage.builder();
            if (p.decimal("epsilon") != CAFFE_BN_EPS) {
                b.add("eps", p.decimal("epsilon"));
            }
            CaffeLayer norm = layer(node, "BatchNorm");
            ProtoMessage block = b.build();
            List<CaffeLayer> layers = new ArrayList<>();
            layers.add(block.fields().isEmpty() ? norm : norm.with("batch_norm_param", block));
            if (p.flag("affine")) {
                layers.add(CaffeLayer.of(context.layerName(node.id() + "/scale"), "Scale", List.of(node.id()),
                        List.of(node.id())).with("scale_param", ProtoMessage.builder().add("bias_term", true).build()));
            }
            return layers;
        });
    }

    /** {@code Dropout}: dropout_ratio is the rate. */
    public static CaffeMapping dropout() {
        return mapping(Set.of("Dropout"), (layer, context) -> one(Node.of(context.newId(layer), "dropout",
                        context.inputs(layer), Map.of("rate", layer.param("dropout_param").decimal("dropout_ratio", 0.5)))),
                (node, p, context) -> List.of(layer(node, "Dropout").with("dropout_param", ProtoMessage.builder()
                        .add("dropout_ratio", p.decimal("rate")).build())));
    }

    /** {@code Softmax} and {@code SoftmaxWithLoss} (its label bottom left out) over the channels. */
    public static CaffeMapping softmax() {
        return mapping(Set.of("Softmax", "SoftmaxWithLoss"), (layer, context) -> {
            long axis = layer.param("softmax_param").integer("axis", 1);
            if (axis != 1) {
                return context.decline("a softmax over axis " + axis + " has no kind (softmax is over channels)");
            }
            if (layer.bottoms().isEmpty()) {
                return context.decline("it has no bottom");
            }
            return one(Node.of(context.newId(layer), "softmax", List.of(context.input(layer.bottoms().get(0)))));
        }, (node, p, context) -> List.of(layer(node, "Softmax")));
    }

    // --- merges and reshapes ---

    /** {@code Concat} along the channels (axis 1, or the old concat_dim 1). */
    public static CaffeMapping concat() {
        return mapping(Set.of("Concat"), (layer, context) -> {
            ProtoMessage p = layer.param("concat_param");
            long axis = p.has("axis") ? p.integer("axis", 1) : p.integer("concat_dim", 1);
            if (axis != 1 && axis != -3) {
                return context.decline("a concatenation along axis " + axis + " has no kind (concat joins channels)");
            }
            return one(Node.of(context.newId(layer), "concat", context.inputs(layer)));
        }, (node, p, context) -> List.of(layer(node, "Concat")));
    }

    /** {@code Eltwise} with operation SUM and no coefficients other than 1; PROD and MAX are declined. */
    public static CaffeMapping add() {
        return mapping(Set.of("Eltwise"), (layer, context) -> {
            ProtoMessage p = layer.param("eltwise_param");
            String operation = p.enumValue("operation").orElse("SUM");
            if (!operation.equals("SUM")) {
                return context.decline("Eltwise " + operation + " has no kind (only SUM imports, as add)");
            }
            if (p.decimals("coeff").stream().anyMatch(c -> c != 1.0)) {
                return context.decline("a weighted Eltwise SUM (coeff) has no kind (add sums with weight 1)");
            }
            return one(Node.of(context.newId(layer), "add", context.inputs(layer)));
        }, (node, p, context) -> List.of(layer(node, "Eltwise").with("eltwise_param",
                ProtoMessage.builder().addEnum("operation", "SUM").build())));
    }

    /** {@code Flatten} of all axes after the batch. */
    public static CaffeMapping flatten() {
        return mapping(Set.of("Flatten"), (layer, context) -> {
            ProtoMessage p = layer.param("flatten_param");
            if (p.integer("axis", 1) != 1 || p.integer("end_axis", -1) != -1) {
                return context.decline("a flatten of only some axes has no kind");
            }
            return one(Node.of(context.newId(layer), "flatten", context.inputs(layer)));
        }, (node, p, context) -> List.of(layer(node, "Flatten")));
    }
}
