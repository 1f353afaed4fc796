package org.cnnworkbench.app.ui.viewmodel;

import java.util.Locale;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.analysis.Totals;

/** The network totals shown in the status bar, for a chosen bit width. */
public record StatusSummary(long params, long macs, long activations, long modelBytes32, long modelBytesAtBits,
                            int bits, boolean valid, long errors, long warnings) {

    static StatusSummary of(AnalysisReport report, int bits) {
        Totals t = report.totals();
        long errors = report.diagnostics().stream().filter(Diagnostic::isError).count();
        long warnings = report.diagnostics().size() - errors;
        boolean overflow = t.overflowed();
        return new StatusSummary(overflow ? -1 : t.paramTotal(), t.macs(), t.activations(),
                overflow ? -1 : safeBytes(t, 32), overflow ? -1 : safeBytes(t, bits), bits, report.isValid(),
                errors, warnings);
    }

    private static long safeBytes(Totals t, int bits) {
        try {
            return t.modelBytes(bits);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** "1,248,424 params · 832,667,936 MACs · ..." as the status bar shows it. */
    public String text() {
        return String.format(Locale.ROOT, "%s params · %s MACs · %s activations · %s at 32-bit · %s at %d-bit",
                count(params), count(macs), count(activations), size(modelBytes32), size(modelBytesAtBits), bits);
    }

    static String count(long n) {
        return n < 0 ? "overflow" : String.format(Locale.ROOT, "%,d", n);
    }

    static String size(long bytes) {
        if (bytes < 0) {
            return "overflow";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }
}
