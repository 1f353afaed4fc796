package org.cnnworkbench.engine.properties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;

/** Random single-node edits of a spec, decided by {@link Choices}. */
final class Edits {

    /** Kinds that can replace each other without changing the node's inputs or parameters. */
    private static final List<List<String>> SWAPPABLE = List.of(
            List.of("relu", "softmax", "dropout", "batchnorm"),
            List.of("concat", "add"),
            List.of("maxpool", "avgpool"),
            List.of("globalavgpool", "flatten"));

    private Edits() {
    }

    /**
     * Sets one parameter of a random node to another value in its declared range (which may or may not keep
     * the network valid), resets it to its default, or swaps the kind for a compatible one.
     */
    static Edit parameterEdit(NetworkSpec spec, Choices c) {
        Node node = spec.nodes().get(c.pick(spec.size()));
        Map<String, List<Object>> domains = domains(node.kind());
        List<String> swaps = SWAPPABLE.stream().filter(g -> g.contains(node.kind())).findFirst().orElse(List.of());
        if (!swaps.isEmpty() && (domains.isEmpty() || c.oneIn(4))) {
            List<String> others = new ArrayList<>(swaps);
            others.remove(node.kind());
            String kind = c.of(others);
            Node swapped = new Node(node.id(), kind, node.inputs(), node.params());
            if (!kind.equals("batchnorm") && !kind.equals("dropout")) {
                swapped = new Node(node.id(), kind, node.inputs(), Map.of());
            }
            return new Edit("change the kind of " + node.id() + " from " + node.kind() + " to " + kind,
                    node.id(), spec.withNode(swapped), false);
        }
        if (domains.isEmpty()) {
            // A node without parameters: give it a wrong one, which the analysis must report.
            return new Edit("give " + node.id() + " the unknown parameter 'filters'", node.id(),
                    spec.withNode(node.withParam("filters", 8L)), false);
        }
        String name = c.of(new ArrayList<>(domains.keySet()));
        Object current = node.param(name);
        if (current != null && !name.equals("filters") && !name.equals("units") && !name.equals("channels")
                && !name.equals("height") && !name.equals("width") && !name.equals("kernel")
                && !name.startsWith("s1") && !name.startsWith("e") && c.oneIn(4)) {
            return new Edit("reset " + node.id() + "." + name + " to its default", node.id(),
                    spec.withNode(node.withoutParam(name)), false);
        }
        List<Object> domain = domains.get(name);
        int i = c.pick(domain.size());
        if (domain.get(i).equals(current)) {
            i = (i + 1) % domain.size();
        }
        Object value = domain.get(i);
        return new Edit("set " + node.id() + "." + name + " from " + current + " to " + value, node.id(),
                spec.withNode(node.withParam(name, value)), false);
    }

    /** Values within the declared range of each parameter of a kind. */
    private static Map<String, List<Object>> domains(String kind) {
        Map<String, List<Object>> d = new LinkedHashMap<>();
        switch (kind) {
            case "input" -> {
                d.put("channels", longs(1, 8));
                d.put("height", longs(1, 80));
                d.put("width", longs(1, 80));
            }
            case "conv" -> {
                d.put("filters", longs(1, 64));
                List<Object> kernels = longs(1, 7);
                kernels.add(List.of(1L, 3L));
                kernels.add(List.of(5L, 2L));
                d.put("kernel", kernels);
                d.put("stride", longs(1, 3));
                d.put("pad", longs(0, 3));
                d.put("groups", longs(1, 4));
                d.put("bias", List.of(true, false));
                d.put("activation", new ArrayList<>(ValidNetworkBuilder.ACTIVATIONS));
            }
            case "maxpool", "avgpool" -> {
                d.put("kernel", longs(1, 6));
                d.put("stride", longs(1, 3));
                d.put("pad", longs(0, 2));
                d.put("rounding", List.of("floor", "ceil"));
            }
            case "fire" -> {
                d.put("s1x1", longs(1, 32));
                d.put("e1x1", longs(0, 32));
                d.put("e3x3", longs(0, 32));
                d.put("bypass", List.of(true, false));
            }
            case "fc" -> {
                d.put("units", longs(1, 100));
                d.put("bias", List.of(true, false));
                d.put("activation", new ArrayList<>(ValidNetworkBuilder.ACTIVATIONS));
            }
            case "lrn" -> d.put("size", List.of(1L, 3L, 5L, 7L, 9L));
            case "batchnorm" -> d.put("affine", List.of(true, false));
            case "dropout" -> d.put("rate", List.of(0.0, 0.1, 0.5, 0.9));
            default -> {
            }
        }
        return d;
    }

    private static List<Object> longs(long min, long max) {
        List<Object> values = new ArrayList<>();
        for (long v = min; v <= max; v++) {
            values.add(v);
        }
        return values;
    }

    /**
     * Removes a non-input node, adds a valid node at a random position, or points one input of a node at
     * another node (possibly a later one, which may close a cycle, or a missing one).
     * {@code report} must be the analysis of {@code spec}; an added node takes only computed nodes as inputs.
     */
    static Edit structuralEdit(NetworkSpec spec, AnalysisReport report, Choices c) {
        List<Node> withInputs = spec.nodes().stream().filter(n -> !n.inputs().isEmpty()).toList();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        spec.nodes().forEach(n -> shapes.put(n.id(), report.result(n.id()).orElseThrow().output()));
        ValidNetworkBuilder builder = ValidNetworkBuilder.continuing(spec, shapes, "added");
        int what = c.pick(3);
        if ((what == 0 || withInputs.isEmpty()) && builder.hasNodes()) {
            Node added = builder.step(c);
            List<Node> nodes = new ArrayList<>(spec.nodes());
            int at = c.pick(nodes.size() + 1);
            nodes.add(at, added);
            return new Edit("add " + added + " at position " + at, added.id(),
                    new NetworkSpec(spec.name(), spec.description(), nodes), true);
        }
        if (withInputs.isEmpty()) {
            Node node = c.of(spec.nodes());
            return new Edit("remove " + node.id(), node.id(), spec.withoutNode(node.id()), true);
        }
        Node node = c.of(withInputs);
        if (what == 1) {
            return new Edit("remove " + node.id(), node.id(), spec.withoutNode(node.id()), true);
        }
        int slot = c.pick(node.inputs().size());
        List<String> ids = new ArrayList<>(spec.nodes().stream().map(Node::id).toList());
        ids.add("ghost");
        int t = c.pick(ids.size());
        if (ids.get(t).equals(node.inputs().get(slot))) {
            t = (t + 1) % ids.size();
        }
        String target = ids.get(t);
        List<String> inputs = new ArrayList<>(node.inputs());
        String old = inputs.set(slot, target);
        return new Edit("rewire input " + slot + " of " + node.id() + " from " + old + " to " + target, node.id(),
                spec.withNode(node.withInputs(inputs)), true);
    }
}
