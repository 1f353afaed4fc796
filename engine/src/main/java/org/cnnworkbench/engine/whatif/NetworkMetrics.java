package org.cnnworkbench.engine.whatif;

import java.util.Objects;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.SpecExpander;
import org.cnnworkbench.engine.analysis.Totals;
import org.cnnworkbench.engine.compression.CompressedSizeEstimate;
import org.cnnworkbench.engine.compression.CompressionDefaults;
import org.cnnworkbench.engine.kinds.Category;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * The totals of one network that a comparison puts side by side (docs/whatif.md).
 *
 * <pre>{@code
 * NetworkMetrics nin = NetworkMetrics.of(Analyzer.standard().analyze(spec));
 * nin.convActivations();   // the "quantity of output": activations of the convolutions only
 * nin.compressedBytes();    // the size under the published compression settings (estimate)
 * }</pre>
 *
 * @param name the network's name
 * @param params all stored parameters
 * @param macs multiply-accumulates of one forward pass
 * @param activations elements of every tensor produced by every node (docs/metrics.md)
 * @param convActivations the quantity of output: elements produced by convolutions only, counting a composite
 *                        such as a Fire module as its primitive parts (its squeeze and expand convolutions, not
 *                        its concatenation or bypass sum)
 * @param modelBytes32 the model size at 32 bits per parameter
 * @param compressedBytes the estimated compressed size under the published defaults
 *                        ({@link CompressionDefaults#forSpec}: Deep Compression's AlexNet settings, or the
 *                        SqueezeNet paper's for networks with Fire modules), before Huffman coding
 *                        ({@link CompressedSizeEstimate}, docs/compression.md)
 */
public record NetworkMetrics(String name, long params, long macs, long activations, long convActivations,
                             long modelBytes32, long compressedBytes) {

    public NetworkMetrics {
        Objects.requireNonNull(name, "name");
    }

    /** The metrics of a report made with the built-in kinds. */
    public static NetworkMetrics of(AnalysisReport report) {
        return of(report, Analyzer.standard());
    }

    /** The metrics of a report; {@code analyzer} knows the kinds the report's spec uses. */
    public static NetworkMetrics of(AnalysisReport report, Analyzer analyzer) {
        Totals totals = report.totals();
        return new NetworkMetrics(report.spec().name(), totals.paramTotal(), totals.macs(), totals.activations(),
                convActivations(report, analyzer), totals.modelBytes(32),
                CompressedSizeEstimate.ofDefaults(report.spec(), analyzer).totalBytes());
    }

    private static long convActivations(AnalysisReport report, Analyzer analyzer) {
        KindRegistry kinds = analyzer.kinds();
        NetworkSpec spec = report.spec();
        boolean composite = spec.nodes().stream()
                .anyMatch(n -> kinds.find(n.kind()).map(KindDescriptor::isComposite).orElse(false));
        AnalysisReport primitive = composite ? analyzer.analyze(SpecExpander.expand(spec, kinds)) : report;
        long sum = 0;
        for (NodeResult r : primitive.layers()) {
            boolean conv = kinds.find(r.kind()).map(k -> k.category() == Category.CONVOLUTION).orElse(false);
            if (conv && r.ok()) {
                sum = Math.addExact(sum, r.activations());
            }
        }
        return sum;
    }
}
