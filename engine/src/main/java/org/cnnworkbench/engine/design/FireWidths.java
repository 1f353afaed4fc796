package org.cnnworkbench.engine.design;

/**
 * The filter counts of one generated Fire module.
 *
 * @param s1x1 squeeze filters
 * @param e1x1 1x1 expand filters
 * @param e3x3 3x3 expand filters
 */
public record FireWidths(int s1x1, int e1x1, int e3x3) {

    /** Expand filters, the module's output channels. */
    public int expand() {
        return e1x1 + e3x3;
    }
}
