package org.cnnworkbench.engine.builtin;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.dl4j.BuiltInDl4jMappings;
import org.cnnworkbench.engine.dl4j.Dl4jMapping;
import org.cnnworkbench.engine.dl4j.Dl4jModelExporter;
import org.cnnworkbench.engine.io.JsonExporter;
import org.cnnworkbench.engine.io.prototxt.BuiltInCaffeMappings;
import org.cnnworkbench.engine.io.prototxt.CaffeMapping;
import org.cnnworkbench.engine.io.prototxt.PrototxtExporter;
import org.cnnworkbench.engine.kinds.AddKind;
import org.cnnworkbench.engine.kinds.ConcatKind;
import org.cnnworkbench.engine.kinds.ConvDetKind;
import org.cnnworkbench.engine.kinds.ConvKind;
import org.cnnworkbench.engine.kinds.ElementwiseKind;
import org.cnnworkbench.engine.kinds.FcKind;
import org.cnnworkbench.engine.kinds.FireKind;
import org.cnnworkbench.engine.kinds.FlattenKind;
import org.cnnworkbench.engine.kinds.GlobalAvgPoolKind;
import org.cnnworkbench.engine.kinds.InputKind;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.kinds.PoolKind;
import org.cnnworkbench.engine.plugin.NetworkExporter;
import org.cnnworkbench.engine.plugin.Plugins;
import org.cnnworkbench.engine.plugin.WorkbenchPlugin;

/**
 * The workbench's own kinds, provided the way a plugin provides its kinds: each is one unit with its formulas,
 * palette entry, DL4J mapping and Caffe mapping, and this list is the only place that names them. Found on the class path through
 * {@code META-INF/services/org.cnnworkbench.engine.plugin.WorkbenchPlugin}.
 */
public final class BuiltInPlugin implements WorkbenchPlugin {

    @Override
    public String id() {
        return Plugins.BUILT_IN;
    }

    @Override
    public String name() {
        return "Built-in kinds and exports";
    }

    /** The spec file, the DL4J model and Caffe prototxt (the application adds the report the same way). */
    @Override
    public List<NetworkExporter> exporters() {
        return List.of(new JsonExporter(), new Dl4jModelExporter(), new PrototxtExporter());
    }

    @Override
    public List<LayerKind> kinds() {
        return List.of(
                LayerKind.of(new InputKind())
                        .withPalette("Input", Map.of("channels", 3L, "height", 227L, "width", 227L))
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::input))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.input()),
                LayerKind.of(new ConvKind())
                        .withPalette("Convolution", Map.of("filters", 64L, "kernel", 3L))
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::conv))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.conv()),
                LayerKind.of(PoolKind.max())
                        .withPalette("Max pooling", Map.of("kernel", 3L, "stride", 2L))
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::maxPool))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.maxPool()),
                LayerKind.of(PoolKind.average())
                        .withPalette("Average pooling", Map.of("kernel", 3L, "stride", 2L))
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::avgPool))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.avgPool()),
                LayerKind.of(new GlobalAvgPoolKind())
                        .withPalette("Global average pooling", Map.of())
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::globalAveragePool))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.globalAvgPool()),
                LayerKind.of(ElementwiseKind.relu())
                        .withPalette("ReLU", Map.of())
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::relu))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.relu()),
                LayerKind.of(ElementwiseKind.lrn())
                        .withPalette("Local response normalisation", Map.of())
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::lrn))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.lrn()),
                LayerKind.of(ElementwiseKind.batchnorm())
                        .withPalette("Batch normalisation", Map.of())
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::batchnorm))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.batchnorm()),
                LayerKind.of(ElementwiseKind.dropout())
                        .withPalette("Dropout", Map.of())
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::dropout))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.dropout()),
                LayerKind.of(new FcKind())
                        .withPalette("Fully connected", Map.of("units", 1000L))
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::fullyConnected))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.fullyConnected()),
                LayerKind.of(ElementwiseKind.softmax())
                        .withPalette("Softmax", Map.of())
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::softmax))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.softmax()),
                LayerKind.of(new ConvDetKind())
                        .withPalette("ConvDet (detection head)", Map.of("classes", 3L))
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::convdet))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.convdet()),
                LayerKind.of(new ConcatKind())
                        .withPalette("Concatenate", Map.of())
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::concat))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.concat()),
                LayerKind.of(new AddKind())
                        .withPalette("Add", Map.of())
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::add))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.add()),
                LayerKind.of(new FlattenKind())
                        .withPalette("Flatten", Map.of())
                        .withBridge(Dl4jMapping.class, Dl4jMapping.lazily(() -> BuiltInDl4jMappings::flatten))
                        .withBridge(CaffeMapping.class, BuiltInCaffeMappings.flatten()),
                // a composite: the DL4J converter and the prototxt exporter expand it into primitives, so it needs
                // neither mapping of its own (the prototxt importer recognises it: FireRecognition)
                LayerKind.of(new FireKind())
                        .withPalette("Fire module", Map.of("s1x1", 16L, "e1x1", 64L, "e3x3", 64L)));
    }
}
