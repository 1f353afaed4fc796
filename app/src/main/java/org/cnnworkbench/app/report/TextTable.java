package org.cnnworkbench.app.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table with columns sized to their content, numbers right-aligned: as plain text, as Markdown or as HTML (one
 * table, three renderings, so the command line and the exported report never disagree).
 */
public final class TextTable {

    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = header;
    }

    public void row(String... cells) {
        rows.add(cells);
    }

    public void print(PrintWriter out) {
        int[] width = new int[header.length];
        boolean[] numeric = numericColumns();
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
        }
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        line(out, header, width, new boolean[header.length]);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        out.println(rule);
        for (String[] row : rows) {
            line(out, row, width, numeric);
        }
    }

    /**
     * The table in GitHub-flavoured Markdown, numeric columns right-aligned; a cell's {@code |}, {@code \},
     * backticks, brackets, angle brackets and asterisks are escaped, so any node id stays one literal cell.
     */
    public String toMarkdown() {
        boolean[] numeric = numericColumns();
        StringBuilder b = new StringBuilder();
        markdownRow(b, header);
        b.append('|');
        for (boolean right : numeric) {
            b.append(right ? "---:|" : "---|");
        }
        b.append('\n');
        rows.forEach(row -> markdownRow(b, row));
        return b.toString();
    }

    /** Text for Markdown outside code: the characters that would start markup are backslash-escaped. */
    public static String escapeMarkdown(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            if ("\\|`*[]<>#".indexOf(ch) >= 0) {
                b.append('\\');
            }
            b.append(ch == '\n' || ch == '\r' ? ' ' : ch);
        }
        return b.toString();
    }

    private static void markdownRow(StringBuilder b, String[] cells) {
        b.append('|');
        for (String cell : cells) {
            b.append(' ').append(escapeMarkdown(cell)).append(" |");
        }
        b.append('\n');
    }

    /** The table as an HTML {@code <table>} of class {@code cssClass}; numeric cells get {@code class="num"}. */
    public String toHtml(String cssClass) {
        boolean[] numeric = numericColumns();
        StringBuilder b = new StringBuilder("<table class=\"").append(escapeHtml(cssClass)).append("\">\n<thead><tr>");
        for (int c = 0; c < header.length; c++) {
            b.append(numeric[c] ? "<th class=\"num\">" : "<th>").append(escapeHtml(header[c])).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (String[] row : rows) {
            b.append("<tr>");
            for (int c = 0; c < row.length; c++) {
                b.append(numeric[c] ? "<td class=\"num\">" : "<td>").append(escapeHtml(row[c])).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }

    /** Text for HTML element content or a quoted attribute value. */
    public static String escapeHtml(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /** The columns whose every cell is a number, a percentage or "-" (right-aligned). */
    private boolean[] numericColumns() {
        boolean[] numeric = new boolean[header.length];
        java.util.Arrays.fill(numeric, true);
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                numeric[c] &= row[c].matches("[-0-9,.%]+|-");
            }
        }
        return numeric;
    }

    private static void line(PrintWriter out, String[] cells, int[] width, boolean[] right) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String pad = " ".repeat(width[c] - cells[c].length());
            b.append(c == 0 ? "" : "  ").append(right[c] ? pad + cells[c] : cells[c] + (c == cells.length - 1 ? "" : pad));
        }
        out.println(b);
    }

    /** A time as m:ss, or h:mm:ss from an hour on ("3:41", "1:12:02"); a negative one as 0:00. */
    public static String duration(java.time.Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** An accuracy (0..1) as a percentage with two decimals ("92.74%"); NaN (none measured) as "-". */
    public static String accuracy(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * share);
    }

    /** 1248424 -> "1,248,424". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Bytes as MB (10^6) and MiB (2^20): "4,993,696 bytes = 4.99 MB (4.76 MiB)". */
    public static String bytes(java.util.OptionalLong size) {
        if (size.isEmpty()) {
            return "overflows a 64-bit integer";
        }
        long n = size.getAsLong();
        return String.format(Locale.ROOT, "%,d bytes = %.2f MB (%.2f MiB)", n, n / 1e6, n / (double) (1 << 20));
    }
}
