package org.cnnworkbench.engine.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Totals;
import org.cnnworkbench.engine.compression.CompressedSizeEstimate;
import org.cnnworkbench.engine.io.CsvTable;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * Sweeps of the SqueezeNet design space (the paper's Figure 3): one or two metaparameters over a range, every
 * other metaparameter as in a base, each point generated and analysed.
 *
 * <pre>{@code
 * List<SweepPoint> points = DesignSweep.sweep(SqueezeNetMetaparameters.defaults(),
 *         new SweepAxis("sr", 0.125, 1.0, 8), null);
 * String csv = DesignSweep.toCsv(points);
 * }</pre>
 */
public final class DesignSweep {

    /** The most points one sweep may have. */
    public static final int MAX_POINTS = 10_000;

    private DesignSweep() {
    }

    /**
     * Every combination of the axes' values, x varying fastest within each y value (y outer, x inner), so that
     * the points of one y value form one curve.
     *
     * @param base the metaparameters that are not swept
     * @param x the swept metaparameter
     * @param yOrNull a second swept metaparameter, or {@code null}
     * @throws IllegalArgumentException when both axes sweep the same metaparameter, the sweep has more than
     *         {@value #MAX_POINTS} points, or a point makes no network (the message names the point)
     */
    public static List<SweepPoint> sweep(SqueezeNetMetaparameters base, SweepAxis x, SweepAxis yOrNull) {
        if (yOrNull != null && yOrNull.parameter().equals(x.parameter())) {
            throw new IllegalArgumentException("both axes sweep " + x.parameter() + "; choose two different "
                    + "metaparameters or sweep only one");
        }
        List<Double> xs = x.values();
        List<Double> ys = yOrNull == null ? java.util.Collections.singletonList(null) : yOrNull.values();
        if ((long) xs.size() * ys.size() > MAX_POINTS) {
            throw new IllegalArgumentException("the sweep has " + (long) xs.size() * ys.size()
                    + " points; at most " + MAX_POINTS + " are allowed");
        }
        Analyzer analyzer = Analyzer.standard();
        List<SweepPoint> points = new ArrayList<>(xs.size() * ys.size());
        for (Double y : ys) {
            for (double xv : xs) {
                Map<String, Double> values = new LinkedHashMap<>();
                values.put(x.parameter(), xv);
                SqueezeNetMetaparameters m = base.with(x.parameter(), xv);
                if (y != null) {
                    values.put(yOrNull.parameter(), y);
                    m = m.with(yOrNull.parameter(), y);
                }
                points.add(point(analyzer, m, values));
            }
        }
        return List.copyOf(points);
    }

    private static SweepPoint point(Analyzer analyzer, SqueezeNetMetaparameters m, Map<String, Double> values) {
        NetworkSpec spec;
        try {
            spec = SqueezeNetGenerator.generate(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("at " + label(values) + ": " + e.getMessage(), e);
        }
        Totals t = analyzer.analyze(spec).totals();
        return new SweepPoint(values, t.paramTotal(), t.macs(), t.activations(), t.modelBytes(32),
                CompressedSizeEstimate.ofDefaults(spec, analyzer).totalBytes());
    }

    private static String label(Map<String, Double> values) {
        return SweepPoint.label(values);
    }

    /**
     * The points as CSV with a header: the swept metaparameters, then {@code params, macs, activations,
     * model_bytes_32, accuracy, compressed_bytes}. The accuracy column is empty: trained results are not recorded
     * yet. {@code compressed_bytes} is the estimated size under the SqueezeNet paper's compression settings
     * (docs/compression.md); it comes last so that the earlier columns keep their places.
     */
    public static String toCsv(List<SweepPoint> points) {
        return toCsv(points, null);
    }

    /** The measured columns of a trained sweep, after the analytic ones. */
    public static final List<String> MEASURED_COLUMNS = List.of("top5", "top1_sd", "top1_min", "top1_max",
            "seeds", "best_epochs", "train_seconds", "images_per_second", "pareto");

    /**
     * {@link #toCsv(List)} with the measured accuracy of each point ({@code measured.get(i)} for point {@code i};
     * {@code null} for an untrained sweep, whose accuracy column stays empty). With results, {@code accuracy} is
     * the mean over the point's seeds of the best epoch's validation top-1 (0..1), and the columns
     * {@link #MEASURED_COLUMNS} follow: top-5 (mean), the top-1's sample standard deviation, minimum and maximum
     * over the seeds, the number of completed seeds, each seed's best epoch (space-separated), the mean
     * training seconds and images per second of a run, and {@code pareto}: 1 for a point on the Pareto front of
     * accuracy against 32-bit model size ({@link ParetoFront#bySize}), else 0. A point not trained yet has these
     * cells empty.
     */
    public static String toCsv(List<SweepPoint> points, List<PointAccuracy> measured) {
        List<String> swept = points.isEmpty() ? List.of() : List.copyOf(points.get(0).values().keySet());
        List<String> columns = new ArrayList<>(swept);
        columns.addAll(List.of("params", "macs", "activations", "model_bytes_32", "accuracy", "compressed_bytes"));
        if (measured != null) {
            columns.addAll(MEASURED_COLUMNS);
        }
        CsvTable table = new CsvTable(columns);
        List<Integer> front = measured == null ? List.of() : ParetoFront.bySize(points, measured);
        for (int i = 0; i < points.size(); i++) {
            SweepPoint p = points.get(i);
            PointAccuracy a = measured == null ? null : measured.get(i);
            List<Object> row = new ArrayList<>();
            swept.forEach(name -> row.add(SqueezeNetMetaparameters.fmt(p.value(name))));
            row.addAll(java.util.Arrays.asList(p.params(), p.macs(), p.activations(), p.modelBytes32(),
                    a == null ? null : number(a.top1()), p.compressedBytes()));
            if (measured != null) {
                boolean none = a == null || a.measured().isEmpty();
                row.addAll(java.util.Arrays.asList(none ? null : number(a.top5()), none ? null : number(a.top1Sd()),
                        none ? null : number(a.top1Min()), none ? null : number(a.top1Max()),
                        none ? null : a.measured().size(),
                        none ? null : String.join(" ", a.measured().stream()
                                .map(r -> Integer.toString(r.bestEpoch())).toList()),
                        none ? null : String.format(java.util.Locale.ROOT, "%.1f", a.seconds()),
                        none ? null : String.format(java.util.Locale.ROOT, "%.1f", a.imagesPerSecond()),
                        none ? null : front.contains(i) ? 1 : 0));
            }
            table.row(row);
        }
        return table.toCsv();
    }

    /** Six decimals, or empty for NaN. */
    private static String number(double v) {
        return Double.isNaN(v) ? null : String.format(java.util.Locale.ROOT, "%.6f", v);
    }
}
