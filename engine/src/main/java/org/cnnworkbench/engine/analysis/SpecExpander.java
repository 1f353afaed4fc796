package org.cnnworkbench.engine.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * Replaces every composite node (such as {@code fire}) by the primitive nodes it stands for. The composite's
 * last part keeps its id, so the rest of the graph is unchanged; analysing the result gives the same totals.
 * A part is named {@code composite/part}; when a node of the spec already has that name, the part gets the
 * first free name {@code composite/part~2}, {@code ~3}, ... instead, so expansion never fails.
 *
 * <pre>{@code
 * NetworkSpec primitive = SpecExpander.expand(squeezenet, KindRegistry.standard());
 * // fire2 becomes fire2/squeeze1x1, fire2/expand1x1, fire2/expand3x3 and the concat fire2
 * }</pre>
 */
public final class SpecExpander {

    private SpecExpander() {
    }

    /**
     * The expanded spec, with nodes in topological order; {@code spec} itself when it has no composite.
     * A composite whose parameters are invalid is kept as it is (the analysis reports it).
     */
    public static NetworkSpec expand(NetworkSpec spec, KindRegistry kinds) {
        return expand(spec, kinds, node -> true);
    }

    /** {@link #expand} of only the composites that {@code expandable} accepts. */
    static NetworkSpec expand(NetworkSpec spec, KindRegistry kinds, Predicate<Node> expandable) {
        boolean any = spec.nodes().stream().anyMatch(n -> expandable.test(n)
                && kinds.find(n.kind()).map(KindDescriptor::isComposite).orElse(false));
        if (!any) {
            return spec;
        }
        Structure structure = Structure.of(spec);
        Set<String> taken = new HashSet<>();
        spec.nodes().forEach(n -> taken.add(n.id()));
        List<Node> nodes = new ArrayList<>();
        for (int i : structure.order) {
            Node node = spec.nodes().get(i);
            KindDescriptor kind = kinds.find(node.kind()).orElse(null);
            Params.Resolution resolution = kind == null || !kind.isComposite() || node.inputs().size() != 1
                    || !expandable.test(node) ? null : Params.resolve(kind.parameters(), node.params());
            if (resolution != null && resolution.ok()) {
                nodes.addAll(expandUniquely(node, kind, resolution.params(), taken));
            } else {
                nodes.add(node);
            }
        }
        return new NetworkSpec(spec.name(), spec.description(), nodes);
    }

    /**
     * The parts of {@code composite}, with every part id that another node already has replaced by a free one.
     * The composite is expanded with a stand-in for its input, so that a reference to the input and one to a
     * part of the same name cannot be confused.
     */
    private static List<Node> expandUniquely(Node composite, KindDescriptor kind, Params params, Set<String> taken) {
        String input = composite.inputs().get(0);
        String standIn = "<input of " + composite.id() + ">";
        List<Node> parts = kind.expand(composite.withInputs(List.of(standIn)), params);
        for (int k = 2; containsId(parts, standIn); k++) {
            standIn = "<input of " + composite.id() + " " + k + ">";
            parts = kind.expand(composite.withInputs(List.of(standIn)), params);
        }
        Map<String, String> renamed = new HashMap<>();
        renamed.put(standIn, input);
        for (Node part : parts) {
            renamed.put(part.id(), part.id().equals(composite.id()) ? part.id() : freeName(part.id(), taken));
        }
        List<Node> result = new ArrayList<>(parts.size());
        for (Node part : parts) {
            List<String> inputs = part.inputs().stream().map(in -> renamed.getOrDefault(in, in)).toList();
            result.add(new Node(renamed.get(part.id()), part.kind(), inputs, part.params()));
        }
        return result;
    }

    /**
     * The name the workbench gives something of its own making (a composite's part, a DL4J vertex) when
     * {@code wanted} may already be taken: {@code wanted}, or the first free {@code wanted~2}, {@code wanted~3},
     * ...; the name returned is added to {@code taken}.
     */
    public static String freeName(String wanted, Set<String> taken) {
        String name = wanted;
        for (int k = 2; taken.contains(name); k++) {
            name = wanted + "~" + k;
        }
        taken.add(name);
        return name;
    }

    private static boolean containsId(List<Node> nodes, String id) {
        return nodes.stream().anyMatch(n -> n.id().equals(id));
    }
}
