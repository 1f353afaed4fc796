package org.cnnworkbench.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable network: a named list of nodes forming a directed graph through their {@code inputs}.
 *
 * <p>The spec holds whatever the user wrote, valid or not: missing inputs, cycles or unknown kinds are
 * reported by the analysis as diagnostics, never refused here. The only structural rule enforced on
 * construction is that node ids are unique, since everything else refers to nodes by id.
 * Every edit returns a new spec that shares unchanged nodes with this one:
 *
 * <pre>{@code
 * NetworkSpec wider = spec.withNode(spec.node("conv1").orElseThrow().withParam("filters", 128));
 * }</pre>
 */
public final class NetworkSpec {

    private final String name;
    private final String description;
    private final List<Node> nodes;
    private final Map<String, Integer> indexById;

    public NetworkSpec(String name, String description, List<Node> nodes) {
        this(name, description, List.copyOf(nodes), null);
    }

    private NetworkSpec(String name, String description, List<Node> nodes, Map<String, Integer> sharedIndex) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = description == null ? "" : description;
        this.nodes = nodes;
        this.indexById = sharedIndex != null ? sharedIndex : indexOf(nodes);
    }

    public static NetworkSpec of(String name, List<Node> nodes) {
        return new NetworkSpec(name, "", nodes);
    }

    private static Map<String, Integer> indexOf(List<Node> nodes) {
        Map<String, Integer> index = new HashMap<>(nodes.size() * 2);
        for (int i = 0; i < nodes.size(); i++) {
            Integer previous = index.put(nodes.get(i).id(), i);
            if (previous != null) {
                throw new DuplicateNodeIdException(nodes.get(i).id());
            }
        }
        return Collections.unmodifiableMap(index);
    }

    public String name() {
        return name;
    }

    /** Free text; empty when absent. */
    public String description() {
        return description;
    }

    /** The nodes in the order they were written. */
    public List<Node> nodes() {
        return nodes;
    }

    public int size() {
        return nodes.size();
    }

    public Optional<Node> node(String id) {
        Integer i = indexById.get(id);
        return i == null ? Optional.empty() : Optional.of(nodes.get(i));
    }

    /** Position of the node in {@link #nodes()}, or -1. */
    public int indexOf(String id) {
        Integer i = indexById.get(id);
        return i == null ? -1 : i;
    }

    /**
     * Whether both specs have the same node ids at the same positions. Constant time for specs derived from
     * each other by {@link #withNode}, which share their id index.
     */
    public boolean hasSameNodeIdsAs(NetworkSpec other) {
        return indexById == other.indexById || indexById.equals(other.indexById);
    }

    public boolean contains(String id) {
        return indexById.containsKey(id);
    }

    public NetworkSpec withName(String newName) {
        return new NetworkSpec(newName, description, nodes, indexById);
    }

    public NetworkSpec withDescription(String newDescription) {
        return new NetworkSpec(name, newDescription, nodes, indexById);
    }

    /**
     * Replaces the node that has the same id as {@code replacement}.
     *
     * @throws IllegalArgumentException if there is no such node
     */
    public NetworkSpec withNode(Node replacement) {
        int i = indexOf(replacement.id());
        if (i < 0) {
            throw new IllegalArgumentException("no node '" + replacement.id() + "' in " + name);
        }
        List<Node> copy = new ArrayList<>(nodes);
        copy.set(i, replacement);
        return new NetworkSpec(name, description, Collections.unmodifiableList(copy), indexById);
    }

    /** Replaces the node {@code id} by {@code replacement}, which may carry a new id. */
    public NetworkSpec withNodeReplaced(String id, Node replacement) {
        int i = indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("no node '" + id + "' in " + name);
        }
        List<Node> copy = new ArrayList<>(nodes);
        copy.set(i, replacement);
        return new NetworkSpec(name, description, copy);
    }

    /** Appends a node. */
    public NetworkSpec withAddedNode(Node node) {
        List<Node> copy = new ArrayList<>(nodes);
        copy.add(node);
        return new NetworkSpec(name, description, copy);
    }

    /** Removes a node; references to it from other nodes are left for the analysis to report. */
    public NetworkSpec withoutNode(String id) {
        List<Node> copy = new ArrayList<>(nodes);
        copy.removeIf(n -> n.id().equals(id));
        return new NetworkSpec(name, description, copy);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof NetworkSpec other
                && name.equals(other.name) && description.equals(other.description) && nodes.equals(other.nodes));
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, nodes);
    }

    @Override
    public String toString() {
        return "NetworkSpec[" + name + ", " + nodes.size() + " nodes]";
    }
}
