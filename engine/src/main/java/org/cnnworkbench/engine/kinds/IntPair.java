package org.cnnworkbench.engine.kinds;

/** A (height, width) pair of a window size, stride or padding. */
public record IntPair(long h, long w) {

    public boolean isSquare() {
        return h == w;
    }

    @Override
    public String toString() {
        return isSquare() ? Long.toString(h) : h + "x" + w;
    }
}
