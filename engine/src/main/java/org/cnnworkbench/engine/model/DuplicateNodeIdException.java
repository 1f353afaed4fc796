package org.cnnworkbench.engine.model;

/** Thrown when a spec would contain two nodes with the same id. */
public final class DuplicateNodeIdException extends IllegalArgumentException {

    private final String nodeId;

    public DuplicateNodeIdException(String nodeId) {
        super("two nodes have the id '" + nodeId + "'; node ids must be unique");
        this.nodeId = nodeId;
    }

    public String nodeId() {
        return nodeId;
    }
}
