package org.cnnworkbench.engine.io;

import java.util.Map;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * A spec as read from a file, with where each node starts, so that diagnostics can point into the file, and
 * the node positions the workbench saved with it (empty for a file written by hand).
 *
 * @param source the file name (or other description) it was read from
 */
public record LoadedNetwork(NetworkSpec spec, String source, Map<String, SourceLocation> nodeLocations,
                            Map<String, NodePosition> layout) {

    public LoadedNetwork {
        nodeLocations = Map.copyOf(nodeLocations);
        layout = Map.copyOf(layout);
    }

    public LoadedNetwork(NetworkSpec spec, String source, Map<String, SourceLocation> nodeLocations) {
        this(spec, source, nodeLocations, Map.of());
    }

    /** Where a node starts in the file, or {@code null}. */
    public SourceLocation locationOf(String nodeId) {
        return nodeId == null ? null : nodeLocations.get(nodeId);
    }
}
