package org.cnnworkbench.engine.analysis;

import java.util.Arrays;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * Peak activation memory of a sequential execution in topological order. A tensor is alive from the step
 * that produces it to the last step that reads it; a tensor nobody reads is a network output and stays
 * alive to the end. Nodes that could not be computed are left out. {@code elements} is -1 when the peak
 * overflows a long.
 */
record PeakMemory(long elements) {

    static PeakMemory of(AnalysisReport report, Analyzer analyzer) {
        // Only computed composites: the parts of a failed one might compute, but it is left out as a whole.
        NetworkSpec expanded = SpecExpander.expand(report.spec(), analyzer.kinds(),
                node -> report.result(node.id()).map(NodeResult::ok).orElse(false));
        AnalysisReport primitive = expanded == report.spec() ? report : analyzer.analyze(expanded);
        try {
            return new PeakMemory(peak(primitive));
        } catch (ArithmeticException e) {
            return new PeakMemory(-1);
        }
    }

    private static long peak(AnalysisReport report) {
        Structure s = report.structure;
        int n = s.order.length;
        int[] lastUse = new int[n];
        Arrays.fill(lastUse, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            if (s.consumers[i].length > 0) {
                int last = -1;
                for (int c : s.consumers[i]) {
                    last = Math.max(last, s.rank[c]);
                }
                lastUse[i] = last;
            }
        }
        long[] freedAfter = new long[n];
        long live = 0;
        long peak = 0;
        for (int step = 0; step < n; step++) {
            int i = s.order[step];
            NodeResult r = report.resultAt(i);
            if (r.ok()) {
                long size = r.output().elements();
                live = Math.addExact(live, size);
                peak = Math.max(peak, live);
                if (lastUse[i] != Integer.MAX_VALUE) {
                    freedAfter[Math.max(lastUse[i], step)] += size;
                }
            }
            live -= freedAfter[step];
        }
        return peak;
    }
}
