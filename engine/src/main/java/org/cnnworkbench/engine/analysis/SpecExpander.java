package org.cnnworkbench.engine.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.DuplicateNodeIdException;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * Replaces every composite node (such as {@code fire}) by the primitive nodes it stands for. The composite's
 * last part keeps its id, so the rest of the graph is unchanged; analysing the result gives the same totals.
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
     *
     * @throws IllegalArgumentException if a part's id is already used by another node
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
        List<Node> nodes = new ArrayList<>();
        for (int i : structure.order) {
            Node node = spec.nodes().get(i);
            KindDescriptor kind = kinds.find(node.kind()).orElse(null);
            Params.Resolution resolution = kind == null || !kind.isComposite() || node.inputs().size() != 1
                    || !expandable.test(node) ? null : Params.resolve(kind.parameters(), node.params());
            if (resolution != null && resolution.ok()) {
                nodes.addAll(kind.expand(node, resolution.params()));
            } else {
                nodes.add(node);
            }
        }
        try {
            return new NetworkSpec(spec.name(), spec.description(), nodes);
        } catch (DuplicateNodeIdException e) {
            throw new IllegalArgumentException("cannot expand composites: the part '" + e.nodeId()
                    + "' has the id of another node; rename that node", e);
        }
    }
}
