package org.cnnworkbench.engine.compression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.SpecExpander;
import org.cnnworkbench.engine.kinds.Category;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * The layers a plan can name: the convolutions and fully connected nodes of the expanded spec that have
 * weights, in topological order, with their weight counts; and the other stored parameters, which a compressed
 * model keeps at 32 bits.
 */
final class WeightLayers {

    /** Weight count per layer id, in topological order. */
    final Map<String, Long> weights;
    /** Which of them are fully connected. */
    final List<String> dense;
    /** Every stored parameter of the network. */
    final long totalParams;
    final AnalysisReport expanded;

    private WeightLayers(Map<String, Long> weights, List<String> dense, long totalParams, AnalysisReport expanded) {
        this.weights = Collections.unmodifiableMap(weights);
        this.dense = List.copyOf(dense);
        this.totalParams = totalParams;
        this.expanded = expanded;
    }

    static WeightLayers of(NetworkSpec spec, Analyzer analyzer) {
        AnalysisReport report = analyzer.analyze(SpecExpander.expand(spec, analyzer.kinds()));
        Map<String, Long> weights = new LinkedHashMap<>();
        List<String> dense = new ArrayList<>();
        for (NodeResult r : report.layers()) {
            Category category = analyzer.kinds().find(r.kind()).map(k -> k.category()).orElse(null);
            // a detection head (convdet) is a convolution too, with weights like any other
            boolean compressible = category == Category.CONVOLUTION || category == Category.DENSE
                    || category == Category.DETECTION;
            if (compressible && r.ok() && r.params().weights() > 0) {
                weights.put(r.id(), r.params().weights());
                if (category == Category.DENSE) {
                    dense.add(r.id());
                }
            }
        }
        return new WeightLayers(weights, dense, report.totals().paramTotal(), report);
    }

    /** All weights of the compressible layers. */
    long layerWeights() {
        return weights.values().stream().mapToLong(Long::longValue).sum();
    }
}
