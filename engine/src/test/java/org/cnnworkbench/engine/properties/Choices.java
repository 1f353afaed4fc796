package org.cnnworkbench.engine.properties;

import java.util.List;

/**
 * Turns a list of random non-negative ints into a sequence of decisions. Each decision consumes one int and
 * takes it modulo the number of options, so shrinking the ints towards zero shrinks every decision towards
 * its first option; running out of ints also means "first option".
 */
final class Choices {

    private final List<Integer> values;
    private int next;

    Choices(List<Integer> values) {
        this.values = values;
    }

    /** A number in {@code [0, bound)}. */
    int pick(int bound) {
        int v = next < values.size() ? values.get(next) : 0;
        next++;
        return bound <= 1 ? 0 : Math.floorMod(v, bound);
    }

    /** A number in {@code [min, max]}. */
    int between(int min, int max) {
        return min + pick(max - min + 1);
    }

    /** True about once in {@code n} decisions; false for the shrunk value. */
    boolean oneIn(int n) {
        return pick(n) == n - 1;
    }

    <T> T of(List<T> options) {
        return options.get(pick(options.size()));
    }
}
