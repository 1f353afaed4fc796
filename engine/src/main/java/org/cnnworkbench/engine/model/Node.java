package org.cnnworkbench.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One node of a network graph: a layer or a composite such as a Fire module.
 *
 * <p>Immutable. {@code params} holds the kind-specific parameters exactly as they appear in a spec file
 * (normalised to {@link Long}, finite {@link Double}, {@link Boolean}, {@link String}, lists of these, or lists
 * whose elements are such lists, as a list of anchor sizes {@code [[36, 37], [366, 174]]} is;
 * {@code id}, {@code kind} and {@code inputs} are not parameter names, so that every node can be saved); their
 * meaning, ranges and defaults are defined by the kind's descriptor, not here. Edits return a new node:
 *
 * <pre>{@code
 * Node conv = Node.of("conv1", "conv", List.of("data"), Map.of("filters", 96, "kernel", 7, "stride", 2));
 * Node wider = conv.withParam("filters", 128);
 * }</pre>
 *
 * @param id unique name within its network
 * @param kind the name of a registered kind, e.g. {@code conv} or {@code fire}
 * @param inputs ids of the upstream nodes, in order
 * @param params kind-specific parameters, in the order they were given
 * @param plugin the id of the plugin that provides the kind, as a spec file records it for kinds that are not
 *               built in (so that a file opened without that plugin can name what is missing); empty otherwise
 */
public record Node(String id, String kind, List<String> inputs, Map<String, Object> params, String plugin) {

    /** Keys of a node object in a spec file that are not parameters. */
    public static final Set<String> RESERVED = Set.of("id", "kind", "inputs", "plugin");

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plugin, "plugin");
        if (id.isBlank()) {
            throw new IllegalArgumentException("node id must not be blank");
        }
        inputs = List.copyOf(inputs);
        Map<String, Object> copy = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("a parameter cannot be named '" + key
                        + "': id, kind, inputs and plugin are the node's own fields in a spec file");
            }
            copy.put(Objects.requireNonNull(key), normalize(key, value, 2));
        });
        params = Collections.unmodifiableMap(copy);
    }

    /** A node of a kind without a recorded plugin. */
    public Node(String id, String kind, List<String> inputs, Map<String, Object> params) {
        this(id, kind, inputs, params, "");
    }

    /** A node from plain Java values (ints are widened to longs). */
    public static Node of(String id, String kind, List<String> inputs, Map<String, ?> params) {
        return new Node(id, kind, inputs, new LinkedHashMap<>(params));
    }

    /** A node without parameters. */
    public static Node of(String id, String kind, List<String> inputs) {
        return new Node(id, kind, inputs, Map.of());
    }

    public Node withId(String newId) {
        return new Node(newId, kind, inputs, params, plugin);
    }

    public Node withInputs(List<String> newInputs) {
        return new Node(id, kind, newInputs, params, plugin);
    }

    /** This node with one parameter set (added, or replaced in place). */
    public Node withParam(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.put(name, value);
        return new Node(id, kind, inputs, copy, plugin);
    }

    /** This node without the parameter, so that the kind's default applies. */
    public Node withoutParam(String name) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.remove(name);
        return new Node(id, kind, inputs, copy, plugin);
    }

    /** This node recording that its kind comes from the plugin {@code pluginId} (empty: not recorded). */
    public Node withPlugin(String pluginId) {
        return new Node(id, kind, inputs, params, pluginId);
    }

    /** The raw value of a parameter as written, or {@code null} when absent. */
    public Object param(String name) {
        return params.get(name);
    }

    /** {@code listDepth}: how many levels of lists may still open here (2 at the top, 0 inside a list's list). */
    private static Object normalize(String key, Object value, int listDepth) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("parameter '" + key + "' is " + d
                        + "; a spec holds finite numbers only");
            }
            return d;
        }
        if (value instanceof Long || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof List<?> list && listDepth > 0) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(normalize(key, element, listDepth - 1));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof List<?>) {
            throw new IllegalArgumentException("parameter '" + key + "' has a list nested three deep; a parameter is "
                    + "a value, a list of values, or a list of lists of values such as [[36, 37], [366, 174]]");
        }
        throw new IllegalArgumentException("parameter '" + key + "' has an unsupported value type: "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
