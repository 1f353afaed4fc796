package org.cnnworkbench.engine.hardware;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.model.Node;

/**
 * Per-layer roofline estimates (Williams, Waterman and Patterson, CACM 2009) of a network's inference on a
 * {@link HardwareProfile}; the model and its assumptions are in docs/hardware.md.
 *
 * <pre>{@code
 * AnalysisReport report = Analyzer.standard().analyze(SampleNetworks.load("squeezenet-v1.0").spec());
 * Estimate e = RooflineEstimator.estimate(report, HardwareProfiles.load("titan-x"), 1, null);
 * e.secondsPerFrame();   // the sum over layers of max(flops / peak, bytes / bandwidth)
 * }</pre>
 */
public final class RooflineEstimator {

    /** Bytes per element and per parameter: 32-bit floats. */
    public static final int BYTES_PER_ELEMENT = 4;

    private RooflineEstimator() {
    }

    /**
     * Estimates every layer that does arithmetic ({@code 2 x MACs + otherOps > 0}).
     *
     * @param batch frames processed together, at least 1
     * @param measuredSecondsPerFrame a measured time per frame for the percent of peak, or {@code null}
     * @throws IllegalArgumentException if the network has errors, or the batch or measured time is not positive
     */
    public static Estimate estimate(AnalysisReport report, HardwareProfile hw, int batch,
                                    Double measuredSecondsPerFrame) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, not " + batch);
        }
        if (measuredSecondsPerFrame != null && !(measuredSecondsPerFrame > 0)) {
            throw new IllegalArgumentException("a measured time per frame must be positive, not "
                    + measuredSecondsPerFrame + " s");
        }
        if (!report.isValid()) {
            String first = report.diagnostics().stream().filter(Diagnostic::isError).findFirst()
                    .map(Diagnostic::toString).orElse("");
            throw new IllegalArgumentException("network '" + report.spec().name()
                    + "' has errors, so it cannot be estimated; fix them first (" + first + ")");
        }
        List<LayerEstimate> layers = new ArrayList<>();
        double seconds = 0;
        for (NodeResult r : report.layers()) {
            double flops = 2.0 * r.macs() + r.otherOps();
            if (flops <= 0) {
                continue;
            }
            double elements = inputElements(report, r.id()) + r.activations();
            double bytes = BYTES_PER_ELEMENT * (elements + (double) r.paramTotal() / batch);
            LayerEstimate layer = layer(r.id(), r.kind(), flops, bytes, hw);
            layers.add(layer);
            seconds += layer.seconds();
        }
        Double percent = null;
        if (measuredSecondsPerFrame != null) {
            double flops = layers.stream().mapToDouble(LayerEstimate::flops).sum();
            percent = 100 * (flops / measuredSecondsPerFrame) / hw.peakFlops();
        }
        return new Estimate(hw, batch, layers, seconds, seconds == 0 ? 0 : 1 / seconds, hw.powerWatts() * seconds,
                percent);
    }

    /** The roofline of one layer: {@code time = flops / min(peak, intensity x bandwidth)}. */
    public static LayerEstimate layer(String id, String kind, double flops, double bytes, HardwareProfile hw) {
        double intensity = flops / bytes;
        double memoryRoof = intensity * hw.memoryBandwidth();
        boolean computeBound = memoryRoof >= hw.peakFlops();
        double attainable = Math.min(hw.peakFlops(), memoryRoof);
        return new LayerEstimate(id, kind, flops, bytes, intensity, computeBound, flops / attainable);
    }

    private static double inputElements(AnalysisReport report, String id) {
        Node node = report.spec().node(id).orElseThrow();
        double sum = 0;
        for (String input : node.inputs()) {
            sum += report.result(input).map(r -> (double) r.output().elements()).orElse(0.0);
        }
        return sum;
    }
}
