package org.cnnworkbench.engine.whatif;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * Compares two analysed networks and classifies the difference as local or global (docs/whatif.md).
 *
 * <p>Layers are matched by id. A layer is <em>edited</em> when its own spec differs (kind, inputs or
 * parameters, or it exists in one network only), and <em>changed</em> when it is edited or its output shape,
 * parameters or MACs differ. The <em>reach</em> of an edited layer is every layer downstream of it through
 * parameter-free layers (pooling, activations, dropout, concatenation, softmax...), up to and including the
 * first layer with parameters on each path. The change is
 * <ul>
 *   <li>{@link ChangeType#NONE} when no layer changed;</li>
 *   <li>{@link ChangeType#LOCAL} when every changed layer is edited or in the reach of an edited layer, and the
 *       layers with parameters that end the reach keep their output shape (they absorb the change in their
 *       parameters and MACs);</li>
 *   <li>{@link ChangeType#GLOBAL} otherwise: the change passes through a layer with parameters, as a new
 *       height x width does.</li>
 * </ul>
 *
 * <pre>{@code
 * Comparison c = NetworkComparator.compare(analyzer.analyze(before), analyzer.analyze(after));
 * c.type();          // LOCAL for more filters in conv1 of SqueezeNet
 * c.macsRatio();     // b / a
 * }</pre>
 */
public final class NetworkComparator {

    private static final int LISTED = 6;

    private NetworkComparator() {
    }

    /** Compares two reports made with the built-in kinds. */
    public static Comparison compare(AnalysisReport a, AnalysisReport b) {
        return compare(a, b, Analyzer.standard());
    }

    /**
     * Compares two reports; {@code analyzer} knows the kinds they use.
     *
     * @throws IncomparableNetworksException if a network has errors or they have no layer id in common
     */
    public static Comparison compare(AnalysisReport a, AnalysisReport b, Analyzer analyzer) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        requireValid(a, "first");
        requireValid(b, "second");
        Map<String, NodeResult> before = byId(a);
        Map<String, NodeResult> after = byId(b);
        if (before.keySet().stream().noneMatch(after::containsKey)) {
            throw new IncomparableNetworksException("'" + a.spec().name() + "' and '" + b.spec().name()
                    + "' have no layer id in common, and a comparison matches layers by id ("
                    + sample(before.keySet()) + " vs " + sample(after.keySet()) + ")");
        }

        List<LayerChange> changes = changes(a, b, before, after);
        NetworkMetrics ma = NetworkMetrics.of(a, analyzer);
        NetworkMetrics mb = NetworkMetrics.of(b, analyzer);
        List<String> edited = changes.stream().filter(LayerChange::edited).map(LayerChange::id).toList();
        List<String> affected = changes.stream().map(LayerChange::id).toList();

        Classification c = classify(a, b, before, after, changes);
        return new Comparison(ma, mb,
                Comparison.ratio(mb.convActivations(), ma.convActivations()),
                Comparison.ratio(mb.activations(), ma.activations()),
                Comparison.ratio(mb.params(), ma.params()),
                Comparison.ratio(mb.macs(), ma.macs()),
                changes, c.type, edited, affected, c.explanation);
    }

    private static void requireValid(AnalysisReport report, String which) {
        if (report.isValid()) {
            return;
        }
        String first = report.diagnostics().stream().filter(Diagnostic::isError).findFirst()
                .map(Diagnostic::toString).orElse("a layer could not be computed");
        throw new IncomparableNetworksException("the " + which + " network '" + report.spec().name()
                + "' has errors, so its numbers cannot be compared; the first: " + first);
    }

    private static Map<String, NodeResult> byId(AnalysisReport report) {
        Map<String, NodeResult> map = new LinkedHashMap<>();
        for (NodeResult r : report.layers()) {
            map.put(r.id(), r);
        }
        return map;
    }

    private static String sample(Set<String> ids) {
        List<String> list = List.copyOf(ids);
        String shown = list.stream().limit(3).collect(Collectors.joining(", "));
        return list.size() > 3 ? shown + ", ..." : shown;
    }

    /** The changed layers in the second network's order, each removed layer after the layer it followed. */
    private static List<LayerChange> changes(AnalysisReport a, AnalysisReport b, Map<String, NodeResult> before,
                                             Map<String, NodeResult> after) {
        Map<String, List<String>> removedAfter = new HashMap<>();
        String anchor = "";
        for (String id : before.keySet()) {
            if (after.containsKey(id)) {
                anchor = id;
            } else {
                removedAfter.computeIfAbsent(anchor, k -> new ArrayList<>()).add(id);
            }
        }
        List<LayerChange> list = new ArrayList<>();
        removedAfter.getOrDefault("", List.of()).forEach(id -> list.add(removed(before.get(id))));
        for (NodeResult r : after.values()) {
            NodeResult old = before.get(r.id());
            if (old == null) {
                list.add(new LayerChange(r.id(), r.kind(), LayerChange.Status.ADDED, true, null,
                        r.output().toChw(), 0, r.paramTotal(), 0, r.macs()));
            } else {
                Node nodeA = a.spec().node(r.id()).orElseThrow();
                Node nodeB = b.spec().node(r.id()).orElseThrow();
                boolean edited = !nodeA.equals(nodeB);
                boolean differs = !old.output().equals(r.output()) || old.paramTotal() != r.paramTotal()
                        || old.macs() != r.macs();
                if (edited || differs) {
                    list.add(new LayerChange(r.id(), r.kind(), LayerChange.Status.CHANGED, edited,
                            old.output().toChw(), r.output().toChw(), old.paramTotal(), r.paramTotal(),
                            old.macs(), r.macs()));
                }
            }
            removedAfter.getOrDefault(r.id(), List.of()).forEach(id -> list.add(removed(before.get(id))));
        }
        return list;
    }

    private static LayerChange removed(NodeResult r) {
        return new LayerChange(r.id(), r.kind(), LayerChange.Status.REMOVED, true, r.output().toChw(), null,
                r.paramTotal(), 0, r.macs(), 0);
    }

    private record Classification(ChangeType type, String explanation) {
    }

    private static Classification classify(AnalysisReport a, AnalysisReport b, Map<String, NodeResult> before,
                                           Map<String, NodeResult> after, List<LayerChange> changes) {
        if (changes.isEmpty()) {
            return new Classification(ChangeType.NONE,
                    "No change: every layer has the same output shape, parameters and MACs.");
        }
        Map<String, List<String>> nextA = successors(a.spec());
        Map<String, List<String>> nextB = successors(b.spec());
        Set<String> reach = new HashSet<>();
        Set<String> ends = new HashSet<>();
        for (LayerChange c : changes) {
            if (!c.edited()) {
                continue;
            }
            Deque<String> todo = new ArrayDeque<>();
            todo.add(c.id());
            while (!todo.isEmpty()) {
                String id = todo.poll();
                Map<String, List<String>> next = after.containsKey(id) ? nextB : nextA;
                for (String s : next.getOrDefault(id, List.of())) {
                    if (!reach.add(s)) {
                        continue;
                    }
                    if (hasParameters(s, before, after)) {
                        ends.add(s);
                    } else {
                        todo.add(s);
                    }
                }
            }
        }
        List<String> edited = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        List<String> absorbed = new ArrayList<>();
        List<String> beyond = new ArrayList<>();
        for (LayerChange c : changes) {
            if (c.edited()) {
                edited.add(c.id());
            } else if (reach.contains(c.id()) && !(ends.contains(c.id()) && c.outputChanged())) {
                (ends.contains(c.id()) ? absorbed : passed).add(c.id());
            } else {
                beyond.add(c.id());
            }
        }
        String origin = "the edit of " + list(edited);
        if (beyond.isEmpty()) {
            StringBuilder text = new StringBuilder("Local change: ").append(origin).append(" changes ")
                    .append(edited.size() == 1 ? "that layer" : "those layers");
            if (!passed.isEmpty()) {
                text.append(", the parameter-free ").append(passed.size() == 1 ? "layer " : "layers ")
                        .append(list(passed)).append(" after it");
            }
            if (!absorbed.isEmpty()) {
                text.append(" and only the parameters and MACs of ").append(list(absorbed))
                        .append(", the next layer with parameters");
            }
            return new Classification(ChangeType.LOCAL, text.append("; no layer further downstream changes.")
                    .toString());
        }
        List<String> spatial = changes.stream()
                .filter(c -> c.outputBefore() != null && c.outputAfter() != null && c.spatialChanged())
                .map(LayerChange::id).toList();
        List<String> unabsorbed = beyond.stream().filter(ends::contains).toList();
        StringBuilder text = new StringBuilder("Global change: ").append(origin);
        if (!unabsorbed.isEmpty()) {
            text.append(" changes the output shape of ").append(list(unabsorbed))
                    .append(unabsorbed.size() == 1 ? ", the next layer with parameters, so it"
                            : ", the next layers with parameters, so it");
        }
        text.append(" reaches ").append(beyond.size()).append(beyond.size() == 1 ? " layer" : " layers")
                .append(" downstream (").append(list(beyond)).append(")");
        if (!spatial.isEmpty()) {
            text.append("; the height x width changes in ").append(spatial.size() == 1 ? spatial.get(0)
                    : spatial.size() + " layers, " + spatial.get(0) + " to " + spatial.get(spatial.size() - 1));
        }
        return new Classification(ChangeType.GLOBAL, text.append('.').toString());
    }

    private static boolean hasParameters(String id, Map<String, NodeResult> before, Map<String, NodeResult> after) {
        NodeResult r = after.containsKey(id) ? after.get(id) : before.get(id);
        return r.paramTotal() > 0;
    }

    private static Map<String, List<String>> successors(NetworkSpec spec) {
        Map<String, List<String>> next = new HashMap<>();
        for (Node n : spec.nodes()) {
            for (String in : new LinkedHashSet<>(n.inputs())) {
                next.computeIfAbsent(in, k -> new ArrayList<>()).add(n.id());
            }
        }
        return next;
    }

    private static String list(List<String> ids) {
        if (ids.size() <= LISTED) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.subList(0, LISTED - 1)) + ", ... " + ids.get(ids.size() - 1)
                + " (" + ids.size() + " layers)";
    }
}
