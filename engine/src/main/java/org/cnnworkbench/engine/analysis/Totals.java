package org.cnnworkbench.engine.analysis;

import org.cnnworkbench.engine.kinds.ParamCount;

/**
 * Sums over every node that could be computed. A sum that overflows a long is reported as a network
 * diagnostic and the totals are then {@link #overflowed()}.
 */
public record Totals(ParamCount params, long macs, long otherOps, long activations, boolean overflowed) {

    static final Totals ZERO = new Totals(ParamCount.NONE, 0, 0, 0, false);

    public long paramTotal() {
        return params.total();
    }

    /** Bytes to store every parameter at {@code bits} bits each, rounded up to whole bytes. */
    public long modelBytes(int bits) {
        if (bits < 1) {
            throw new IllegalArgumentException("bits must be at least 1: " + bits);
        }
        return Math.floorDiv(Math.addExact(Math.multiplyExact(paramTotal(), (long) bits), 7L), 8L);
    }

    Totals plus(NodeResult r) {
        return new Totals(params.plus(r.params()), Math.addExact(macs, r.macs()),
                Math.addExact(otherOps, r.otherOps()), Math.addExact(activations, r.activations()), false);
    }

    Totals minus(NodeResult r) {
        return new Totals(params.minus(r.params()), Math.subtractExact(macs, r.macs()),
                Math.subtractExact(otherOps, r.otherOps()), Math.subtractExact(activations, r.activations()), false);
    }
}
