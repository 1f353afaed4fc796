package org.cnnworkbench.app.ui.viewmodel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cnnworkbench.app.report.CompareReport;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.whatif.Comparison;
import org.cnnworkbench.engine.whatif.IncomparableNetworksException;
import org.cnnworkbench.engine.whatif.LayerChange;
import org.cnnworkbench.engine.whatif.NetworkComparator;
import org.cnnworkbench.engine.whatif.NetworkMetrics;

/**
 * What the compare view shows for two analysed networks, as text: both totals side by side, the ratios b/a,
 * the change type and its explanation, and the changed layers. Immutable and usable without the JavaFX
 * toolkit. Two networks that cannot be compared give a view model with an {@link #error()} instead.
 */
public final class CompareViewModel {

    /** One row of the totals: what is measured, its value in each network, and b/a. */
    public record MetricRow(String label, String a, String b, String ratio) {
    }

    /** One changed layer, formatted. */
    public record ChangedRow(String id, String kind, String change, String outputA, String outputB, String paramsA,
                             String paramsB, String macsA, String macsB) {
    }

    private final String nameA;
    private final String nameB;
    private final Comparison comparison;
    private final String error;

    public CompareViewModel(AnalysisReport a, AnalysisReport b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        this.nameA = a.spec().name();
        this.nameB = b.spec().name();
        Comparison c = null;
        String message = null;
        try {
            c = NetworkComparator.compare(a, b);
        } catch (IncomparableNetworksException e) {
            message = "Cannot compare: " + e.getMessage();
        }
        this.comparison = c;
        this.error = message;
    }

    /** Analyses a spec with the built-in kinds, e.g. the document before the last edit. */
    public static AnalysisReport analyze(NetworkSpec spec) {
        return Analyzer.standard().analyze(spec);
    }

    public String title() {
        return "Compare " + nameA + " and " + nameB;
    }

    public String nameA() {
        return nameA;
    }

    public String nameB() {
        return nameB;
    }

    public Optional<Comparison> comparison() {
        return Optional.ofNullable(comparison);
    }

    /** Why the networks cannot be compared, or null when they can. */
    public String error() {
        return error;
    }

    /** {@code LOCAL}, {@code GLOBAL}, {@code NONE}, or empty when the networks cannot be compared. */
    public String typeText() {
        return comparison == null ? "" : comparison.type().name();
    }

    public String explanation() {
        return comparison == null ? error : comparison.explanation();
    }

    public String affectedText() {
        if (comparison == null || comparison.affectedLayers().isEmpty()) {
            return "none";
        }
        return String.join(", ", comparison.affectedLayers());
    }

    public List<MetricRow> totals() {
        if (comparison == null) {
            return List.of();
        }
        NetworkMetrics a = comparison.a();
        NetworkMetrics b = comparison.b();
        return List.of(
                row("Output (conv activations)", a.convActivations(), b.convActivations(), comparison.outputRatio()),
                row("Activations (all layers)", a.activations(), b.activations(), comparison.activationsRatio()),
                row("Parameters", a.params(), b.params(), comparison.paramsRatio()),
                row("MACs", a.macs(), b.macs(), comparison.macsRatio()),
                row("Model bytes (32-bit)", a.modelBytes32(), b.modelBytes32(),
                        Comparison.ratio(b.modelBytes32(), a.modelBytes32())),
                row("Compressed size (Deep Compression defaults)", a.compressedBytes(), b.compressedBytes(),
                        Comparison.ratio(b.compressedBytes(), a.compressedBytes())));
    }

    private static MetricRow row(String label, long a, long b, double ratio) {
        return new MetricRow(label, Formats.count(a), Formats.count(b), CompareReport.ratio(ratio));
    }

    public List<ChangedRow> changedLayers() {
        if (comparison == null) {
            return List.of();
        }
        return comparison.changedLayers().stream().map(CompareViewModel::changed).toList();
    }

    private static ChangedRow changed(LayerChange l) {
        return new ChangedRow(l.id(), l.kind(), CompareReport.status(l), CompareReport.shape(l.outputBefore()),
                CompareReport.shape(l.outputAfter()), Formats.count(l.paramsBefore()), Formats.count(l.paramsAfter()),
                Formats.count(l.macsBefore()), Formats.count(l.macsAfter()));
    }
}
