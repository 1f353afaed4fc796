package org.cnnworkbench.engine.io.prototxt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.SourceLocation;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * A network imported from a Caffe prototxt: the spec, where each node's layer stands in the file, the layers
 * that did not become nodes and why, and the warnings about those that did.
 *
 * @param spec the imported network
 * @param source the file (or other description) it was read from
 * @param nodeLocations where each node's layer starts in the file
 * @param skipped the layers left out, in file order
 * @param warnings remarks about imported layers, each {@code FILE:LINE:COLUMN: message}
 */
public record PrototxtImport(NetworkSpec spec, String source, Map<String, SourceLocation> nodeLocations,
                             List<Skipped> skipped, List<String> warnings) {

    /**
     * A layer that did not become a node.
     *
     * @param layer its name
     * @param type its Caffe type
     * @param location where it starts in the file
     * @param reason why, in words (an unsupported type or parameter, a train-only layer, an ignored Accuracy)
     */
    public record Skipped(String layer, String type, SourceLocation location, String reason) {

        /** {@code FILE:LINE:COLUMN: skipped layer 'x' (Type): reason}. */
        public String describe(String source) {
            return SourceLocation.where(source, location) + ": skipped layer '" + layer + "' (" + type + "): "
                    + reason;
        }
    }

    public PrototxtImport {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(source, "source");
        nodeLocations = Map.copyOf(nodeLocations);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    /**
     * What was skipped and the warnings, one line each as {@link LoadedNetwork#warnings()} has them, in the order
     * of their lines in the file.
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        skipped.forEach(s -> notes.add(s.describe(source)));
        notes.addAll(warnings);
        notes.sort(Comparator.comparingLong(this::position));
        return notes;
    }

    /** Line and column of a note that starts {@code SOURCE:LINE:COLUMN:}, as one number; notes without last. */
    private long position(String note) {
        String prefix = source + ":";
        if (!note.startsWith(prefix)) {
            return Long.MAX_VALUE;
        }
        String[] parts = note.substring(prefix.length()).split(":", 3);
        try {
            return Long.parseLong(parts[0]) * 1_000_000L + Long.parseLong(parts[1]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The import as a network loaded from a file, with the skipped layers and warnings as its warnings and node
     * locations pointing into the prototxt, so that the commands and the workbench show it like any spec file.
     */
    public LoadedNetwork toLoadedNetwork() {
        return new LoadedNetwork(spec, source, nodeLocations, Map.of(), notes());
    }
}
