package org.cnnworkbench.app.report;

import java.util.List;
import java.util.stream.Collectors;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.analysis.NodeResult;

/**
 * A network's report as Markdown and as a self-contained HTML page: name, description, inputs, validity, the
 * totals and per-layer table of {@code analyze} (the same {@link ReportView} rows, rendered by {@link TextTable}),
 * the diagnostics and the charts, which are image files beside the report referred to by relative name.
 *
 * <pre>{@code
 * NetworkReport report = new NetworkReport(analysis, List.of(new NetworkReport.Chart("params.png",
 *         "Parameters per layer", 1200, 500)));
 * Files.writeString(dir.resolve("report.md"), report.markdown());
 * }</pre>
 */
public final class NetworkReport {

    /** An image beside the report: its file name, caption and size in pixels. */
    public record Chart(String file, String title, int width, int height) {
    }

    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 72em;
                   padding: 0 1em; color: #222; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
            table { border-collapse: collapse; font-size: 0.9em; }
            th, td { padding: 0.2em 0.7em; border-bottom: 1px solid #e4e4e4; text-align: left; }
            th { background: #f3f3f3; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr:hover td { background: #fafafa; }
            .valid { color: #1a7f37; } .invalid, .error { color: #c62828; } .warning { color: #9a6700; }
            figure { margin: 1em 0; } img { max-width: 100%; height: auto; border: 1px solid #eee; }
            footer { margin-top: 2em; font-size: 0.8em; color: #777; }
            """;

    private final AnalysisReport report;
    private final ReportView view;
    private final List<Chart> charts;

    /** The totals at 32 bits per parameter and batch 1, as {@code analyze} prints them by default. */
    public NetworkReport(AnalysisReport report, List<Chart> charts) {
        this.report = report;
        this.view = new ReportView(report, 32, 1);
        this.charts = List.copyOf(charts);
    }

    /** The report as GitHub-flavoured Markdown. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(TextTable.escapeMarkdown(name())).append("\n\n");
        if (!report.spec().description().isBlank()) {
            md.append(TextTable.escapeMarkdown(report.spec().description())).append("\n\n");
        }
        md.append("- ").append(TextTable.escapeMarkdown(inputs())).append('\n');
        md.append("- ").append(TextTable.escapeMarkdown(summary())).append("\n\n");
        md.append("## ").append(view.totalsHeading()).append("\n\n").append(totalsTable().toMarkdown()).append('\n');
        md.append("## Layers\n\n").append(view.layerTable().toMarkdown()).append('\n');
        md.append("## Diagnostics\n\n");
        if (report.diagnostics().isEmpty()) {
            md.append("None.\n\n");
        } else {
            for (Diagnostic d : report.diagnostics()) {
                md.append("- **").append(d.severity().label()).append("**")
                        .append(d.node() == null ? "" : " in `" + d.node().replace("`", "'") + "`").append(": ")
                        .append(TextTable.escapeMarkdown(d.message())).append('\n');
            }
            md.append('\n');
        }
        if (!charts.isEmpty()) {
            md.append("## Charts\n\n");
            for (Chart c : charts) {
                md.append("![").append(TextTable.escapeMarkdown(c.title())).append("](").append(c.file())
                        .append(")\n\n");
            }
        }
        md.append("_Written by CNN Workbench (`workbench analyze` gives the same numbers)._\n");
        return md.toString();
    }

    /** The report as one HTML page with an inline stylesheet; the charts are {@code <img>} of the files beside it. */
    public String html() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(esc(name())).append(" - CNN Workbench report</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(name())).append("</h1>\n");
        if (!report.spec().description().isBlank()) {
            h.append("<p>").append(esc(report.spec().description())).append("</p>\n");
        }
        h.append("<ul>\n<li>").append(esc(inputs())).append("</li>\n<li class=\"")
                .append(report.isValid() ? "valid" : "invalid").append("\">").append(esc(summary()))
                .append("</li>\n</ul>\n");
        h.append("<h2>").append(esc(view.totalsHeading())).append("</h2>\n").append(totalsTable().toHtml("totals"));
        h.append("<h2>Layers</h2>\n").append(view.layerTable().toHtml("layers"));
        h.append("<h2>Diagnostics</h2>\n");
        if (report.diagnostics().isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<ul>\n");
            for (Diagnostic d : report.diagnostics()) {
                h.append("<li><span class=\"").append(d.isError() ? "error" : "warning").append("\">")
                        .append(esc(d.severity().label())).append("</span>")
                        .append(d.node() == null ? "" : " in <code>" + esc(d.node()) + "</code>").append(": ")
                        .append(esc(d.message())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (!charts.isEmpty()) {
            h.append("<h2>Charts</h2>\n");
            for (Chart c : charts) {
                h.append("<figure><img src=\"").append(esc(c.file())).append("\" alt=\"").append(esc(c.title()))
                        .append("\" width=\"").append(c.width()).append("\" height=\"").append(c.height())
                        .append("\"/><figcaption>").append(esc(c.title())).append("</figcaption></figure>\n");
            }
        }
        h.append("<footer>Written by CNN Workbench (<code>workbench analyze</code> gives the same numbers).")
                .append("</footer>\n");
        return h.append("</body>\n</html>\n").toString();
    }

    private String name() {
        return report.spec().name();
    }

    /** "input: data 3x227x227" (every input node with its shape). */
    private String inputs() {
        List<NodeResult> inputs = report.layers().stream().filter(r -> "input".equals(r.kind())).toList();
        if (inputs.isEmpty()) {
            return "input: none";
        }
        return (inputs.size() == 1 ? "input: " : "inputs: ") + inputs.stream()
                .map(r -> r.id() + " " + (r.ok() ? shape(r) : r.status().name().toLowerCase()))
                .collect(Collectors.joining(", "));
    }

    private static String shape(NodeResult r) {
        List<Long> chw = r.output().toChw();
        return chw.get(0) + "x" + chw.get(1) + "x" + chw.get(2);
    }

    /** "17 nodes, valid" or "17 nodes, INVALID: 2 errors". */
    private String summary() {
        long errors = report.diagnostics().stream().filter(Diagnostic::isError).count();
        return report.layers().size() + " nodes, " + (report.isValid() ? "valid"
                : "INVALID: " + errors + (errors == 1 ? " error" : " errors") + " (see Diagnostics)");
    }

    private TextTable totalsTable() {
        TextTable table = new TextTable("total", "value");
        for (ReportView.Total t : view.totals()) {
            table.row(t.label(), t.value());
        }
        return table;
    }

    private static String esc(String text) {
        return TextTable.escapeHtml(text);
    }
}
