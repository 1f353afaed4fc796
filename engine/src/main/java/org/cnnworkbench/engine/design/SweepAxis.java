package org.cnnworkbench.engine.design;

import java.util.ArrayList;
import java.util.List;

/**
 * One swept metaparameter: {@code steps} evenly spaced values from {@code from} to {@code to}, both included.
 * Integer metaparameters ({@code base_e}, {@code incr_e}, {@code freq}) take the nearest integer and repeated
 * values are dropped, so such an axis may have fewer than {@code steps} values.
 *
 * @param parameter a {@linkplain SqueezeNetMetaparameters#SWEEPABLE sweepable} metaparameter by its paper name:
 *        {@code base_e}, {@code incr_e}, {@code freq}, {@code pct_3x3} or {@code sr}
 * @param from the first value
 * @param to the last value (may be below {@code from} for a descending sweep)
 * @param steps number of values, 1 to {@value #MAX_STEPS}; with 1 only {@code from} is used
 */
public record SweepAxis(String parameter, double from, double to, int steps) {

    /** The most values one axis may have. */
    public static final int MAX_STEPS = 1000;

    /**
     * @throws IllegalArgumentException for an unknown parameter, a bound that is not finite, or steps out of range
     */
    public SweepAxis {
        if (parameter == null || !SqueezeNetMetaparameters.SWEEPABLE.contains(parameter)) {
            throw new IllegalArgumentException("cannot sweep '" + parameter + "'; the sweepable metaparameters are "
                    + String.join(", ", SqueezeNetMetaparameters.SWEEPABLE));
        }
        if (!Double.isFinite(from) || !Double.isFinite(to)) {
            throw new IllegalArgumentException("the range of " + parameter + " must be finite numbers, not "
                    + from + " .. " + to);
        }
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps of " + parameter + " is " + steps + "; it must be 1 to "
                    + MAX_STEPS);
        }
    }

    /** The values of this axis, in sweep order. */
    public List<Double> values() {
        List<Double> values = new ArrayList<>(steps);
        boolean integer = SqueezeNetMetaparameters.isInteger(parameter);
        for (int i = 0; i < steps; i++) {
            double v = steps == 1 ? from : from + (to - from) * i / (steps - 1);
            // 1e-9 resolution keeps 0.125 + k * 0.125 from printing as 0.37500000000000006
            v = integer ? Math.rint(v) : Math.rint(v * 1e9) / 1e9;
            if (values.isEmpty() || values.get(values.size() - 1) != v) {
                values.add(v);
            }
        }
        return List.copyOf(values);
    }
}
