package org.cnnworkbench.engine.analysis;

/** Whether a node's metrics could be computed. */
public enum NodeStatus {
    /** Computed (possibly with warnings). */
    OK,
    /** The node itself has an error; see its diagnostics. */
    ERROR,
    /** The node is fine as far as can be told, but an upstream node has an error, so it has no input shape. */
    BLOCKED
}
