package org.cnnworkbench.app.ui.viewmodel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Pareto front of design points that trade a cost (model size, MACs) against a value (accuracy): the points
 * that no other point beats, where a point beats another if it costs no more and is worth no less, and is
 * strictly better in one of the two. Equal points (same cost and value) do not beat each other, so both stay on
 * the front. A pure function of its arrays.
 *
 * <pre>{@code
 * ParetoFront.of(new double[] {4.9, 2.1, 7.8}, new double[] {0.91, 0.90, 0.90});   // [1, 0]: by cost
 * }</pre>
 */
public final class ParetoFront {

    private ParetoFront() {
    }

    /**
     * The indices of the points on the front, by increasing cost (so also by increasing value). A point whose
     * cost or value is NaN or infinite is left out (not measured yet).
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static List<Integer> of(double[] cost, double[] value) {
        if (cost.length != value.length) {
            throw new IllegalArgumentException("costs and values differ in number: " + cost.length + " and "
                    + value.length);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < cost.length; i++) {
            if (Double.isFinite(cost[i]) && Double.isFinite(value[i])) {
                order.add(i);
            }
        }
        // cheapest first, the best of equal costs first: each point is then beaten exactly when an earlier one
        // is worth more, or worth as much at a lower cost
        order.sort(Comparator.<Integer>comparingDouble(i -> cost[i]).thenComparing(i -> -value[i]));
        List<Integer> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (int i : order) {
            int last = front.isEmpty() ? -1 : front.get(front.size() - 1);
            if (value[i] > best) {
                front.add(i);
                best = value[i];
            } else if (last >= 0 && value[i] == value[last] && cost[i] == cost[last]) {
                front.add(i);   // the same point twice: neither beats the other
            }
        }
        return List.copyOf(front);
    }
}
