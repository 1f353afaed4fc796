package org.cnnworkbench.app.ui.viewmodel;

import org.cnnworkbench.engine.design.PointAccuracy;
import org.cnnworkbench.engine.design.SweepPoint;

/**
 * One design point as the sweep window's table lists it.
 *
 * @param index the point's index in the sweep (0-based)
 * @param label its swept values, {@code sr = 0.25, pct_3x3 = 0.5}
 * @param point its analytic totals
 * @param accuracy its measured accuracy (null in a sweep that is not trained)
 * @param seeds the seeds each point trains with (0 in a sweep that is not trained)
 * @param onFront whether it is on the Pareto front of accuracy against the chosen cost
 */
public record SweepPointRow(int index, String label, SweepPoint point, PointAccuracy accuracy, int seeds,
                            boolean onFront) {

    /** {@code 91.23%}, or empty before a seed is measured. */
    public String top1() {
        return SweepCharts.top1(accuracy);
    }

    /** {@code ± 0.84 (90.50 – 92.10)} over the seeds, or empty with fewer than two. */
    public String spread() {
        return SweepCharts.spread(accuracy);
    }

    /** Runs finished of those planned, {@code 2/3}; empty in a sweep that is not trained. */
    public String runs() {
        return seeds == 0 ? "" : (accuracy == null ? 0 : accuracy.runs().size()) + "/" + seeds;
    }

    /** Whether the point has a finished run to show. */
    public boolean hasRuns() {
        return accuracy != null && !accuracy.runs().isEmpty();
    }
}
