package org.cnnworkbench.app.ui.document;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.kinds.ParamSpec;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/** Starting values for a node dropped from the palette, and fresh node ids. */
public final class NodeTemplates {

    private NodeTemplates() {
    }

    /**
     * A new node of {@code kind} with its starting parameters, recording the plugin of a kind that is not built
     * in (so that the saved file names it).
     */
    public static Node newNode(LayerKind kind, String id, List<String> inputs) {
        Node node = Node.of(id, kind.name(), inputs, startingParams(kind));
        return kind.isBuiltIn() ? node : node.withPlugin(kind.plugin());
    }

    /**
     * Parameters for a new node: its required ones, with the palette template's starting values (or their
     * minimum), and the template's optional ones.
     */
    public static Map<String, Object> startingParams(LayerKind kind) {
        Map<String, Object> known = kind.palette().template();
        Map<String, Object> params = new LinkedHashMap<>();
        for (ParamSpec p : kind.descriptor().parameters()) {
            if (p.required()) {
                params.put(p.name(), known.getOrDefault(p.name(), (long) Math.max(1, p.min())));
            } else if (known.containsKey(p.name())) {
                params.put(p.name(), known.get(p.name()));
            }
        }
        return params;
    }

    /** The first id of the form {@code kind + n} (n = 1, 2, ...) that is not taken. */
    public static String freshId(NetworkSpec spec, String kind, Set<String> alsoTaken) {
        String base = kind.replaceAll("[^A-Za-z0-9_]", "");
        for (int n = 1; ; n++) {
            String id = base + n;
            if (!spec.contains(id) && !alsoTaken.contains(id)) {
                return id;
            }
        }
    }

    static String freshId(NetworkSpec spec, String kind) {
        return freshId(spec, kind, Set.of());
    }

    static List<String> replace(List<String> list, String from, String to) {
        return list.stream().map(s -> s.equals(from) ? to : s).toList();
    }
}
