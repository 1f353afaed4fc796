package org.cnnworkbench.app.ui.document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * The edits a user makes, each as a function from a document state to a {@link Change}. They never fail on
 * what the analysis would call invalid (a dangling input, a shape mismatch): the analysis reports those. They
 * throw {@link IllegalArgumentException} only for requests that make no sense, such as an unknown node id.
 */
public final class Edits {

    /** How far a duplicate is placed from its original. */
    static final double DUPLICATE_OFFSET = 40;

    private Edits() {
    }

    /** A new node of {@code kind} at {@code at}, unconnected, with starting parameters. */
    public static Change addNode(DocumentState state, LayerKind kind, NodePosition at) {
        NetworkSpec spec = state.spec();
        String id = NodeTemplates.freshId(spec, kind.name());
        Node node = NodeTemplates.newNode(kind, id, List.of());
        DocumentState after = new DocumentState(spec.withAddedNode(node), state.layout())
                .withPositions(Map.of(id, at));
        return new Change("Add " + id, state, after, Set.of(id));
    }

    /** A new node of {@code kind} placed on the edge {@code from -> to}: {@code from -> new -> to}. */
    public static Change insertOnEdge(DocumentState state, LayerKind kind, String from, String to,
                                      NodePosition at) {
        NetworkSpec spec = state.spec();
        Node target = node(spec, to);
        if (!target.inputs().contains(from)) {
            throw new IllegalArgumentException("there is no connection " + from + " -> " + to);
        }
        String id = NodeTemplates.freshId(spec, kind.name());
        Node inserted = NodeTemplates.newNode(kind, id, List.of(from));
        NetworkSpec next = spec.withNode(target.withInputs(NodeTemplates.replace(target.inputs(), from, id)))
                .withAddedNode(inserted);
        DocumentState after = new DocumentState(next, state.layout()).withPositions(Map.of(id, at));
        return new Change("Insert " + id + " between " + from + " and " + to, state, after, Set.of(id, to));
    }

    /**
     * Connects {@code from}'s output to an input of {@code to}. A node that takes a single input and already has
     * one gets it replaced; otherwise the input is added. Connecting twice changes nothing.
     */
    public static Change connect(DocumentState state, KindRegistry kinds, String from, String to) {
        NetworkSpec spec = state.spec();
        node(spec, from);
        Node target = node(spec, to);
        List<String> inputs = new ArrayList<>(target.inputs());
        if (!inputs.contains(from)) {
            int max = kinds.find(target.kind()).map(k -> k.arity().max()).orElse(Integer.MAX_VALUE);
            if (max == 1 && !inputs.isEmpty()) {
                inputs.set(0, from);
            } else {
                inputs.add(from);
            }
        }
        DocumentState after = state.withSpec(spec.withNode(target.withInputs(inputs)));
        return new Change("Connect " + from + " -> " + to, state, after, Set.of(to));
    }

    /** Removes the connection {@code from -> to}. */
    public static Change disconnect(DocumentState state, String from, String to) {
        NetworkSpec spec = state.spec();
        Node target = node(spec, to);
        List<String> inputs = new ArrayList<>(target.inputs());
        inputs.remove(from);
        DocumentState after = state.withSpec(spec.withNode(target.withInputs(inputs)));
        return new Change("Disconnect " + from + " -> " + to, state, after, Set.of(to));
    }

    /** Sets a parameter to a raw value, or back to its default when {@code value} is null. */
    public static Change setParam(DocumentState state, String id, String param, Object value) {
        Node node = node(state.spec(), id);
        Node edited = value == null ? node.withoutParam(param) : node.withParam(param, value);
        DocumentState after = state.withSpec(state.spec().withNode(edited));
        return new Change("Set " + id + "." + param + (value == null ? " to default" : " = " + value), state, after,
                Set.of(id));
    }

    /** Renames a node, updating every reference and its position. */
    public static Change rename(DocumentState state, String id, String newId) {
        NetworkSpec spec = state.spec();
        Node node = node(spec, id);
        if (newId.isBlank() || (spec.contains(newId) && !newId.equals(id))) {
            throw new IllegalArgumentException(newId.isBlank() ? "a node id must not be empty"
                    : "there is already a node '" + newId + "'");
        }
        Set<String> changed = new HashSet<>(Set.of(id, newId));
        NetworkSpec next = spec.withNodeReplaced(id, node.withId(newId));
        for (Node n : next.nodes()) {
            if (n.inputs().contains(id)) {
                next = next.withNode(n.withInputs(NodeTemplates.replace(n.inputs(), id, newId)));
                changed.add(n.id());
            }
        }
        Map<String, NodePosition> layout = new HashMap<>(state.layout());
        NodePosition at = layout.remove(id);
        if (at != null) {
            layout.put(newId, at);
        }
        return new Change("Rename " + id + " to " + newId, state, new DocumentState(next, layout), changed);
    }

    /** Moves nodes to new positions. */
    public static Change move(DocumentState state, Map<String, NodePosition> positions) {
        String what = positions.size() == 1 ? positions.keySet().iterator().next() : positions.size() + " nodes";
        return new Change("Move " + what, state, state.withPositions(positions), Set.of());
    }

    /** Lays the whole graph out again; with {@code keepManual}, nodes that have a position keep it. */
    public static Change autoLayout(DocumentState state, boolean keepManual) {
        Map<String, NodePosition> layout = LayeredLayout.layout(state.spec(), state.layout(), keepManual);
        return new Change(keepManual ? "Lay out new nodes" : "Lay out", state, state.withLayout(layout), Set.of());
    }

    /**
     * Deletes nodes. A deleted node with a single input is bridged: its consumers take that input instead, so
     * removing a layer from a chain keeps the chain connected.
     */
    public static Change delete(DocumentState state, Set<String> ids) {
        NetworkSpec spec = state.spec();
        Map<String, List<String>> bridge = new HashMap<>();
        for (String id : ids) {
            Node n = node(spec, id);
            bridge.put(id, n.inputs().size() == 1 ? n.inputs() : List.of());
        }
        Set<String> changed = new HashSet<>(ids);
        NetworkSpec next = spec;
        for (Node n : spec.nodes()) {
            if (ids.contains(n.id()) || n.inputs().stream().noneMatch(ids::contains)) {
                continue;
            }
            LinkedHashSet<String> inputs = new LinkedHashSet<>();
            for (String in : n.inputs()) {
                inputs.addAll(ids.contains(in) ? resolve(in, bridge, ids) : List.of(in));
            }
            next = next.withNode(n.withInputs(List.copyOf(inputs)));
            changed.add(n.id());
        }
        for (String id : ids) {
            next = next.withoutNode(id);
        }
        Map<String, NodePosition> layout = new HashMap<>(state.layout());
        layout.keySet().removeAll(ids);
        String what = ids.size() == 1 ? ids.iterator().next() : ids.size() + " nodes";
        return new Change("Delete " + what, state, new DocumentState(next, layout), changed);
    }

    /** The surviving inputs reached from a deleted node through chains of deleted single-input nodes. */
    private static List<String> resolve(String id, Map<String, List<String>> bridge, Set<String> deleted) {
        List<String> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String current = id;
        while (deleted.contains(current) && seen.add(current)) {
            List<String> via = bridge.get(current);
            if (via.isEmpty()) {
                return result;
            }
            current = via.get(0);
        }
        if (!deleted.contains(current)) {
            result.add(current);
        }
        return result;
    }

    /**
     * Copies nodes with fresh ids, placed a little below and to the right. Connections among the copied nodes
     * are copied too; inputs from outside the selection are kept.
     */
    public static Change duplicate(DocumentState state, Set<String> ids) {
        NetworkSpec spec = state.spec();
        Map<String, String> copyOf = new HashMap<>();
        Set<String> taken = new HashSet<>();
        for (Node n : spec.nodes()) {
            if (ids.contains(n.id())) {
                String fresh = NodeTemplates.freshId(spec, n.kind(), taken);
                taken.add(fresh);
                copyOf.put(n.id(), fresh);
            }
        }
        NetworkSpec next = spec;
        Map<String, NodePosition> positions = new HashMap<>();
        for (Node n : spec.nodes()) {
            String fresh = copyOf.get(n.id());
            if (fresh == null) {
                continue;
            }
            List<String> inputs = n.inputs().stream().map(in -> copyOf.getOrDefault(in, in)).toList();
            next = next.withAddedNode(new Node(fresh, n.kind(), inputs, n.params(), n.plugin()));
            NodePosition at = state.position(n.id());
            if (at != null) {
                positions.put(fresh, new NodePosition(at.x() + DUPLICATE_OFFSET, at.y() + DUPLICATE_OFFSET));
            }
        }
        DocumentState after = new DocumentState(next, state.layout()).withPositions(positions);
        String what = ids.size() == 1 ? ids.iterator().next() : ids.size() + " nodes";
        return new Change("Duplicate " + what, state, after, Set.copyOf(copyOf.values()));
    }

    private static Node node(NetworkSpec spec, String id) {
        return spec.node(id).orElseThrow(() -> new IllegalArgumentException("no node '" + id + "'"));
    }
}
