package org.cnnworkbench.app.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table with columns sized to their content; numbers are right-aligned. */
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
        boolean[] numeric = new boolean[header.length];
        java.util.Arrays.fill(numeric, true);
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
        }
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
                numeric[c] &= row[c].matches("[-0-9,.%]+|-");
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
