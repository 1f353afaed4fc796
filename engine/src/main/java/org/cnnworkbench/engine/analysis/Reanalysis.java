package org.cnnworkbench.engine.analysis;

import java.util.List;

/**
 * The outcome of re-analysing after an edit.
 *
 * @param report the new report
 * @param affected ids of the nodes whose results changed (shape, counts, status or diagnostics) or that were
 *                 edited, in topological order; a local change gives the edited layer and the next layer with
 *                 parameters (with any shape-preserving layers between them, such as a pool whose channel
 *                 count follows), a global change everything downstream
 * @param recomputed how many node results were computed anew (the cost of the update)
 * @param structural whether the edit changed the wiring (nodes added or removed, inputs changed)
 */
public record Reanalysis(AnalysisReport report, List<String> affected, int recomputed, boolean structural) {

    public Reanalysis {
        affected = List.copyOf(affected);
    }
}
