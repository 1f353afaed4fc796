package org.cnnworkbench.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.Totals;
import org.cnnworkbench.engine.io.CsvTable;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.SourceLocation;

/**
 * An analysis report as a text table, as JSON (the stable contract of {@code analyze --format json}, see
 * docs/cli.md) and as CSV.
 */
public final class ReportView {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] CSV_COLUMNS = {"id", "kind", "status", "channels", "height", "width", "params",
        "weights", "biases", "statistics", "macs", "otherOps", "activations"};

    private final AnalysisReport report;
    private final int bits;
    private final int batch;

    public ReportView(AnalysisReport report, int bits, int batch) {
        this.report = report;
        this.bits = bits;
        this.batch = batch;
    }

    /** One line of the totals: what it counts and its value ("parameters", "1,248,424  (weights ...)"). */
    public record Total(String label, String value) {
    }

    public void printTable(PrintWriter out) {
        out.println(report.spec().name() + ": " + report.layers().size() + " nodes, "
                + (report.isValid() ? "valid" : "INVALID (" + errorCount() + " errors, see stderr)"));
        out.println();
        layerTable().print(out);
        out.println();
        out.println(totalsHeading());
        for (Total t : totals()) {
            out.println("  " + String.format(Locale.ROOT, "%-17s", t.label()) + t.value());
        }
    }

    /** "Totals", noting when they cover only the layers that could be computed. */
    public String totalsHeading() {
        return "Totals" + (report.isValid() ? "" : " (of the layers that could be computed)");
    }

    /**
     * The per-layer table of {@code analyze}: id, kind, output CxHxW, params, MACs, other ops, activations and
     * the shares of the totals; a node that could not be computed shows its status and dashes.
     */
    public TextTable layerTable() {
        Totals t = report.totals();
        TextTable table = new TextTable("id", "kind", "output CxHxW", "params", "MACs", "other ops",
                "activations", "% params", "% MACs");
        for (NodeResult r : report.layers()) {
            if (!r.ok()) {
                table.row(r.id(), r.kind(), r.status().name().toLowerCase(), "-", "-", "-", "-", "-", "-");
                continue;
            }
            table.row(r.id(), r.kind(), r.output().toChw().get(0) + "x" + r.output().toChw().get(1) + "x"
                            + r.output().toChw().get(2), TextTable.count(r.paramTotal()),
                    TextTable.count(r.macs()), TextTable.count(r.otherOps()), TextTable.count(r.activations()),
                    percent(r.paramTotal(), t.paramTotal()), percent(r.macs(), t.macs()));
        }
        return table;
    }

    /**
     * The totals {@code analyze} prints, in its order: parameters (weights, biases, statistics), MACs, other ops,
     * activations, model size at the chosen bits (and at 32), peak activation memory at the chosen batch.
     */
    public List<Total> totals() {
        Totals t = report.totals();
        List<Total> lines = new ArrayList<>();
        lines.add(new Total("parameters", String.format(Locale.ROOT, "%s  (weights %s, biases %s, statistics %s)",
                TextTable.count(t.paramTotal()), TextTable.count(t.params().weights()),
                TextTable.count(t.params().biases()), TextTable.count(t.params().statistics()))));
        lines.add(new Total("MACs", String.format(Locale.ROOT, "%s  (%.3f GMACs)", TextTable.count(t.macs()),
                t.macs() / 1e9)));
        lines.add(new Total("other ops", TextTable.count(t.otherOps())));
        lines.add(new Total("activations", TextTable.count(t.activations())));
        lines.add(new Total("model size", bits + "-bit: " + TextTable.bytes(modelBytes(t, bits))));
        if (bits != 32) {
            lines.add(new Total("", "32-bit: " + TextTable.bytes(modelBytes(t, 32))));
        }
        lines.add(new Total("peak activations", "batch " + batch + ", 32-bit: "
                + TextTable.bytes(report.peakActivationBytes(batch, 4))));
        return lines;
    }

    private long errorCount() {
        return report.diagnostics().stream().filter(Diagnostic::isError).count();
    }

    /** Empty when the parameter total or the size overflows a long (the network is invalid then). */
    private static OptionalLong modelBytes(Totals t, int bits) {
        try {
            return t.overflowed() ? OptionalLong.empty() : OptionalLong.of(t.modelBytes(bits));
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    private static Long orNull(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    public String toJson(LoadedNetwork loaded) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("network", report.spec().name());
        root.put("valid", report.isValid());
        List<Map<String, Object>> diagnostics = new ArrayList<>();
        for (Diagnostic d : report.diagnostics()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", d.node());
            m.put("severity", d.severity().label());
            m.put("message", d.message());
            SourceLocation at = loaded.locationOf(d.node());
            if (at != null) {
                m.put("line", at.line());
                m.put("column", at.column());
            }
            diagnostics.add(m);
        }
        root.put("diagnostics", diagnostics);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (NodeResult r : report.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("kind", r.kind());
            m.put("status", r.status().name().toLowerCase());
            m.put("output", r.ok() ? r.output().toChw() : null);
            m.putAll(counts(r));
            layers.add(m);
        }
        root.put("layers", layers);
        Totals t = report.totals();
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("params", t.paramTotal());
        totals.put("macs", t.macs());
        totals.put("activations", t.activations());
        totals.put("modelBytes", orNull(modelBytes(t, bits)));
        totals.put("bits", bits);
        totals.put("weights", t.params().weights());
        totals.put("biases", t.params().biases());
        totals.put("statistics", t.params().statistics());
        totals.put("otherOps", t.otherOps());
        totals.put("batch", batch);
        totals.put("peakActivationBytes", orNull(report.peakActivationBytes(batch, 4)));
        root.put("totals", totals);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The counts of a layer, as named in both the JSON and the CSV form. */
    private static Map<String, Object> counts(NodeResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("params", r.paramTotal());
        m.put("weights", r.params().weights());
        m.put("biases", r.params().biases());
        m.put("statistics", r.params().statistics());
        m.put("macs", r.macs());
        m.put("otherOps", r.otherOps());
        m.put("activations", r.activations());
        return m;
    }

    /** One row per layer, in topological order, with a header. */
    public String toCsv() {
        CsvTable table = new CsvTable(CSV_COLUMNS);
        for (NodeResult r : report.layers()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.id());
            row.put("kind", r.kind());
            row.put("status", r.status().name().toLowerCase());
            List<Long> chw = r.ok() ? r.output().toChw() : null;
            row.put("channels", chw == null ? "" : chw.get(0));
            row.put("height", chw == null ? "" : chw.get(1));
            row.put("width", chw == null ? "" : chw.get(2));
            row.putAll(counts(r));
            table.row(row);
        }
        return table.toCsv();
    }
}
