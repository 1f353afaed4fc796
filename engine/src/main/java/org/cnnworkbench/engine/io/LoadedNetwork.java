package org.cnnworkbench.engine.io;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * A spec as read from a file, with where each node starts, so that diagnostics can point into the file, the
 * node positions the workbench saved with it (empty for a file written by hand), and what the reader passed
 * over with a warning (such as a layout entry for a node that is not in the file).
 *
 * @param source the file name (or other description) it was read from
 * @param warnings one line each, {@code FILE:LINE:COLUMN: message}
 */
public record LoadedNetwork(NetworkSpec spec, String source, Map<String, SourceLocation> nodeLocations,
                            Map<String, NodePosition> layout, List<String> warnings) {

    public LoadedNetwork {
        nodeLocations = Map.copyOf(nodeLocations);
        layout = Map.copyOf(layout);
        warnings = List.copyOf(warnings);
    }

    public LoadedNetwork(NetworkSpec spec, String source, Map<String, SourceLocation> nodeLocations,
                         Map<String, NodePosition> layout) {
        this(spec, source, nodeLocations, layout, List.of());
    }

    public LoadedNetwork(NetworkSpec spec, String source, Map<String, SourceLocation> nodeLocations) {
        this(spec, source, nodeLocations, Map.of(), List.of());
    }

    /** Where a node starts in the file, or {@code null}. */
    public SourceLocation locationOf(String nodeId) {
        return nodeId == null ? null : nodeLocations.get(nodeId);
    }
}
