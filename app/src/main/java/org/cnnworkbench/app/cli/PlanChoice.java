package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.app.report.SensitivityCsv;
import org.cnnworkbench.app.report.SensitivityPlans;
import org.cnnworkbench.app.report.Sizes;
import org.cnnworkbench.engine.compression.CompressionPlan;
import org.cnnworkbench.engine.compression.LayerPlan;
import org.cnnworkbench.engine.compression.PlanSelection;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.ModelChoice;
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
    static CompressionPlan choose(Path run, ModelChoice model, NetworkSpec network, CompressionPlan base,
                                  String targetSize, Double maxLoss, Path csv, int valLimit, PrintWriter out,
                                  PrintWriter err, AtomicBoolean cancel) throws IOException, Dl4jConversionException {
        long target;
        try {
            target = targetSize == null ? 0 : Sizes.parse(targetSize);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        List<SensitivityCsv.Row> rows;
        if (csv != null) {
            rows = SensitivityCsv.read(csv);
        } else {
            out.println("measuring the pruning sensitivity of every layer (" + valLimit + " validation images per "
                    + "point) ...");
            List<Sensitivity.Point> points = Sensitivity.measure(run, model, Sensitivity.Method.PRUNE,
                    SensitivityCommand.DENSITIES, List.of(), valLimit, p -> {
                        out.println(SensitivityCommand.line(Sensitivity.Method.PRUNE, p));
                        out.flush();
                    }, cancel);
            if (cancel.get()) {
                return null;
            }
            rows = SensitivityPlans.pruneRows(points);
        }
        PlanSelection.Result result;
        try {
            result = SensitivityPlans.choose(network, base, rows, target, maxLoss);
        } catch (IllegalArgumentException e) {
            throw new UserException((csv == null ? "" : csv + ": ") + e.getMessage());
        }
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
