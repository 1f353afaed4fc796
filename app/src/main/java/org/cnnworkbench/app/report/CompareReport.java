package org.cnnworkbench.app.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.cnnworkbench.engine.whatif.Comparison;
import org.cnnworkbench.engine.whatif.LayerChange;
import org.cnnworkbench.engine.whatif.NetworkMetrics;

/**
 * A {@link Comparison} as text for the command line: a table for people, JSON for programs (the JSON
 * structure is documented in docs/whatif.md).
 */
public final class CompareReport {

    /** The label of {@link NetworkMetrics#compressedBytes()} in tables. */
    public static final String COMPRESSED_LABEL = "compressed size (Deep Compression defaults)";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Comparison comparison;

    public CompareReport(Comparison comparison) {
        this.comparison = comparison;
    }

    /** A ratio with two decimals and as the published tables write it: {@code 1.06 (1.1x)}. */
    public static String ratio(double r) {
        if (Double.isInfinite(r)) {
            return "- (a is 0)";
        }
        return String.format(Locale.ROOT, "%.2f (%s)", r, Comparison.times(r));
    }

    /** [c, h, w] as {@code CxHxW}, or {@code -} when absent. */
    public static String shape(List<Long> chw) {
        return chw == null ? "-" : chw.get(0) + "x" + chw.get(1) + "x" + chw.get(2);
    }

    public void printTable(PrintWriter out) {
        Comparison c = comparison;
        NetworkMetrics a = c.a();
        NetworkMetrics b = c.b();
        out.println("a: " + a.name() + "    b: " + b.name());
        out.println();
        TextTable totals = new TextTable("", "a", "b", "b/a");
        totals.row("output (conv activations)", TextTable.count(a.convActivations()),
                TextTable.count(b.convActivations()), ratio(c.outputRatio()));
        totals.row("activations (all layers)", TextTable.count(a.activations()), TextTable.count(b.activations()),
                ratio(c.activationsRatio()));
        totals.row("parameters", TextTable.count(a.params()), TextTable.count(b.params()), ratio(c.paramsRatio()));
        totals.row("MACs", TextTable.count(a.macs()), TextTable.count(b.macs()), ratio(c.macsRatio()));
        totals.row("model bytes (32-bit)", TextTable.count(a.modelBytes32()), TextTable.count(b.modelBytes32()),
                ratio(Comparison.ratio(b.modelBytes32(), a.modelBytes32())));
        totals.row(COMPRESSED_LABEL, TextTable.count(a.compressedBytes()), TextTable.count(b.compressedBytes()),
                ratio(Comparison.ratio(b.compressedBytes(), a.compressedBytes())));
        totals.print(out);
        out.println();
        out.println("change: " + c.type());
        out.println("edited layers: " + join(c.editedLayers()));
        out.println("affected layers: " + join(c.affectedLayers()));
        out.println(c.explanation());
        if (!c.changedLayers().isEmpty()) {
            out.println();
            TextTable layers = new TextTable("id", "kind", "change", "output a", "output b", "params a", "params b",
                    "MACs a", "MACs b");
            for (LayerChange l : c.changedLayers()) {
                layers.row(l.id(), l.kind(), status(l), shape(l.outputBefore()), shape(l.outputAfter()),
                        TextTable.count(l.paramsBefore()), TextTable.count(l.paramsAfter()),
                        TextTable.count(l.macsBefore()), TextTable.count(l.macsAfter()));
            }
            layers.print(out);
        }
    }

    /** {@code edited}, {@code changed}, {@code added} or {@code removed}. */
    public static String status(LayerChange l) {
        return switch (l.status()) {
            case ADDED -> "added";
            case REMOVED -> "removed";
            case CHANGED -> l.edited() ? "edited" : "changed";
        };
    }

    private static String join(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    public String toJson() {
        Comparison c = comparison;
        ObjectNode root = JSON.createObjectNode();
        root.set("a", metrics(c.a()));
        root.set("b", metrics(c.b()));
        ObjectNode ratios = root.putObject("ratios");
        putRatio(ratios, "output", c.outputRatio());
        putRatio(ratios, "activations", c.activationsRatio());
        putRatio(ratios, "params", c.paramsRatio());
        putRatio(ratios, "macs", c.macsRatio());
        putRatio(ratios, "compressedBytes", Comparison.ratio(c.b().compressedBytes(), c.a().compressedBytes()));
        root.put("type", c.type().name());
        c.editedLayers().forEach(root.putArray("edited")::add);
        c.affectedLayers().forEach(root.putArray("affected")::add);
        root.put("explanation", c.explanation());
        ArrayNode layers = root.putArray("changedLayers");
        for (LayerChange l : c.changedLayers()) {
            ObjectNode n = layers.addObject();
            n.put("id", l.id());
            n.put("kind", l.kind());
            n.put("status", l.status().name());
            n.put("edited", l.edited());
            putShape(n, "outputBefore", l.outputBefore());
            putShape(n, "outputAfter", l.outputAfter());
            n.put("paramsBefore", l.paramsBefore());
            n.put("paramsAfter", l.paramsAfter());
            n.put("macsBefore", l.macsBefore());
            n.put("macsAfter", l.macsAfter());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode metrics(NetworkMetrics m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", m.name());
        n.put("params", m.params());
        n.put("macs", m.macs());
        n.put("activations", m.activations());
        n.put("convActivations", m.convActivations());
        n.put("modelBytes32", m.modelBytes32());
        n.put("compressedBytes", m.compressedBytes());
        return n;
    }

    private static void putRatio(ObjectNode n, String name, double r) {
        if (Double.isInfinite(r)) {
            n.putNull(name);
        } else {
            n.put(name, r);
        }
    }

    private static void putShape(ObjectNode n, String name, List<Long> chw) {
        if (chw == null) {
            n.putNull(name);
        } else {
            chw.forEach(n.putArray(name)::add);
        }
    }
}
