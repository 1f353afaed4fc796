package org.cnnworkbench.app.ui.document;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.ParamSpec;
import org.cnnworkbench.engine.model.NetworkSpec;

/** Starting values for a node dropped from the palette, and fresh node ids. */
public final class NodeTemplates {

    /** Values for required parameters of the built-in kinds, as an architect would start. */
    private static final Map<String, Map<String, Object>> STARTING_VALUES = Map.of(
            "input", Map.of("channels", 3L, "height", 227L, "width", 227L),
            "conv", Map.of("filters", 64L, "kernel", 3L),
            "maxpool", Map.of("kernel", 3L, "stride", 2L),
            "avgpool", Map.of("kernel", 3L, "stride", 2L),
            "fc", Map.of("units", 1000L),
            "fire", Map.of("s1x1", 16L, "e1x1", 64L, "e3x3", 64L));

    private NodeTemplates() {
    }

    /** Parameters for a new node: its required ones, with starting values (or their minimum). */
    public static Map<String, Object> startingParams(KindDescriptor kind) {
        Map<String, Object> known = STARTING_VALUES.getOrDefault(kind.name(), Map.of());
        Map<String, Object> params = new LinkedHashMap<>();
        for (ParamSpec p : kind.parameters()) {
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
