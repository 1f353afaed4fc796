package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.app.report.SensitivityCsv;
import org.cnnworkbench.engine.compression.CompressedSizeEstimate;
import org.cnnworkbench.engine.compression.CompressionDefaults;
import org.cnnworkbench.engine.compression.CompressionPlan;
import org.cnnworkbench.engine.compression.LayerPlan;
import org.cnnworkbench.engine.compression.PlanSelection;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.Sensitivity;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * {@code --target-size} and {@code --max-loss}: per-layer densities chosen from pruning sensitivity curves (read
 * from a CSV or measured now), each candidate at the bits and gap width the base plan gives the layer.
 */
final class PlanChoice {

    private PlanChoice() {
    }

    /** The chosen plan, or null if the measurement was stopped. */
    static CompressionPlan choose(Path run, NetworkSpec network, CompressionPlan base, String targetSize,
                                  Double maxLoss, Path csv, int valLimit, PrintWriter out, PrintWriter err,
                                  AtomicBoolean cancel) throws IOException, Dl4jConversionException {
        long target = targetSize == null ? 0 : Sizes.parse(targetSize);
        List<SensitivityCsv.Row> rows;
        if (csv != null) {
            rows = SensitivityCsv.read(csv);
            if (rows.stream().anyMatch(r -> !r.layer().isEmpty() && !"prune".equals(r.method()))) {
                throw new UserException(csv + ": --target-size and --max-loss need pruning curves (sensitivity "
                        + "--method prune)");
            }
        } else {
            out.println("measuring the pruning sensitivity of every layer (" + valLimit + " validation images per "
                    + "point) ...");
            List<Sensitivity.Point> points = Sensitivity.measure(run, Sensitivity.Method.PRUNE,
                    SensitivityCommand.DENSITIES, List.of(), valLimit, p -> {
                        out.println(SensitivityCommand.line(Sensitivity.Method.PRUNE, p));
                        out.flush();
                    }, cancel);
            if (cancel.get()) {
                return null;
            }
            rows = points.stream().map(p -> new SensitivityCsv.Row("prune", p.layer(), p.weights(), p.value(),
                    100 * p.top1())).toList();
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
        PlanSelection.Result result = maxLoss != null
                ? PlanSelection.forMaxLoss(baseline, curves, maxLoss, fixed)
                : PlanSelection.forTargetSize(baseline, curves, fixed, target);
        CompressionPlan plan = result.applyTo(base);
        out.println(result.message());
        for (LayerPlan p : result.plan().layers().values()) {
            out.printf(Locale.ROOT, "  %-22s density %.2f, %s, gaps %d bits%n", p.layer(), p.density(),
                    p.bits() == LayerPlan.FLOAT32 ? "32-bit floats" : p.bits() + " bits", p.gapBits());
        }
        out.flush();
        if (!result.reached()) {
            err.println("workbench: warning: " + result.message());
            err.flush();
        }
        return plan;
    }
}
