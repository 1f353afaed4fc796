package org.cnnworkbench.engine.dl4j;

/**
 * A spec that cannot become a DL4J network: it is invalid, or one of its nodes has a kind (or a parameter
 * combination) that has no DL4J counterpart. The message names the node and the reason.
 */
public class Dl4jConversionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String nodeId;

    public Dl4jConversionException(String nodeId, String message) {
        super(nodeId == null ? message : "node '" + nodeId + "': " + message);
        this.nodeId = nodeId;
    }

    /** The node that could not be converted, or {@code null} when the problem concerns the whole network. */
    public String nodeId() {
        return nodeId;
    }
}
