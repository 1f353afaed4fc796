package org.cnnworkbench.engine.io.prototxt;

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
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.kinds.ParamSpec;
import org.cnnworkbench.engine.kinds.ParamType;
import org.cnnworkbench.engine.model.Node;

/**
 * The state of one prototxt import ({@link PrototxtImporter}): fed the layers in file order, it keeps the nodes
 * made so far, which node each blob names at this point of the file, and what was skipped or warned about.
 */
final class ImportRun {

    /** Types that are not part of the network at inference, left out with this reason. */
    private static final Map<String, String> IGNORED = Map.of(
            "Accuracy", "ignored: accuracy is measured while testing, it is not a layer of the network",
            "Silence", "ignored: it only discards blobs");
    /** Types whose output has the shape of their first input, so that skipping one keeps the shapes after it. */
    private static final Set<String> SHAPE_KEEPING = Set.of("ReLU", "PReLU", "ELU", "Sigmoid", "TanH", "AbsVal",
            "BNLL", "Power", "Exp", "Log", "Threshold", "Scale", "Bias", "MVN", "Dropout", "LRN", "BatchNorm",
            "Clip", "Swish", "Softmax");

    private final KindRegistry kinds;
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

    ImportRun(KindRegistry kinds, String source) {
        this.kinds = kinds;
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
            if (itsUnit.isPresent() && !itsUnit.get().isBuiltIn()
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
                (unit.isBuiltIn() ? builtIn : plugins).add(new Claim(unit, mapping.get()));
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
            String id = ImportRun.this.newId(wanted, newIds);
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
            return ImportRun.this.input(blob);
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

    private record Claim(LayerKind unit, CaffeMapping mapping) {
    }
}

