package org.cnnworkbench.engine.kinds;

/**
 * Parameters of a layer, split by role. {@code statistics} are stored but not learned by gradient descent
 * (a batch norm's running mean and variance); they count towards the model size.
 */
public record ParamCount(long weights, long biases, long statistics) {

    public static final ParamCount NONE = new ParamCount(0, 0, 0);

    public static ParamCount of(long weights, long biases) {
        return new ParamCount(weights, biases, 0);
    }

    /** All stored parameters; throws {@link ArithmeticException} on overflow. */
    public long total() {
        return Math.addExact(Math.addExact(weights, biases), statistics);
    }

    public ParamCount plus(ParamCount other) {
        return new ParamCount(Math.addExact(weights, other.weights), Math.addExact(biases, other.biases),
                Math.addExact(statistics, other.statistics));
    }

    public ParamCount minus(ParamCount other) {
        return new ParamCount(Math.subtractExact(weights, other.weights), Math.subtractExact(biases, other.biases),
                Math.subtractExact(statistics, other.statistics));
    }
}
