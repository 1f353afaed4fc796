package org.cnnworkbench.engine.io.prototxt;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cnnworkbench.engine.io.SourceLocation;
import org.cnnworkbench.engine.io.SpecFormatException;

/**
 * One Caffe layer: a {@code layer { ... }} block of a prototxt (or an old {@code layers { ... }} block, whose
 * upper-case type is given here by its current name), with its name, type, bottom and top blobs and its
 * parameter blocks. Also what a {@link CaffeMapping} writes for export, built with {@link #of}.
 *
 * <pre>{@code
 * CaffeLayer conv = CaffeLayer.of("conv1", "Convolution", List.of("data"), List.of("conv1"))
 *         .with("convolution_param", ProtoMessage.builder().add("num_output", 96).add("kernel_size", 11).build());
 * long filters = conv.param("convolution_param").integer("num_output", 0);
 * }</pre>
 *
 * @param name the layer's name ({@code name: "conv1"}); empty when the file gives none
 * @param type the layer type in current Caffe spelling, e.g. {@code Convolution}
 * @param bottoms the blobs it reads
 * @param tops the blobs it writes
 * @param message the whole block, parameter blocks included
 */
public record CaffeLayer(String name, String type, List<String> bottoms, List<String> tops, ProtoMessage message) {

    /** The upper-case layer types of the old {@code layers { type: CONVOLUTION }} format and their current names. */
    static final Map<String, String> V1_TYPES = Map.ofEntries(
            Map.entry("ABSVAL", "AbsVal"), Map.entry("ACCURACY", "Accuracy"), Map.entry("ARGMAX", "ArgMax"),
            Map.entry("BNLL", "BNLL"), Map.entry("CONCAT", "Concat"), Map.entry("CONTRASTIVE_LOSS", "ContrastiveLoss"),
            Map.entry("CONVOLUTION", "Convolution"), Map.entry("DATA", "Data"), Map.entry("DECONVOLUTION", "Deconvolution"),
            Map.entry("DROPOUT", "Dropout"), Map.entry("DUMMY_DATA", "DummyData"),
            Map.entry("EUCLIDEAN_LOSS", "EuclideanLoss"), Map.entry("ELTWISE", "Eltwise"), Map.entry("EXP", "Exp"),
            Map.entry("FLATTEN", "Flatten"), Map.entry("HDF5_DATA", "HDF5Data"), Map.entry("HDF5_OUTPUT", "HDF5Output"),
            Map.entry("HINGE_LOSS", "HingeLoss"), Map.entry("IM2COL", "Im2col"), Map.entry("IMAGE_DATA", "ImageData"),
            Map.entry("INFOGAIN_LOSS", "InfogainLoss"), Map.entry("INNER_PRODUCT", "InnerProduct"),
            Map.entry("LRN", "LRN"), Map.entry("MEMORY_DATA", "MemoryData"),
            Map.entry("MULTINOMIAL_LOGISTIC_LOSS", "MultinomialLogisticLoss"), Map.entry("MVN", "MVN"),
            Map.entry("POOLING", "Pooling"), Map.entry("POWER", "Power"), Map.entry("RELU", "ReLU"),
            Map.entry("SIGMOID", "Sigmoid"), Map.entry("SIGMOID_CROSS_ENTROPY_LOSS", "SigmoidCrossEntropyLoss"),
            Map.entry("SILENCE", "Silence"), Map.entry("SOFTMAX", "Softmax"), Map.entry("SOFTMAX_LOSS", "SoftmaxWithLoss"),
            Map.entry("SPLIT", "Split"), Map.entry("SLICE", "Slice"), Map.entry("TANH", "TanH"),
            Map.entry("WINDOW_DATA", "WindowData"), Map.entry("THRESHOLD", "Threshold"));

    public CaffeLayer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        bottoms = List.copyOf(bottoms);
        tops = List.copyOf(tops);
        Objects.requireNonNull(message, "message");
    }

    /** A layer read from a {@code layer} block ({@code legacy}: an old {@code layers} block). */
    static CaffeLayer read(ProtoMessage block, boolean legacy) throws SpecFormatException {
        String type;
        if (legacy && block.has("type")) {
            ProtoMessage.Field field = block.all("type").get(block.all("type").size() - 1);
            String written = field.value() instanceof ProtoMessage.Word w ? w.token() : block.text("type").orElse("");
            type = V1_TYPES.getOrDefault(written, written);
        } else {
            type = block.text("type").orElse("");
        }
        return new CaffeLayer(block.text("name").orElse(""), type, block.texts("bottom"), block.texts("top"), block);
    }

    /** A layer for export, without parameter blocks yet. */
    public static CaffeLayer of(String name, String type, List<String> bottoms, List<String> tops) {
        ProtoMessage.Builder b = ProtoMessage.builder().addText("name", name).addText("type", type);
        bottoms.forEach(bottom -> b.addText("bottom", bottom));
        tops.forEach(top -> b.addText("top", top));
        return new CaffeLayer(name, type, bottoms, tops, b.build());
    }

    /** This layer with one more parameter block, e.g. {@code with("pooling_param", ...)}. */
    public CaffeLayer with(String field, ProtoMessage block) {
        ProtoMessage.Builder b = ProtoMessage.builder();
        message.fields().forEach(f -> b.add(f.name(), f.value()));
        return new CaffeLayer(name, type, bottoms, tops, b.add(field, block).build());
    }

    /**
     * The parameter block {@code field} (e.g. {@code convolution_param}), or an empty message when the layer has
     * none, so that every parameter then takes its Caffe default.
     */
    public ProtoMessage param(String field) throws SpecFormatException {
        return message.message(field).orElse(ProtoMessage.empty(message.source(), message.locationOf(field)));
    }

    /** Where the layer starts in its file, or {@code null} for a layer built in code. */
    public SourceLocation location() {
        return message.location();
    }

    /** Whether the layer writes its result over its input ({@code top} = {@code bottom}, e.g. an in-place ReLU). */
    public boolean inPlace() {
        return bottoms.size() == 1 && tops.size() == 1 && bottoms.get(0).equals(tops.get(0));
    }

    /** How messages name the layer: {@code 'conv1' (Convolution)}. */
    public String describe() {
        return "'" + (name.isEmpty() ? "(unnamed)" : name) + "' (" + (type.isEmpty() ? "no type" : type) + ")";
    }
}
