package org.cnnworkbench.engine.io.prototxt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cnnworkbench.engine.io.SourceLocation;
import org.cnnworkbench.engine.io.SpecFiles;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.kinds.ParamSpec;
import org.cnnworkbench.engine.kinds.ParamType;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.plugin.Plugins;

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

    /** Types that are not part of the network at inference, left out with this reason. */
    private static final Map<String, String> IGNORED = Map.of(
            "Accuracy", "ignored: accuracy is measured while testing, it is not a layer of the network",
            "Silence", "ignored: it only discards blobs");
    /** Types whose output has the shape of their first input, so that skipping one keeps the shapes after it. */
    private static final Set<String> SHAPE_KEEPING = Set.of("ReLU", "PReLU", "ELU", "Sigmoid", "TanH", "AbsVal",
            "BNLL", "Power", "Exp", "Log", "Threshold", "Scale", "Bias", "MVN", "Dropout", "LRN", "BatchNorm",
            "Clip", "Swish", "Softmax");

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
        Run run = new Run(source);
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

    /** Whether the layer is part of the TEST phase, by its include and exclude rules. */
    private static boolean inTestPhase(CaffeLayer layer) throws SpecFormatException {
        List<ProtoMessage> includes = layer.message().messages("include");
        for (ProtoMessage exclude : layer.message().messages("exclude")) {
            if (exclude.enumValue("phase").map("TEST"::equals).orElse(false)) {
                return false;
            }
        }
        if (includes.isEmpty()) {
            return true;
        }
        for (ProtoMessage include : includes) {
            if (include.enumValue("phase").map("TEST"::equals).orElse(true)) {
                return true;
            }
        }
        return false;
    }

    /** The state of one import: nodes so far, which node each blob names, what was skipped. */
    private final class Run {

        final String source;
        final Map<String, Node> nodes = new LinkedHashMap<>();
        final Map<String, SourceLocation> locations = new HashMap<>();
        final Map<String, String> blobs = new HashMap<>();
        final Set<String> consumed = new HashSet<>();
        final Set<String> ids = new HashSet<>();
        final Set<String> skippedBlobs = new HashSet<>();
        final List<PrototxtImport.Skipped> skipped = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        int position;

        Run(String source) {
            this.source = source;
        }

        void importLayer(CaffeLayer layer) throws SpecFormatException {
            position++;
            if (!inTestPhase(layer)) {
                skip(layer, "only in the TRAIN phase; the import takes the TEST (deploy) network");
                return;
            }
            if (IGNORED.containsKey(layer.type())) {
                skip(layer, IGNORED.get(layer.type()));
                return;
            }
            if (layer.type().equals("Split") && layer.bottoms().size() == 1) {
                String from = input(layer.bottoms().get(0));
                layer.tops().forEach(top -> blobs.put(top, from));
                return;
            }
            if (fuseActivation(layer)) {
                return;
            }
            Set<String> reasons = new LinkedHashSet<>();
            for (Claim claim : claims(layer.type())) {
                Attempt attempt = new Attempt(layer, reasons);
                Optional<List<Node>> made = claim.mapping().importLayer(layer, attempt);
                if (made.isPresent()) {
                    accept(layer, made.get(), claim.unit(), attempt);
                    return;
                }
            }
            String reason = reasons.isEmpty() ? "no installed kind imports the Caffe type '" + layer.type() + "'"
                    : String.join("; ", reasons);
            if (layer.bottoms().size() == 1 && SHAPE_KEEPING.contains(layer.type()) && !layer.inPlace()) {
                String from = input(layer.bottoms().get(0));
                layer.tops().forEach(top -> blobs.put(top, from));
                reason += "; the layers after it take its input '" + from + "' instead";
            } else if (!layer.inPlace()) {
                layer.tops().forEach(top -> {
                    blobs.remove(top);
                    skippedBlobs.add(top);
                });
            }
            skip(layer, reason);
        }

        /** An in-place activation after a node whose kind has that choice of {@code activation}, fused into it. */
        private boolean fuseActivation(CaffeLayer layer) throws SpecFormatException {
            Optional<String> choice = CaffeActivations.choiceOf(layer.type());
            if (choice.isEmpty() || !layer.inPlace()
                    || layer.param("relu_param").decimal("negative_slope", 0) != 0) {
                return false;
            }
            String id = blobs.get(layer.bottoms().get(0));
            Node before = id == null ? null : nodes.get(id);
            if (before == null || consumed.contains(id) || !hasActivationChoice(before.kind(), choice.get())) {
                return false;
            }
            Object current = before.param("activation");
            if (current != null && !"none".equals(current)) {
                return false;
            }
            nodes.put(id, before.withParam("activation", choice.get()));
            return true;
        }

        private boolean hasActivationChoice(String kind, String choice) {
            Optional<KindDescriptor> descriptor = kinds.find(kind);
            if (descriptor.isEmpty()) {
                return false;
            }
            for (ParamSpec p : descriptor.get().parameters()) {
                if (p.name().equals("activation") && p.type() == ParamType.CHOICE && p.choices().contains(choice)) {
                    return true;
                }
            }
            return false;
        }

        private void accept(CaffeLayer layer, List<Node> made, LayerKind unit, Attempt attempt) {
            attempt.replaced.forEach(n -> nodes.put(n.id(), n));
            warnings.addAll(attempt.warnings);
            for (Node node : made) {
                Node recorded = node;
                Optional<LayerKind> itsUnit = kinds.unit(node.kind());
                if (itsUnit.isPresent() && !itsUnit.get().plugin().equals(Plugins.BUILT_IN)
                        && !itsUnit.get().plugin().isEmpty() && node.plugin().isEmpty()) {
                    recorded = node.withPlugin(itsUnit.get().plugin());
                }
                ids.add(recorded.id());
                nodes.put(recorded.id(), recorded);
                locations.put(recorded.id(), layer.location());
                consumed.addAll(recorded.inputs());
            }
            if (layer.tops().isEmpty()) {
                return;
            }
            if (made.isEmpty()) {
                if (!layer.bottoms().isEmpty()) {
                    blobs.put(layer.tops().get(0), input(layer.bottoms().get(0)));
                }
            } else {
                blobs.put(layer.tops().get(0), made.get(made.size() - 1).id());
            }
            for (String extra : layer.tops().subList(1, layer.tops().size())) {
                blobs.remove(extra);
            }
        }

        void skip(CaffeLayer layer, String reason) {
            skipped.add(new PrototxtImport.Skipped(layer.name().isEmpty() ? "(unnamed)" : layer.name(),
                    layer.type().isEmpty() ? "no type" : layer.type(), layer.location(), reason));
        }

        String input(String blob) {
            return blobs.getOrDefault(blob, blob);
        }

        String newId(String wanted, Set<String> alsoTaken) {
            String base = wanted.isBlank() ? "layer" + position : wanted;
            String id = base;
            for (int k = 2; ids.contains(id) || alsoTaken.contains(id); k++) {
                id = base + "~" + k;
            }
            return id;
        }

        private List<Claim> claims(String type) {
            List<Claim> plugins = new ArrayList<>();
            List<Claim> builtIn = new ArrayList<>();
            for (LayerKind unit : kinds.units()) {
                Optional<CaffeMapping> mapping = unit.bridge(CaffeMapping.class);
                if (mapping.isPresent() && mapping.get().caffeTypes().contains(type)) {
                    (unit.plugin().equals(Plugins.BUILT_IN) ? builtIn : plugins).add(new Claim(unit, mapping.get()));
                }
            }
            plugins.addAll(builtIn);
            return plugins;
        }

        /** One mapping's try at a layer: what it changes takes effect only when it accepts. */
        private final class Attempt implements ImportContext {
            final CaffeLayer layer;
            final Set<String> reasons;
            final Set<String> newIds = new HashSet<>();
            final List<Node> replaced = new ArrayList<>();
            final List<String> warnings = new ArrayList<>();

            Attempt(CaffeLayer layer, Set<String> reasons) {
                this.layer = layer;
                this.reasons = reasons;
            }

            @Override
            public String newId(CaffeLayer of) {
                String name = of.name().isBlank() ? of.type().toLowerCase(Locale.ROOT) + position : of.name();
                return newId(name);
            }

            @Override
            public String newId(String wanted) {
                String id = Run.this.newId(wanted, newIds);
                newIds.add(id);
                return id;
            }

            @Override
            public String input(String blob) {
                if (!blobs.containsKey(blob) && !skippedBlobs.contains(blob)) {
                    String warning = SourceLocation.where(source, layer.location()) + ": layer "
                            + layer.describe() + " reads the blob '" + blob + "', which no layer before it writes";
                    if (!warnings.contains(warning)) {
                        warnings.add(warning);
                    }
                }
                return Run.this.input(blob);
            }

            @Override
            public List<String> inputs(CaffeLayer of) {
                List<String> result = new ArrayList<>();
                for (String bottom : of.bottoms()) {
                    result.add(input(bottom));
                }
                return result;
            }

            @Override
            public Optional<Node> producer(String blob) {
                String id = blobs.get(blob);
                return id == null ? Optional.empty() : Optional.ofNullable(nodes.get(id));
            }

            @Override
            public boolean isConsumed(String id) {
                return consumed.contains(id);
            }

            @Override
            public void replace(Node node) {
                if (!nodes.containsKey(node.id())) {
                    throw new IllegalArgumentException("no imported node '" + node.id() + "' to replace");
                }
                replaced.add(node);
            }

            @Override
            public void warn(CaffeLayer of, String message) {
                warnings.add(SourceLocation.where(source, of.location()) + ": layer " + of.describe() + ": "
                        + message);
            }

            @Override
            public <T> Optional<T> decline(String reason) {
                reasons.add(reason);
                return Optional.empty();
            }
        }
    }

    private record Claim(LayerKind unit, CaffeMapping mapping) {
    }
}
