package org.cnnworkbench.engine.io.prototxt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cnnworkbench.engine.io.SourceLocation;
import org.cnnworkbench.engine.io.SpecFiles;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.ParamSpec;
import org.cnnworkbench.engine.kinds.ParamType;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * Imports a Caffe {@code NetParameter} prototxt (text format; {@code layer} blocks and the old {@code layers}
 * blocks, top-level {@code input} with {@code input_shape} or {@code input_dim}) as a network spec. Each layer
 * goes to the {@link CaffeMapping}s of the installed kinds that claim its type, plugins' before the built-in ones;
 * docs/prototxt.md lists what the built-in kinds import.
 *
 * <ul>
 *   <li>The TEST (deploy) phase is imported: a layer that {@code include}s only the TRAIN phase (or excludes
 *       TEST) is skipped and listed.</li>
 *   <li>In-place layers are folded: a layer writing over its bottom ({@code top} = {@code bottom}) makes the
 *       next layers that read that blob take the new node. An in-place ReLU, Sigmoid or TanH right after a node
 *       with an {@code activation} parameter (conv, fc) is fused into it, as Caffe files write a fused
 *       activation ({@link CaffeActivations}); any other ReLU becomes a relu node.</li>
 *   <li>Accuracy and Silence are ignored and listed; Split layers are folded away.</li>
 *   <li>A layer no mapping accepts is skipped and listed with its line and the reason. The layers after it
 *       take its input instead when its type keeps the shape (an activation, a normalisation); otherwise they
 *       keep the name of its output blob, an input that does not exist, which the analysis reports on them.</li>
 *   <li>With {@link Options#recogniseFire()} (the default), SqueezeNet's squeeze/expand/concat pattern becomes
 *       a fire node ({@link FireRecognition}).</li>
 * </ul>
 *
 * <pre>{@code
 * PrototxtImport imported = PrototxtImporter.standard().read(Path.of("deploy.prototxt"));
 * imported.skipped().forEach(s -> System.err.println(s.describe(imported.source())));
 * NetworkSpec spec = imported.spec();
 * }</pre>
 */
public final class PrototxtImporter {

    /**
     * How to import.
     *
     * @param recogniseFire whether to turn squeeze 1x1 + ReLU, expand 1x1 and 3x3 + ReLU and their concat into a
     *                      fire node
     */
    public record Options(boolean recogniseFire) {
        /** Fire modules recognised. */
        public static final Options DEFAULT = new Options(true);
    }

    private final KindRegistry kinds;
    private final Options options;

    public PrototxtImporter(KindRegistry kinds, Options options) {
        this.kinds = kinds;
        this.options = options;
    }

    /** An importer of the installed kinds (built-in and plugins') with the default options. */
    public static PrototxtImporter standard() {
        return new PrototxtImporter(KindRegistry.standard(), Options.DEFAULT);
    }

    /** Whether a file name looks like a Caffe prototxt ({@code .prototxt}, any case). */
    public static boolean isPrototxt(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".prototxt");
    }

    /** Imports a file (at most {@link SpecFiles#MAX_BYTES}); the network is named by the file when it has no name. */
    public PrototxtImport read(Path file) throws SpecFormatException {
        String text = SpecFiles.readText(file);
        String base = file.getFileName() == null ? "network" : file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        return read(text, file.toString(), dot > 0 ? base.substring(0, dot) : base);
    }

    /** Imports text read from {@code source}; {@code fallbackName} names a network whose file gives none. */
    public PrototxtImport read(String text, String source, String fallbackName) throws SpecFormatException {
        ProtoMessage root = ProtoText.parse(text, source);
        List<CaffeLayer> layers = layers(root, source);
        ImportRun run = new ImportRun(kinds, source);
        for (CaffeLayer layer : layers) {
            run.importLayer(layer);
        }
        List<Node> nodes = new ArrayList<>();
        run.nodes.values().forEach(n -> nodes.add(withoutDefaults(n)));
        Map<String, SourceLocation> locations = new LinkedHashMap<>(run.locations);
        List<Node> result = options.recogniseFire() ? FireRecognition.apply(nodes, locations, kinds) : nodes;
        String name = root.text("name").filter(n -> !n.isBlank()).orElse(fallbackName);
        NetworkSpec spec = new NetworkSpec(name, "Imported from " + source + " (Caffe prototxt)", result);
        return new PrototxtImport(spec, source, locations, run.skipped, run.warnings);
    }

    /**
     * The node without the parameters that equal its kind's defaults, so that an imported network reads like one
     * written by hand and compares equal to it (a Caffe dropout_ratio of 0.5 is the dropout's default rate).
     */
    private Node withoutDefaults(Node node) {
        Optional<KindDescriptor> kind = kinds.find(node.kind());
        if (kind.isEmpty()) {
            return node;
        }
        Node result = node;
        for (ParamSpec p : kind.get().parameters()) {
            Object value = node.param(p.name());
            if (value != null && !p.required() && isDefault(p, value)) {
                result = result.withoutParam(p.name());
            }
        }
        return result;
    }

    private static boolean isDefault(ParamSpec p, Object value) {
        Object fallback = p.defaultValue();
        if (p.type() == ParamType.SIZE_LIST) {
            // [[36, 37]] and [[36.0, 37.0]] are the same sizes: compare what they resolve to
            Params.Resolution given = Params.resolve(List.of(p), Map.of(p.name(), value));
            return given.ok() && given.params().sizes(p.name())
                    .equals(Params.resolve(List.of(p), Map.of()).params().sizes(p.name()));
        }
        if (value instanceof Number n && fallback instanceof Number d) {
            return n.doubleValue() == d.doubleValue() && (p.type() != ParamType.INT_PAIR || value instanceof Long);
        }
        if (value instanceof List<?> list && list.size() == 2 && fallback instanceof Number d) {
            return list.stream().allMatch(v -> v instanceof Number n && n.doubleValue() == d.doubleValue());
        }
        return value.equals(fallback);
    }

    /** The layers in file order: the top-level inputs as Input layers, then the layer and layers blocks. */
    private static List<CaffeLayer> layers(ProtoMessage root, String source) throws SpecFormatException {
        if (!root.has("layer") && !root.has("layers") && !root.has("input")) {
            String what = root.has("base_lr") || root.has("net") || root.has("train_net")
                    ? "this looks like a Caffe solver file, not a network; import the network prototxt it names"
                    : "no layer { ... } blocks and no input: expected a Caffe network (NetParameter) prototxt";
            throw new SpecFormatException(source, root.fields().isEmpty() ? null : root.fields().get(0).location(),
                    what);
        }
        List<CaffeLayer> layers = new ArrayList<>(topLevelInputs(root, source));
        for (ProtoMessage.Field f : root.fields()) {
            if (f.name().equals("layer") || f.name().equals("layers")) {
                if (!(f.value() instanceof ProtoMessage.Nested n)) {
                    throw new SpecFormatException(source, f.location(), "'" + f.name()
                            + "' must be a block { ... }");
                }
                layers.add(CaffeLayer.read(n.message(), f.name().equals("layers")));
            }
        }
        return layers;
    }

    /** {@code input: "data"} with {@code input_shape { dim ... }} or four {@code input_dim}s per input. */
    private static List<CaffeLayer> topLevelInputs(ProtoMessage root, String source) throws SpecFormatException {
        List<ProtoMessage.Field> inputs = root.all("input");
        List<ProtoMessage> shapes = root.messages("input_shape");
        List<Long> dims = root.integers("input_dim");
        List<CaffeLayer> layers = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            String name = root.texts("input").get(i);
            List<Long> shape;
            if (i < shapes.size()) {
                shape = shapes.get(i).integers("dim");
            } else if (dims.size() >= 4 * (i + 1)) {
                shape = dims.subList(4 * i, 4 * i + 4);
            } else {
                throw new SpecFormatException(source, inputs.get(i).location(), "the input '" + name + "' has no "
                        + "shape: give it an input_shape { dim: ... } or four input_dim values (N, C, H, W)");
            }
            ProtoMessage.Builder dimBlock = ProtoMessage.builder();
            shape.forEach(d -> dimBlock.add("dim", d));
            ProtoMessage.Builder layer = ProtoMessage.builder().addText("name", name).addText("type", "Input")
                    .addText("top", name).add("input_param", ProtoMessage.builder().add("shape", dimBlock.build())
                            .build());
            ProtoMessage located = new ProtoMessage(layer.build().fields(), source, inputs.get(i).location());
            layers.add(new CaffeLayer(name, "Input", List.of(), List.of(name), located));
        }
        return layers;
    }
}
