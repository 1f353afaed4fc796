package org.cnnworkbench.app.ui.viewmodel;

import java.util.List;

/** The per-layer shares the chart draws: layers that have parameters or MACs, in table order. */
public final class LayerShares {

    /** One bar pair: a layer's share of the network's parameters and MACs, in percent. */
    public record Bar(String id, double paramPercent, double macPercent) {
    }

    private LayerShares() {
    }

    public static List<Bar> of(List<LayerRow> rows) {
        return rows.stream().filter(r -> r.params() > 0 || r.macs() > 0)
                .map(r -> new Bar(r.id(), r.paramShare() * 100, r.macShare() * 100)).toList();
    }
}
