package org.cnnworkbench.engine.io;

import java.util.Map;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * A spec as read from a file, with where each node starts, so that diagnostics can point into the file.
 *
 * @param source the file name (or other description) it was read from
 */
public record LoadedNetwork(NetworkSpec spec, String source, Map<String, SourceLocation> nodeLocations) {

    public LoadedNetwork {
        nodeLocations = Map.copyOf(nodeLocations);
    }

    /** Where a node starts in the file, or {@code null}. */
    public SourceLocation locationOf(String nodeId) {
        return nodeId == null ? null : nodeLocations.get(nodeId);
    }
}
