package org.cnnworkbench.app.ui.viewmodel;

import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.Totals;

/** One row of the per-layer table: a node's results and its share of the network totals. */
public record LayerRow(String id, String kind, String status, String output, long params, long macs,
                       long activations, double paramShare, double macShare) {

    static LayerRow of(NodeResult r, Totals totals) {
        String output = r.ok() ? r.output().toChw().get(0) + "x" + r.output().toChw().get(1) + "x"
                + r.output().toChw().get(2) : "-";
        return new LayerRow(r.id(), r.kind(), r.status().name().toLowerCase(), output, r.paramTotal(), r.macs(),
                r.activations(), share(r.paramTotal(), totals.paramTotal()), share(r.macs(), totals.macs()));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
