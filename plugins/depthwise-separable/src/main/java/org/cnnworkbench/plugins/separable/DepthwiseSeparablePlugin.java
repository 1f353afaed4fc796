package org.cnnworkbench.plugins.separable;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.dl4j.Dl4jMapping;
import org.cnnworkbench.engine.io.prototxt.CaffeMapping;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.plugin.WorkbenchPlugin;

/**
 * The example plugin: the depthwise-separable convolution of MobileNet as the kind {@code dwsep}, with its
 * formulas ({@link DepthwiseSeparableKind}), its palette entry, its DL4J conversion
 * ({@link DepthwiseSeparableDl4j}) and its Caffe prototxt export ({@link DepthwiseSeparableCaffe}). Declared in {@code META-INF/services/org.cnnworkbench.engine.plugin.WorkbenchPlugin};
 * docs/plugins.md walks through it.
 */
public final class DepthwiseSeparablePlugin implements WorkbenchPlugin {

    public static final String ID = "depthwise-separable";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Depthwise-separable convolution (MobileNet)";
    }

    @Override
    public List<LayerKind> kinds() {
        return List.of(LayerKind.of(new DepthwiseSeparableKind())
                .withPalette("Depthwise separable", Map.of("filters", 64L))
                .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> DepthwiseSeparableDl4j::add))
                .withBridge(CaffeMapping.class, new DepthwiseSeparableCaffe()));
    }
}
