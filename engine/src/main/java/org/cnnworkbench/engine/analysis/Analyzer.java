package org.cnnworkbench.engine.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * Computes an {@link AnalysisReport} for a spec, fully or incrementally after an edit. Never throws for an
 * invalid graph: every problem becomes a {@link Diagnostic} on its node, and every node that can still be
 * computed is.
 *
 * <pre>{@code
 * Analyzer analyzer = Analyzer.standard();
 * AnalysisReport before = analyzer.analyze(spec);
 * NetworkSpec edited = spec.withNode(spec.node("conv1").orElseThrow().withParam("filters", 64));
 * Reanalysis after = analyzer.reanalyze(before, edited, List.of("conv1"));
 * after.affected();   // [conv1, pool1, fire2]: a local change (the pool passes the new channel count on)
 * }</pre>
 */
public final class Analyzer {

    /** Made at the first {@link #standard()}, not when the class loads: the plugin folders may be set until then. */
    private static final class Standard {
        static final Analyzer INSTANCE = new Analyzer(KindRegistry.standard());
    }

    private final KindRegistry kinds;
    private final NodeComputer computer;

    public Analyzer(KindRegistry kinds) {
        this.kinds = Objects.requireNonNull(kinds);
        this.computer = new NodeComputer(kinds);
    }

    /** An analyzer over the standard kinds: the built-in ones and those of the installed plugins. */
    public static Analyzer standard() {
        return Standard.INSTANCE;
    }

    public KindRegistry kinds() {
        return kinds;
    }

    /** Analyses every node of {@code spec}. */
    public AnalysisReport analyze(NetworkSpec spec) {
        Structure structure = Structure.of(spec);
        NodeResult[] results = new NodeResult[spec.size()];
        for (int i : structure.order) {
            results[i] = compute(spec, structure, results, i);
        }
        return report(spec, structure, results);
    }

    /** Re-analyses after an edit, finding the edited nodes by comparing the specs. */
    public Reanalysis reanalyze(AnalysisReport previous, NetworkSpec next) {
        NetworkSpec before = previous.spec();
        if (!next.hasSameNodeIdsAs(before)) {
            return reanalyzeStructure(previous, next);
        }
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < next.size(); i++) {
            Node a = before.nodes().get(i);
            Node b = next.nodes().get(i);
            if (a != b && !a.equals(b)) {
                changed.add(b.id());
            }
        }
        return reanalyze(previous, next, changed);
    }

    /**
     * Re-analyses after an edit of the nodes {@code changedIds}. When the edit only changed parameters, only
     * those nodes and the nodes downstream whose inputs changed shape are recomputed; otherwise the wiring is
     * rebuilt and every node whose spec and input shapes are unchanged keeps its previous result.
     *
     * <p>{@code changedIds} must name every node whose spec differs between the two specs.
     */
    public Reanalysis reanalyze(AnalysisReport previous, NetworkSpec next, Collection<String> changedIds) {
        NetworkSpec before = previous.spec();
        if (!next.hasSameNodeIdsAs(before)) {
            return reanalyzeStructure(previous, next);
        }
        for (String id : changedIds) {
            int i = next.indexOf(id);
            if (i < 0 || !before.nodes().get(i).inputs().equals(next.nodes().get(i).inputs())) {
                return reanalyzeStructure(previous, next);
            }
        }
        Structure structure = previous.structure;
        NodeResult[] results = previous.results.clone();
        Totals totals = previous.totals();
        PriorityQueue<Integer> queue = new PriorityQueue<>((a, b) -> Integer.compare(structure.rank[a],
                structure.rank[b]));
        boolean[] queued = new boolean[results.length];
        for (String id : changedIds) {
            int i = next.indexOf(id);
            if (!queued[i]) {
                queued[i] = true;
                queue.add(i);
            }
        }
        List<Integer> affected = new ArrayList<>();
        int recomputed = 0;
        while (!queue.isEmpty()) {
            int i = queue.poll();
            NodeResult old = results[i];
            NodeResult fresh = compute(next, structure, results, i);
            recomputed++;
            if (fresh.equals(old)) {
                if (changedIds.contains(old.id())) {
                    affected.add(i);
                }
                continue;
            }
            results[i] = fresh;
            affected.add(i);
            totals = adjust(totals, old, fresh);
            if (!sameOutput(old, fresh)) {
                for (int c : structure.consumers[i]) {
                    if (!queued[c]) {
                        queued[c] = true;
                        queue.add(c);
                    }
                }
            }
        }
        // Overflowed totals are summed anew so that the overflow diagnostic is kept.
        AnalysisReport report = totals == null || totals.overflowed() ? report(next, structure, results)
                : new AnalysisReport(this, next, structure, results, totals, List.of());
        affected.sort((a, b) -> Integer.compare(structure.rank[a], structure.rank[b]));
        return new Reanalysis(report, ids(next, affected), recomputed, false);
    }

    private Reanalysis reanalyzeStructure(AnalysisReport previous, NetworkSpec next) {
        NetworkSpec before = previous.spec();
        Structure structure = Structure.of(next);
        NodeResult[] results = new NodeResult[next.size()];
        List<Integer> affected = new ArrayList<>();
        int recomputed = 0;
        for (int i : structure.order) {
            Node node = next.nodes().get(i);
            int old = before.indexOf(node.id());
            NodeResult oldResult = old < 0 ? null : previous.results[old];
            if (oldResult != null && canReuse(previous, old, node, structure, i, results)) {
                results[i] = oldResult;
                continue;
            }
            NodeResult fresh = compute(next, structure, results, i);
            recomputed++;
            results[i] = oldResult != null && oldResult.equals(fresh) ? oldResult : fresh;
            if (oldResult == null || !oldResult.equals(fresh) || !node.equals(before.nodes().get(old))) {
                affected.add(i);
            }
        }
        affected.sort((a, b) -> Integer.compare(structure.rank[a], structure.rank[b]));
        return new Reanalysis(report(next, structure, results), ids(next, affected), recomputed, true);
    }

    /** A node keeps its result if it, its inputs' outputs and its place in any cycle are unchanged. */
    private static boolean canReuse(AnalysisReport previous, int old, Node node, Structure structure, int i,
                                    NodeResult[] results) {
        if (structure.inCycle[i] || previous.structure.inCycle[old]) {
            return false;
        }
        Node oldNode = previous.spec().nodes().get(old);
        if (oldNode != node && !oldNode.equals(node)) {
            return false;
        }
        int[] oldInputs = previous.structure.inputs[old];
        int[] inputs = structure.inputs[i];
        for (int k = 0; k < inputs.length; k++) {
            boolean wasMissing = oldInputs[k] == Structure.MISSING;
            boolean isMissing = inputs[k] == Structure.MISSING;
            if (wasMissing != isMissing
                    || (!isMissing && !sameOutput(previous.results[oldInputs[k]], results[inputs[k]]))) {
                return false;
            }
        }
        return true;
    }

    private NodeResult compute(NetworkSpec spec, Structure structure, NodeResult[] results, int i) {
        int[] in = structure.inputs[i];
        List<NodeResult> inputs = new ArrayList<>(in.length);
        for (int k : in) {
            if (k != Structure.MISSING) {
                // Null only for a node on a cycle whose input comes later on it; such a node is an error
                // whatever its inputs (Structure orders every other node after its inputs).
                inputs.add(results[k]);
            }
        }
        return computer.compute(spec.nodes().get(i), structure.diagnostics.get(i), structure.inCycle[i], inputs);
    }

    /** Whether downstream nodes see the same input: same status class and shape. */
    private static boolean sameOutput(NodeResult a, NodeResult b) {
        return a.ok() == b.ok() && Objects.equals(a.output(), b.output());
    }

    /** Totals after replacing one result, or null when they must be summed anew (overflow). */
    private static Totals adjust(Totals totals, NodeResult old, NodeResult fresh) {
        if (totals == null || totals.overflowed()) {
            return null;
        }
        try {
            return totals.minus(old).plus(fresh);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private AnalysisReport report(NetworkSpec spec, Structure structure, NodeResult[] results) {
        Totals totals = Totals.ZERO;
        List<Diagnostic> network = new ArrayList<>();
        if (spec.size() == 0) {
            network.add(Diagnostic.error(null, "the network has no nodes; start with an input layer (kind "
                    + "'input') and add the layers after it"));
        }
        try {
            for (NodeResult r : results) {
                totals = totals.plus(r);
            }
        } catch (ArithmeticException e) {
            totals = new Totals(totals.params(), totals.macs(), totals.otherOps(), totals.activations(), true);
            network.add(Diagnostic.error(null, "a network total overflows a 64-bit integer; the totals shown are "
                    + "partial"));
        }
        return new AnalysisReport(this, spec, structure, results, totals, network);
    }

    private static List<String> ids(NetworkSpec spec, List<Integer> indexes) {
        List<String> ids = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            ids.add(spec.nodes().get(i).id());
        }
        return ids;
    }
}
