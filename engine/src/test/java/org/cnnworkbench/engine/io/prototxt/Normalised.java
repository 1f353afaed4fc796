package org.cnnworkbench.engine.io.prototxt;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * A spec's nodes as the analysis sees them: id, kind, inputs and parameters with defaults filled in, so that
 * {@code "stride": 1} written out and left to its default compare equal, as do {@code 3} and {@code [3, 3]}.
 */
public record Normalised(String id, String kind, List<String> inputs, Map<String, Object> params) {

    public static List<Normalised> of(NetworkSpec spec, KindRegistry kinds) {
        return spec.nodes().stream().map(n -> of(n, kinds)).toList();
    }

    public static Normalised of(Node node, KindRegistry kinds) {
        Params.Resolution r = Params.resolve(kinds.find(node.kind()).orElseThrow().parameters(), node.params());
        if (!r.ok()) {
            throw new AssertionError(node + ": " + r.problems());
        }
        return new Normalised(node.id(), node.kind(), node.inputs(), r.params().asMap());
    }
}
