package org.cnnworkbench.engine.io;

/** Where the UI draws a node: the top-left corner of its card, in canvas units. */
public record NodePosition(double x, double y) {

    public NodePosition {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("a position must be finite: " + x + ", " + y);
        }
    }
}
