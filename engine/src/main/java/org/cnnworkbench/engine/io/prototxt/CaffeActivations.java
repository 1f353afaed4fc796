package org.cnnworkbench.engine.io.prototxt;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.Node;

/**
 * The convention for a kind's fused activation (the {@code activation} parameter of conv and fc, and of any
 * plugin kind that declares it the same way): Caffe writes it as an in-place {@code ReLU}, {@code Sigmoid} or
 * {@code TanH} layer right after the layer, named as the released SqueezeNet files name theirs
 * ({@code relu_conv1}, {@code fire2/relu_squeeze1x1}). The importer fuses such an in-place layer back into the
 * parameter; an activation layer that is not in place, or that follows a node without the parameter, becomes a
 * node of its own (relu) or is skipped (Sigmoid, TanH: the engine has no kind for them alone).
 */
public final class CaffeActivations {

    /** Caffe layer type by activation choice. */
    static final Map<String, String> TYPES = Map.of("relu", "ReLU", "sigmoid", "Sigmoid", "tanh", "TanH");

    private CaffeActivations() {
    }

    /** The activation choice a Caffe layer type stands for ({@code ReLU} is {@code relu}), if any. */
    static Optional<String> choiceOf(String caffeType) {
        return TYPES.entrySet().stream().filter(e -> e.getValue().equals(caffeType)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** The Caffe layer type of an activation choice ({@code relu} is {@code ReLU}); empty for {@code none}. */
    public static Optional<String> caffeType(String choice) {
        return Optional.ofNullable(TYPES.get(choice));
    }

    /**
     * The in-place activation layer after {@code node}, when its {@code activation} parameter is not
     * {@code none}: for a mapping's {@link CaffeMapping#exportNode} of a kind with that parameter.
     */
    public static Optional<CaffeLayer> export(Node node, Params params, ExportContext context) {
        Object activation = params.asMap().get("activation");
        if (!(activation instanceof String choice) || !TYPES.containsKey(choice)) {
            return Optional.empty();
        }
        String id = node.id();
        int slash = id.lastIndexOf('/');
        String name = id.substring(0, slash + 1) + choice + "_" + id.substring(slash + 1);
        return Optional.of(CaffeLayer.of(context.layerName(name), TYPES.get(choice), List.of(id), List.of(id)));
    }
}
