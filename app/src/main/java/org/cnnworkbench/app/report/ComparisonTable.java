package org.cnnworkbench.app.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.cnnworkbench.engine.dl4j.ModelComparison;
import org.cnnworkbench.engine.io.CsvTable;

/**
 * The comparison of models as the talk's table: approach | architecture | original size | compressed size |
 * reduction vs the baseline | top-1 | top-5, as text, CSV or Markdown.
 */
public final class ComparisonTable {

    public static final List<String> COLUMNS = List.of("approach", "architecture", "original_bytes",
            "compressed_bytes", "reduction", "top1", "top5", "params", "file_bytes", "source");

    private ComparisonTable() {
    }

    /** Sizes in MB with three significant digits below 10 (4.99 MB, 0.0234 MB), as the talk writes them. */
    public static String megabytes(long bytes) {
        double mb = bytes / 1e6;
        if (mb >= 100) {
            return String.format(Locale.ROOT, "%.0f MB", mb);
        }
        if (mb >= 10) {
            return String.format(Locale.ROOT, "%.1f MB", mb);
        }
        return String.format(Locale.ROOT, "%.3g MB", mb);
    }

    /** "50x", "510x", "1.00x", "0.0205x" (three significant digits below 10). */
    public static String reduction(double r) {
        if (Double.isNaN(r)) {
            return "";
        }
        return r >= 10 ? String.format(Locale.ROOT, "%.0fx", r) : String.format(Locale.ROOT, "%.3gx", r);
    }

    /** A percentage or "-" where not measured. */
    public static String accuracy(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * share);
    }

    static String source(ModelComparison.Row r) {
        return r.analytic() ? "analytic (before Huffman coding)" : r.run().toString();
    }

    public static String text(List<ModelComparison.Row> rows) {
        TextTable table = new TextTable("approach", "architecture", "original size", "compressed size",
                "reduction vs baseline", "top-1", "top-5", "source");
        for (ModelComparison.Row r : rows) {
            table.row(r.approach(), r.architecture(), megabytes(r.originalBytes()), megabytes(r.compressedBytes())
                    + " (" + TextTable.count(r.compressedBytes()) + " B)", reduction(r.reduction()),
                    accuracy(r.top1()), accuracy(r.top5()), source(r));
        }
        StringWriter s = new StringWriter();
        table.print(new PrintWriter(s, true));
        return s.toString();
    }

    public static String markdown(List<ModelComparison.Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| approach | architecture | original size | compressed size | reduction vs baseline | top-1 | "
                + "top-5 |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (ModelComparison.Row r : rows) {
            b.append("| ").append(escape(r.approach())).append(r.analytic() ? " (analytic)" : "").append(" | ")
                    .append(escape(r.architecture())).append(" | ").append(megabytes(r.originalBytes()))
                    .append(" | ").append(megabytes(r.compressedBytes())).append(" (")
                    .append(TextTable.count(r.compressedBytes())).append(" B) | ").append(reduction(r.reduction()))
                    .append(" | ").append(accuracy(r.top1())).append(" | ").append(accuracy(r.top5()))
                    .append(" |\n");
        }
        return b.toString();
    }

    public static String csv(List<ModelComparison.Row> rows) {
        CsvTable table = new CsvTable(COLUMNS);
        for (ModelComparison.Row r : rows) {
            table.row(r.approach(), r.architecture(), r.originalBytes(), r.compressedBytes(),
                    Double.isNaN(r.reduction()) ? "" : String.format(Locale.ROOT, "%.2f", r.reduction()),
                    Double.isNaN(r.top1()) ? "" : String.format(Locale.ROOT, "%.4f", r.top1()),
                    Double.isNaN(r.top5()) ? "" : String.format(Locale.ROOT, "%.4f", r.top5()), r.params(),
                    r.fileBytes(), source(r));
        }
        return table.toCsv();
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
