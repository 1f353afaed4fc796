package org.cnnworkbench.app.ui.document;

import java.util.HashMap;
import java.util.Map;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * What the user edits: the network spec and where each node is drawn. Immutable; every edit makes a new
 * state, so undo is going back to the previous one.
 */
public record DocumentState(NetworkSpec spec, Map<String, NodePosition> layout) {

    public DocumentState {
        layout = Map.copyOf(layout);
    }

    public static DocumentState of(NetworkSpec spec) {
        return new DocumentState(spec, Map.of());
    }

    public NodePosition position(String id) {
        return layout.get(id);
    }

    public DocumentState withSpec(NetworkSpec newSpec) {
        return new DocumentState(newSpec, layout);
    }

    public DocumentState withLayout(Map<String, NodePosition> newLayout) {
        return new DocumentState(spec, newLayout);
    }

    /** This state with some positions set. */
    public DocumentState withPositions(Map<String, NodePosition> positions) {
        Map<String, NodePosition> copy = new HashMap<>(layout);
        copy.putAll(positions);
        return new DocumentState(spec, copy);
    }
}
