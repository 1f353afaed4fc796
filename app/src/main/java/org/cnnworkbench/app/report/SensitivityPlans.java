package org.cnnworkbench.app.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.compression.CompressedSizeEstimate;
import org.cnnworkbench.engine.compression.CompressionDefaults;
import org.cnnworkbench.engine.compression.CompressionPlan;
import org.cnnworkbench.engine.compression.LayerPlan;
import org.cnnworkbench.engine.compression.PlanSelection;
import org.cnnworkbench.engine.dl4j.Sensitivity;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * Per-layer densities chosen from pruning sensitivity curves, for {@code compress --target-size/--max-loss} and
 * the Compress window's "Choose settings": each candidate at the bits and gap width the base plan gives the layer.
 *
 * <pre>{@code
 * PlanSelection.Result r = SensitivityPlans.choose(spec, base, rows, 250_000, null);
 * CompressionPlan plan = r.applyTo(base);
 * }</pre>
 */
public final class SensitivityPlans {

    /** The densities a sensitivity analysis tries by default. */
    public static final List<Double> DENSITIES = List.of(1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05);

    /** The bit widths a sensitivity analysis of weight sharing tries by default. */
    public static final List<Double> BITS = List.of(8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0);

    private SensitivityPlans() {
    }

    /** Measured pruning points as the rows of a sensitivity CSV (top-1 in percent). */
    public static List<SensitivityCsv.Row> pruneRows(List<Sensitivity.Point> points) {
        return points.stream().map(p -> new SensitivityCsv.Row("prune", p.layer(), p.weights(), p.value(),
                100 * p.top1())).toList();
    }

    /**
     * The selection for at most {@code targetBytes} (when {@code maxLoss} is null) or for a top-1 loss of at most
     * {@code maxLoss} points per layer.
     *
     * @param rows pruning curves; the first row is the unchanged model
     * @throws IllegalArgumentException if there are no rows or they are not pruning curves
     */
    public static PlanSelection.Result choose(NetworkSpec network, CompressionPlan base,
                                              List<SensitivityCsv.Row> rows, long targetBytes, Double maxLoss) {
        if (rows.isEmpty() || !rows.get(0).layer().isEmpty()) {
            throw new IllegalArgumentException("no sensitivity curves: the first point must be the unchanged model");
        }
        if (rows.stream().anyMatch(r -> !r.layer().isEmpty() && !"prune".equals(r.method()))) {
            throw new IllegalArgumentException("choosing densities needs pruning curves (method prune)");
        }
        double baseline = rows.get(0).top1Percent();
        Map<String, List<SensitivityCsv.Row>> byLayer = new LinkedHashMap<>();
        rows.stream().skip(1).forEach(r -> byLayer.computeIfAbsent(r.layer(), k -> new ArrayList<>()).add(r));
        List<PlanSelection.Curve> curves = new ArrayList<>();
        for (var e : byLayer.entrySet()) {
            LayerPlan layer = base.layer(e.getKey()).orElse(new LayerPlan(e.getKey(), 1.0,
                    LayerPlan.FLOAT32, CompressionDefaults.GAP_BITS));
            List<PlanSelection.Point> points = e.getValue().stream()
                    .map(r -> new PlanSelection.Point(r.value(), layer.bits(), r.top1Percent())).toList();
            curves.add(new PlanSelection.Curve(e.getKey(), e.getValue().get(0).weights(), layer.gapBits(), points));
        }
        long fixed = CompressedSizeEstimate.of(network, base)
                .bytesOutside(curves.stream().map(PlanSelection.Curve::layer).toList());
        return maxLoss != null
                ? PlanSelection.forMaxLoss(baseline, curves, maxLoss, fixed)
                : PlanSelection.forTargetSize(baseline, curves, fixed, targetBytes);
    }
}
