package org.cnnworkbench.engine.io.prototxt;

import java.util.List;
import java.util.Optional;
import org.cnnworkbench.engine.model.Node;

/**
 * What a {@link CaffeMapping} may ask of the importer while it imports one layer: the nodes that produce the
 * layer's bottom blobs, ids for new nodes, and the nodes made so far (to fold a layer into the one before it).
 */
public interface ImportContext {

    /**
     * An id for a new node, made from the layer's name (its type and position when it has none) and unique in
     * the network; call it once per node.
     */
    String newId(CaffeLayer layer);

    /** An id for a new helper node {@code wanted}, unique in the network. */
    String newId(String wanted);

    /**
     * The id of the node that produces {@code blob} at this point of the file. A blob that no imported layer
     * produced (its layer was skipped) gives the blob's own name, which the analysis then reports as a missing
     * input of the node that takes it.
     */
    String input(String blob);

    /** {@link #input} of each of the layer's bottoms, in order. */
    List<String> inputs(CaffeLayer layer);

    /** The node that produces {@code blob} at this point of the file, if an imported layer did. */
    Optional<Node> producer(String blob);

    /** Whether some node imported so far takes the node {@code id} as an input. */
    boolean isConsumed(String id);

    /** Replaces the imported node of the same id (to fold a layer into it, e.g. a fused activation). */
    void replace(Node node);

    /** Adds a warning about the layer; the import still goes on (it is shown with the layer's line). */
    void warn(CaffeLayer layer, String message);

    /**
     * Declines the layer with the reason it cannot be represented (reported if no other mapping accepts it):
     * {@code return context.decline("Eltwise PROD has no kind; only SUM (add) imports");}
     */
    <T> Optional<T> decline(String reason);
}
