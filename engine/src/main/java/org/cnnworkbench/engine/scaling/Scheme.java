package org.cnnworkbench.engine.scaling;

/** How workers exchange gradients and weights in data-parallel training (docs/scaling.md). */
public enum Scheme {
    /** One central server: its link carries every worker's gradients in and weights out. */
    PARAMETER_SERVER,
    /** A binary reduction tree (FireCaffe): gradients summed up the tree, weights broadcast down. */
    REDUCTION_TREE
}
