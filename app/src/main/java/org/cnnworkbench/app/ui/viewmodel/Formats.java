package org.cnnworkbench.app.ui.viewmodel;

import java.util.Locale;

/** How the panels write numbers: counts with thousands separators, shares as percentages. */
public final class Formats {

    private Formats() {
    }

    /** {@code 1,248,424}; a negative count (an overflow) is written "overflow". */
    public static String count(long n) {
        return StatusSummary.count(n);
    }

    /** A share in [0, 1] as a percentage with one decimal: {@code 0.1234 -> "12.3 %"}. */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /** The validity indicator: "valid", "valid, 1 warning", "2 errors, 1 warning". */
    public static String validity(StatusSummary s) {
        if (s == null) {
            return "";
        }
        String warnings = plural(s.warnings(), "warning");
        if (s.valid()) {
            return s.warnings() == 0 ? "valid" : "valid, " + warnings;
        }
        return plural(s.errors(), "error") + ", " + warnings;
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
