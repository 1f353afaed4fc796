package org.cnnworkbench.engine.design;

import java.util.ArrayList;
import java.util.List;

/**
 * The Pareto front of design points over a cost (model size, MACs) and an accuracy: the points that no other point
 * beats, that is, none has a cost at most theirs and an accuracy at least theirs with one of the two strictly
 * better. Points without an accuracy (NaN) are never on the front.
 *
 * <pre>{@code
 * List<Integer> front = ParetoFront.of(new double[] {100, 200, 300}, new double[] {0.80, 0.79, 0.85});
 * // [0, 2]: point 1 costs more than point 0 and is less accurate
 * }</pre>
 */
public final class ParetoFront {

    private ParetoFront() {
    }

    /** The indices of the points on the front, in ascending cost (ties: the order given). */
    public static List<Integer> of(double[] cost, double[] accuracy) {
        if (cost.length != accuracy.length) {
            throw new IllegalArgumentException(cost.length + " costs but " + accuracy.length + " accuracies");
        }
        List<Integer> front = new ArrayList<>();
        for (int i = 0; i < cost.length; i++) {
            if (Double.isNaN(accuracy[i]) || Double.isNaN(cost[i])) {
                continue;
            }
            boolean dominated = false;
            for (int j = 0; j < cost.length && !dominated; j++) {
                if (j == i || Double.isNaN(accuracy[j]) || Double.isNaN(cost[j])) {
                    continue;
                }
                dominated = cost[j] <= cost[i] && accuracy[j] >= accuracy[i]
                        && (cost[j] < cost[i] || accuracy[j] > accuracy[i]);
            }
            if (!dominated) {
                front.add(i);
            }
        }
        front.sort((a, b) -> Double.compare(cost[a], cost[b]));
        return front;
    }

    /** The front of trained sweep points by 32-bit model size and mean top-1. */
    public static List<Integer> bySize(List<SweepPoint> points, List<PointAccuracy> accuracy) {
        double[] cost = new double[points.size()];
        double[] acc = new double[points.size()];
        for (int i = 0; i < cost.length; i++) {
            cost[i] = points.get(i).modelBytes32();
            acc[i] = accuracy.get(i).top1();
        }
        return of(cost, acc);
    }
}
