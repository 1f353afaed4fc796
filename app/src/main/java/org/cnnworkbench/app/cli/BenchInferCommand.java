package org.cnnworkbench.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.dl4j.ConvertedGraph;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.Dl4jConverter;
import org.cnnworkbench.engine.dl4j.Dl4jRuntime;
import org.cnnworkbench.engine.dl4j.InferenceBenchmark;
import org.cnnworkbench.engine.hardware.Estimate;
import org.cnnworkbench.engine.hardware.HardwareProfile;
import org.cnnworkbench.engine.hardware.LayerEstimate;
import org.cnnworkbench.engine.hardware.RooflineEstimator;
import org.cnnworkbench.engine.io.LoadedNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code workbench bench-infer}: DL4J inference speed of a network on this machine, per batch size: median ms
 * per frame and per batch, frames/s, achieved GFLOP/s (2 x MACs / time) and percent of the device's peak.
 */
@Command(name = "bench-infer", mixinStandardHelpOptions = true,
        description = {"Benchmark DL4J inference of a network on this machine (random weights and inputs): "
                + "median ms per frame and per batch over --runs passes after --warmup passes, frames/s, "
                + "achieved GFLOP/s (2 x MACs / time) and percent of peak: of the hardware profile's peakFlops, "
                + "or with --measure-peak of a large matrix product measured on ND4J now.",
                "A benchmark, not a test: close other programs for stable numbers.",
                "Exit status: 0 measured, 1 the network cannot be converted, 2 bad input."})
final class BenchInferCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--network", required = true, paramLabel = "FILE-OR-SAMPLE",
            description = "a spec file (.json) or a sample name (see 'samples')")
    String network;

    @Option(names = "--batch", split = ",", defaultValue = "1,8,32", paramLabel = "N[,N...]",
            description = "batch sizes (default: ${DEFAULT-VALUE})")
    List<Integer> batches;

    @Option(names = "--hardware", defaultValue = "epyc-2core", paramLabel = "PROFILE",
            description = "the hardware profile whose peakFlops is the peak (default: ${DEFAULT-VALUE}, this "
                    + "project's 2-core build machine)")
    String hardware;

    @Option(names = "--measure-peak", description = "use a measured large-GEMM throughput of this machine as the "
            + "peak instead of the profile's")
    boolean measurePeak;

    @Option(names = "--warmup", defaultValue = "20", description = "untimed passes per batch size; oneDNN and the JIT "
            + "need about 20 before batch 1 settles (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--runs", defaultValue = "30", description = "timed passes per batch size; the median is "
            + "reported (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--layers", description = "also time each layer (the same pass, one DL4J vertex at a time) "
            + "and print its median beside the roofline estimate of 'estimate' on --hardware for the same batch")
    boolean layers;

    @Option(names = "--training-graph", description = "time the graph as training builds it (each convolution's "
            + "activation a layer of its own) instead of the inference graph that infer and detect use (each "
            + "convolution carries its activation)")
    boolean trainingGraph;

    @Override
    public Integer call() {
        if (batches.stream().anyMatch(b -> b == null || b < 1) || runs < 1 || warmup < 0) {
            throw new UserException("--batch sizes and --runs must be at least 1, --warmup at least 0");
        }
        HardwareProfile hw = HardwareSource.load(hardware);
        LoadedNetwork loaded = NetworkSource.load(network, spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConvertedGraph converted;
        try {
            converted = trainingGraph ? Dl4jConverter.convert(loaded.spec())
                    : Dl4jConverter.convertForInference(loaded.spec());
        } catch (Dl4jConversionException e) {
            err.println("workbench: error: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_NETWORK;
        }
        try {
            batches.forEach(batch -> InferenceBenchmark.requireFits(converted, batch));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        var graph = converted.newGraph();
        Dl4jRuntime.FastPathStatus status = Dl4jRuntime.fastPathStatus();
        double peak = measurePeak ? InferenceBenchmark.measureGemmFlops(2048, 5) : hw.peakFlops();
        String peakSource = measurePeak ? "measured 2048x2048 SGEMM on ND4J now" : "profile " + hw.name();

        List<InferenceBenchmark.Result> results = new ArrayList<>();
        for (int batch : batches) {
            results.add(InferenceBenchmark.run(converted, graph, batch, warmup, runs));
        }
        long macs = converted.analysis().totals().macs();
        out.printf(Locale.ROOT, "%s: %,.1f MMACs per frame (%,.1f MFLOPs = 2 x MACs), input %s%n",
                loaded.spec().name(), macs / 1e6, 2 * macs / 1e6, converted.inputs());
        out.printf(Locale.ROOT, "DL4J CPU: %s; %d cores%n", status.describe(),
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "graph: %s%n", trainingGraph
                ? "as trained (each convolution's activation a layer of its own)"
                : "for inference (each convolution carries its activation), as infer and detect run it");
        out.printf(Locale.ROOT, "peak: %,.1f GFLOP/s (%s)%n", peak / 1e9, peakSource);
        out.printf(Locale.ROOT, "median of %d passes after %d warm-up passes, random weights and inputs%n%n", runs,
                warmup);
        TextTable table = new TextTable("batch", "ms/frame", "ms/batch", "min ms/batch", "frames/s", "GFLOP/s",
                "% of peak");
        for (InferenceBenchmark.Result r : results) {
            table.row(Integer.toString(r.batch()), fixed(r.msPerFrame(), 2), fixed(r.msPerBatch(), 2),
                    fixed(r.minMsPerBatch(), 2), fixed(r.framesPerSecond(), 1), fixed(r.gflops(), 1),
                    fixed(r.percentOfPeak(peak), 1));
        }
        table.print(out);
        if (layers) {
            AnalysisReport report = Analyzer.standard().analyze(loaded.spec());
            for (InferenceBenchmark.Result whole : results) {
                int batch = whole.batch();
                printLayers(out, InferenceBenchmark.layers(converted, graph, report, batch, warmup, runs),
                        RooflineEstimator.estimate(report, hw, batch, null), whole);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Each layer's measured median beside its roofline estimate for the batch, the measured/estimated ratio and
     * its share of the measured pass; then what timing layer by layer adds to the whole pass.
     */
    private static void printLayers(PrintWriter out, InferenceBenchmark.LayerResult measured, Estimate estimate,
                                    InferenceBenchmark.Result whole) {
        int batch = measured.batch();
        out.printf(Locale.ROOT, "%nbatch %d, layer by layer: median of %d passes; estimate: roofline on %s (as "
                + "'estimate --hardware %s --batch %d')%n", batch, measured.runs(), estimate.hardware().name(),
                estimate.hardware().name(), batch);
        Map<String, LayerEstimate> estimates = new HashMap<>();
        estimate.layers().forEach(l -> estimates.put(l.id(), l));
        double sum = measured.layers().stream().mapToDouble(InferenceBenchmark.LayerTime::msPerBatch).sum();
        TextTable table = new TextTable("layer", "kind", "estimated ms", "measured ms", "measured/estimated",
                "% of measured");
        for (InferenceBenchmark.LayerTime l : measured.layers()) {
            LayerEstimate e = estimates.get(l.id());
            double estimatedMs = e == null ? 0 : e.seconds() * batch * 1000;
            table.row(l.id(), l.kind(), e == null ? "-" : fixed(estimatedMs, 3), fixed(l.msPerBatch(), 3),
                    e == null || estimatedMs == 0 ? "-" : fixed(l.msPerBatch() / estimatedMs, 1) + "x",
                    fixed(100 * l.msPerBatch() / sum, 1));
        }
        table.print(out);
        out.printf(Locale.ROOT, "layers: %s ms measured, %s ms estimated; the pass run layer by layer: %s ms; "
                        + "ComputationGraph.output above: %s ms%n", fixed(sum, 2),
                fixed(estimate.secondsPerFrame() * batch * 1000, 2), fixed(measured.msPerBatch(), 2),
                fixed(whole.msPerBatch(), 2));
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
