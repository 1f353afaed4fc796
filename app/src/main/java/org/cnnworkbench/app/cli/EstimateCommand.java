package org.cnnworkbench.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.hardware.Estimate;
import org.cnnworkbench.engine.hardware.HardwareProfile;
import org.cnnworkbench.engine.hardware.LayerEstimate;
import org.cnnworkbench.engine.hardware.RooflineEstimator;
import org.cnnworkbench.engine.io.CsvTable;
import org.cnnworkbench.engine.io.LoadedNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench estimate}: a per-layer roofline estimate of inference on a hardware profile. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = {"Estimate inference on a hardware profile with a per-layer roofline (docs/hardware.md): "
                + "arithmetic intensity, compute- or memory-bound, time per layer; time, frames per second and "
                + "energy per frame; with --measured-ms, the percent of peak throughput achieved.",
                "Exit status: 0 estimated, 1 the network has errors, 2 bad input."})
final class EstimateCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE-OR-SAMPLE", description = "a spec file (.json) or a sample name (see 'samples')")
    String network;

    @Option(names = "--hardware", required = true, paramLabel = "PROFILE",
            description = "a hardware profile name (see 'hardware') or a profile file")
    String hardware;

    @Option(names = "--batch", defaultValue = "1",
            description = "frames per batch; weights are read once per batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--measured-ms", paramLabel = "MS",
            description = "a measured time per frame in milliseconds, for the percent of peak throughput")
    Double measuredMs;

    @Option(names = "--format", defaultValue = "table",
            description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
        if (batch < 1) {
            throw new UserException("--batch must be at least 1, not " + batch);
        }
        if (measuredMs != null && !(measuredMs > 0 && Double.isFinite(measuredMs))) {
            throw new UserException("--measured-ms must be a positive number of milliseconds, not " + measuredMs);
        }
        HardwareProfile hw = HardwareSource.load(hardware);
        LoadedNetwork loaded = NetworkSource.load(network, spec.commandLine().getErr());
        AnalysisReport report = Analyzer.standard().analyze(loaded.spec());
        PrintWriter err = spec.commandLine().getErr();
        if (!report.isValid()) {
            for (Diagnostic d : report.diagnostics()) {
                err.println(AnalyzeCommand.where(loaded, d) + d);
            }
            err.println("workbench: error: " + loaded.spec().name() + " has errors; fix them before estimating");
            err.flush();
            return ExitCodes.INVALID_NETWORK;
        }
        Estimate e = RooflineEstimator.estimate(report, hw, batch, measuredMs == null ? null : measuredMs / 1000);
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case table -> printTable(out, loaded.spec().name(), e);
            case json -> out.println(toJson(loaded.spec().name(), e));
            case csv -> out.print(toCsv(e));
        }
        out.flush();
        return ExitCodes.OK;
    }

    static void printTable(PrintWriter out, String name, Estimate e) {
        HardwareProfile hw = e.hardware();
        out.printf(Locale.ROOT, "%s on %s (%s), batch %d%n", name, hw.name(), hw.title(), e.batch());
        out.printf(Locale.ROOT, "peak %,.0f GFLOP/s, %,.1f GB/s, ridge %.1f FLOP/byte, %.1f W%n%n",
                hw.peakFlops() / 1e9, hw.memoryBandwidth() / 1e9, hw.ridgeIntensity(), hw.powerWatts());
        TextTable table = new TextTable("layer", "kind", "MFLOPs", "MB", "FLOP/byte", "bound", "ms", "time %");
        for (LayerEstimate l : e.layers()) {
            table.row(l.id(), l.kind(), fixed(l.flops() / 1e6, 2), fixed(l.bytes() / 1e6, 3),
                    fixed(l.intensity(), 1), l.computeBound() ? "compute" : "memory", fixed(l.seconds() * 1e3, 4),
                    fixed(100 * l.seconds() / e.secondsPerFrame(), 1));
        }
        table.print(out);
        out.println();
        out.printf(Locale.ROOT, "FLOPs per frame:      %,.1f MFLOPs (2 x MACs + other ops)%n", e.flopsPerFrame() / 1e6);
        out.printf(Locale.ROOT, "bytes per frame:      %,.2f MB (inputs, outputs, weights / batch; 32-bit)%n",
                e.bytesPerFrame() / 1e6);
        out.printf(Locale.ROOT, "time per frame:       %.4f ms%n", e.secondsPerFrame() * 1e3);
        out.printf(Locale.ROOT, "frames per second:    %,.1f%n", e.framesPerSecond());
        out.printf(Locale.ROOT, "energy per frame:     %.3f mJ (%.1f W x time)%n", e.joulesPerFrame() * 1e3,
                hw.powerWatts());
        out.printf(Locale.ROOT, "compute-bound time:   %.1f %% (the rest is memory-bound)%n",
                100 * e.computeBoundTimeShare());
        out.printf(Locale.ROOT, "attained (estimate):  %,.1f GFLOP/s = %.1f %% of peak%n", e.attainedFlops() / 1e9,
                100 * e.attainedFlops() / hw.peakFlops());
        if (e.percentOfPeak() != null) {
            out.printf(Locale.ROOT, "measured:             %.4f ms per frame = %.1f %% of peak throughput%n",
                    e.flopsPerFrame() / (e.percentOfPeak() / 100 * hw.peakFlops()) * 1e3, e.percentOfPeak());
        }
    }

    static String toJson(String name, Estimate e) {
        HardwareProfile hw = e.hardware();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("network", name);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("name", hw.name());
        h.put("title", hw.title());
        h.put("peakFlops", hw.peakFlops());
        h.put("memoryBandwidth", hw.memoryBandwidth());
        h.put("onChipBytes", hw.onChipBytes());
        h.put("powerWatts", hw.powerWatts());
        h.put("source", hw.source());
        root.put("hardware", h);
        root.put("batch", e.batch());
        root.put("flopsPerFrame", e.flopsPerFrame());
        root.put("bytesPerFrame", e.bytesPerFrame());
        root.put("secondsPerFrame", e.secondsPerFrame());
        root.put("framesPerSecond", e.framesPerSecond());
        root.put("joulesPerFrame", e.joulesPerFrame());
        root.put("computeBoundTimeShare", e.computeBoundTimeShare());
        root.put("percentOfPeak", e.percentOfPeak());
        List<Map<String, Object>> layers = e.layers().stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.id());
            m.put("kind", l.kind());
            m.put("flops", l.flops());
            m.put("bytes", l.bytes());
            m.put("intensity", l.intensity());
            m.put("bound", l.computeBound() ? "compute" : "memory");
            m.put("seconds", l.seconds());
            return m;
        }).toList();
        root.put("layers", layers);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String toCsv(Estimate e) {
        CsvTable table = new CsvTable("id", "kind", "flops", "bytes", "intensity", "bound", "seconds");
        for (LayerEstimate l : e.layers()) {
            table.row(l.id(), l.kind(), l.flops(), l.bytes(), l.intensity(), l.computeBound() ? "compute" : "memory",
                    l.seconds());
        }
        return table.toCsv();
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
