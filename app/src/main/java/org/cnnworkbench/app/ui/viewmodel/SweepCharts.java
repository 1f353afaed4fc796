package org.cnnworkbench.app.ui.viewmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.cnnworkbench.app.ui.viewmodel.SweepViewModel.Curve;
import org.cnnworkbench.engine.design.ParetoFront;
import org.cnnworkbench.engine.design.PointAccuracy;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.design.SweepPoint;

/**
 * What the sweep window draws, as pure functions of the points and their measured accuracy: curves of a value
 * against the swept metaparameter (one per value of a second one), the accuracy curves with their spread over
 * seeds, and accuracy against a cost with the Pareto front marked.
 */
public final class SweepCharts {

    private SweepCharts() {
    }

    /** One measured point of the trade-off chart: its index in the sweep, cost, top-1 (%), and if on the front. */
    public record TradeoffPoint(int index, double cost, double top1, boolean onFront) {
    }

    /** The accuracy curves: the mean over seeds, and the lowest and highest seed (empty without two seeds). */
    public record AccuracyCurves(List<Curve> mean, List<Curve> min, List<Curve> max) {

        /** Whether any point has two or more measured seeds, so that a spread can be drawn. */
        public boolean hasSpread() {
            return !min.isEmpty();
        }
    }

    /**
     * Curves of {@code y(i)} against the first swept metaparameter: one curve per value of the second (named
     * {@code name = value}), or one named {@code single}. Points whose y is NaN are left out; a curve without
     * points is dropped.
     */
    public static List<Curve> curves(List<SweepPoint> points, String single, IntToDoubleFunction y) {
        Map<String, List<double[]>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < points.size(); i++) {
            SweepPoint p = points.get(i);
            String x = p.values().keySet().iterator().next();
            String label = single;
            for (Map.Entry<String, Double> e : p.values().entrySet()) {
                if (!e.getKey().equals(x)) {
                    label = e.getKey() + " = " + SqueezeNetMetaparameters.fmt(e.getValue());
                }
            }
            double value = y.applyAsDouble(i);
            List<double[]> curve = byLabel.computeIfAbsent(label, k -> new ArrayList<>());
            if (!Double.isNaN(value)) {
                curve.add(new double[] {p.value(x), value});
            }
        }
        List<Curve> curves = new ArrayList<>();
        byLabel.forEach((label, pts) -> {
            if (!pts.isEmpty()) {
                curves.add(new Curve(label, List.copyOf(pts)));
            }
        });
        return curves;
    }

    /**
     * The measured best-epoch top-1 (%) against the swept value: the mean over seeds, and when any point has two
     * or more seeds, the lowest and the highest seed's as curves of their own ({@code ... min}, {@code ... max}).
     * {@code accuracy} has one entry per point, or is empty (nothing measured).
     */
    public static AccuracyCurves accuracy(List<SweepPoint> points, List<PointAccuracy> accuracy) {
        if (accuracy.isEmpty()) {
            return new AccuracyCurves(List.of(), List.of(), List.of());
        }
        String mean = "top-1 % (best epoch" + (maxSeeds(accuracy) > 1 ? ", mean of seeds)" : ")");
        List<Curve> means = curves(points, mean, i -> percent(accuracy.get(i).top1()));
        if (maxSeeds(accuracy) < 2) {
            return new AccuracyCurves(means, List.of(), List.of());
        }
        List<Curve> min = renamed(curves(points, "top-1 %", i -> percent(accuracy.get(i).top1Min())), " min");
        List<Curve> max = renamed(curves(points, "top-1 %", i -> percent(accuracy.get(i).top1Max())), " max");
        return new AccuracyCurves(means, min, max);
    }

    private static int maxSeeds(List<PointAccuracy> accuracy) {
        return accuracy.stream().mapToInt(a -> a.measured().size()).max().orElse(0);
    }

    private static List<Curve> renamed(List<Curve> curves, String suffix) {
        return curves.stream().map(c -> new Curve(c.label() + suffix, c.points())).toList();
    }

    private static double percent(double share) {
        return 100 * share;
    }

    /**
     * The measured points as (cost, top-1 %), in sweep order, each marked if it is on the Pareto front of top-1
     * against the chosen cost (the engine's {@link ParetoFront}: no other point is at least as accurate at no larger
     * cost and strictly better in one; with {@link SweepViewModel.Metric#MODEL_SIZE} the front of sweep.csv's {@code pareto}
     * column). Points without a measured seed are left out.
     */
    public static List<TradeoffPoint> tradeoff(List<SweepPoint> points, List<PointAccuracy> accuracy,
                                             SweepViewModel.Metric cost) {
        if (accuracy.isEmpty()) {
            return List.of();
        }
        double[] costs = new double[points.size()];
        double[] top1 = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            costs[i] = cost.of(points.get(i));
            top1[i] = percent(accuracy.get(i).top1());
        }
        List<Integer> front = ParetoFront.of(costs, top1);
        List<TradeoffPoint> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (!Double.isNaN(top1[i])) {
                out.add(new TradeoffPoint(i, costs[i], top1[i], front.contains(i)));
            }
        }
        return out;
    }

    /** The points of the Pareto front of {@link #tradeoff}, by increasing cost: the line to draw through it. */
    public static List<TradeoffPoint> front(List<TradeoffPoint> tradeoff) {
        return tradeoff.stream().filter(TradeoffPoint::onFront)
                .sorted(java.util.Comparator.comparingDouble(TradeoffPoint::cost)
                        .thenComparingDouble(TradeoffPoint::top1))
                .toList();
    }

    /** Top-1 as a table shows it: {@code 91.23%}, or empty when not measured. */
    public static String top1(PointAccuracy a) {
        return a == null || a.measured().isEmpty() ? "" : String.format(Locale.ROOT, "%.2f%%", 100 * a.top1());
    }

    /** The spread over seeds: {@code ± 0.84 (90.50 – 92.10)}, or empty with fewer than two seeds measured. */
    public static String spread(PointAccuracy a) {
        if (a == null || a.measured().size() < 2) {
            return "";
        }
        return String.format(Locale.ROOT, "± %.2f (%.2f – %.2f)", 100 * a.top1Sd(), 100 * a.top1Min(),
                100 * a.top1Max());
    }

    /** The metaparameters of point {@code p} of a sweep over {@code base}. */
    public static SqueezeNetMetaparameters metaparameters(SqueezeNetMetaparameters base, SweepPoint p) {
        SqueezeNetMetaparameters m = base;
        for (Map.Entry<String, Double> e : p.values().entrySet()) {
            m = m.with(e.getKey(), e.getValue());
        }
        return m;
    }
}
