package org.cnnworkbench.engine.io.prototxt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cnnworkbench.engine.io.SourceLocation;
import org.cnnworkbench.engine.kinds.IntPair;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * Finds SqueezeNet's Fire modules among primitive nodes: exactly what {@code fire} expands into. A squeeze conv
 * (1x1, stride 1, no padding, one group, bias, ReLU) whose only consumers are an expand 1x1 conv and/or an expand
 * 3x3 conv (padding 1, otherwise the same), which in turn feed only one concat of [expand1x1, expand3x3] in that
 * order, becomes one fire node; when that concat feeds only an add with the squeeze's input (in that order), the
 * add is the module's bypass and is taken in too. The fire node takes the concat's id (the add's with a bypass),
 * without a {@code /concat} suffix when that name is free: the released SqueezeNet's {@code fire2/concat} becomes
 * {@code fire2}.
 */
public final class FireRecognition {

    private FireRecognition() {
    }

    /**
     * The spec with every Fire pattern among its primitive nodes replaced by a fire node (what the importer does
     * with {@link PrototxtImporter.Options#recogniseFire()}); the spec itself when it has none.
     *
     * <pre>{@code
     * NetworkSpec collapsed = FireRecognition.recognise(SpecExpander.expand(squeezenet, kinds), kinds);
     * }</pre>
     */
    public static NetworkSpec recognise(NetworkSpec spec, KindRegistry kinds) {
        List<Node> nodes = apply(spec.nodes(), new HashMap<>(), kinds);
        return nodes == spec.nodes() ? spec : new NetworkSpec(spec.name(), spec.description(), nodes);
    }

    /** The nodes with every Fire pattern replaced by a fire node; {@code locations} is updated to match. */
    static List<Node> apply(List<Node> nodes, Map<String, SourceLocation> locations, KindRegistry kinds) {
        Map<String, Node> byId = new LinkedHashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n));
        Map<String, List<String>> consumers = new HashMap<>();
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n.id());
            }
        }
        Map<String, Node> fireAt = new HashMap<>();
        Set<String> parts = new HashSet<>();
        Map<String, String> renamed = new HashMap<>();
        for (Node n : nodes) {
            if (!n.kind().equals("concat") || parts.contains(n.id())) {
                continue;
            }
            Optional<Match> match = match(n, byId, consumers, kinds);
            if (match.isEmpty() || match.get().parts().stream().anyMatch(parts::contains)) {
                continue;
            }
            Match m = match.get();
            String last = m.bypass() == null ? n.id() : m.bypass().id();
            String id = last;
            if (m.bypass() == null && id.endsWith("/concat")) {
                String stem = id.substring(0, id.length() - "/concat".length());
                if (!stem.isEmpty() && !byId.containsKey(stem)) {
                    id = stem;
                }
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("s1x1", m.squeezeFilters());
            params.put("e1x1", m.e1x1());
            params.put("e3x3", m.e3x3());
            if (m.bypass() != null) {
                params.put("bypass", true);
            }
            fireAt.put(last, Node.of(id, "fire", List.of(m.input()), params));
            parts.addAll(m.parts());
            if (!id.equals(last)) {
                renamed.put(last, id);
            }
            SourceLocation start = locations.get(m.parts().get(0));
            m.parts().forEach(locations::remove);
            if (start != null) {
                locations.put(id, start);
            }
        }
        if (fireAt.isEmpty()) {
            return nodes;
        }
        List<Node> result = new ArrayList<>();
        for (Node n : nodes) {
            Node node = fireAt.containsKey(n.id()) ? fireAt.get(n.id()) : parts.contains(n.id()) ? null : n;
            if (node != null) {
                result.add(node.withInputs(node.inputs().stream().map(in -> renamed.getOrDefault(in, in)).toList()));
            }
        }
        return result;
    }

    /** A found module: its input, its nodes from the squeeze to the concat (or add), and its widths. */
    private record Match(String input, List<String> parts, long squeezeFilters, long e1x1, long e3x3, Node bypass) {
    }

    private static Optional<Match> match(Node concat, Map<String, Node> byId, Map<String, List<String>> consumers,
                                         KindRegistry kinds) {
        List<String> inputs = concat.inputs();
        if (inputs.isEmpty() || inputs.size() > 2) {
            return Optional.empty();
        }
        Node first = byId.get(inputs.get(0));
        Node second = inputs.size() == 2 ? byId.get(inputs.get(1)) : null;
        if (first == null || (inputs.size() == 2 && (second == null || first == second))) {
            return Optional.empty();
        }
        Node e1 = null;
        Node e3 = null;
        if (second != null) {
            e1 = convOf(first, 1, 0, kinds).isPresent() ? first : null;
            e3 = convOf(second, 3, 1, kinds).isPresent() ? second : null;
            if (e1 == null || e3 == null) {
                return Optional.empty();
            }
        } else if (convOf(first, 1, 0, kinds).isPresent()) {
            e1 = first;
        } else if (convOf(first, 3, 1, kinds).isPresent()) {
            e3 = first;
        } else {
            return Optional.empty();
        }
        List<Node> expands = new ArrayList<>();
        if (e1 != null) {
            expands.add(e1);
        }
        if (e3 != null) {
            expands.add(e3);
        }
        String squeezeId = expands.get(0).inputs().size() == 1 ? expands.get(0).inputs().get(0) : null;
        for (Node e : expands) {
            if (e.inputs().size() != 1 || !e.inputs().get(0).equals(squeezeId)
                    || !consumers.getOrDefault(e.id(), List.of()).equals(List.of(concat.id()))) {
                return Optional.empty();
            }
        }
        Node squeeze = byId.get(squeezeId);
        Optional<Long> squeezeFilters = squeeze == null ? Optional.empty() : convOf(squeeze, 1, 0, kinds);
        if (squeezeFilters.isEmpty() || squeeze.inputs().size() != 1) {
            return Optional.empty();
        }
        List<String> squeezeConsumers = new ArrayList<>(consumers.getOrDefault(squeezeId, List.of()));
        List<String> expandIds = new ArrayList<>(expands.stream().map(Node::id).toList());
        squeezeConsumers.sort(null);
        expandIds.sort(null);
        if (!squeezeConsumers.equals(expandIds)) {
            return Optional.empty();
        }
        String input = squeeze.inputs().get(0);
        List<String> parts = new ArrayList<>(List.of(squeezeId));
        expands.forEach(e -> parts.add(e.id()));
        parts.add(concat.id());
        Node bypass = null;
        List<String> afterConcat = consumers.getOrDefault(concat.id(), List.of());
        if (afterConcat.size() == 1) {
            Node add = byId.get(afterConcat.get(0));
            if (add != null && add.kind().equals("add") && add.params().isEmpty()
                    && add.inputs().equals(List.of(concat.id(), input))) {
                bypass = add;
                parts.add(add.id());
            }
        }
        long e1x1 = e1 == null ? 0 : convOf(e1, 1, 0, kinds).orElseThrow();
        long e3x3 = e3 == null ? 0 : convOf(e3, 3, 1, kinds).orElseThrow();
        return Optional.of(new Match(input, parts, squeezeFilters.get(), e1x1, e3x3, bypass));
    }

    /** The filters of a conv node with this square kernel and padding, stride 1, one group, bias and ReLU. */
    private static Optional<Long> convOf(Node node, long kernel, long pad, KindRegistry kinds) {
        if (!node.kind().equals("conv") || node.inputs().size() != 1 || !node.plugin().isEmpty()) {
            return Optional.empty();
        }
        Optional<KindDescriptor> conv = kinds.find("conv");
        if (conv.isEmpty()) {
            return Optional.empty();
        }
        Params.Resolution r = Params.resolve(conv.get().parameters(), node.params());
        if (!r.ok()) {
            return Optional.empty();
        }
        Params p = r.params();
        boolean fits = p.pair("kernel").equals(new IntPair(kernel, kernel)) && p.pair("pad").equals(new IntPair(pad, pad))
                && p.pair("stride").equals(new IntPair(1, 1)) && p.integer("groups") == 1 && p.flag("bias")
                && p.choice("activation").equals("relu");
        return fits ? Optional.of(p.integer("filters")) : Optional.empty();
    }
}
