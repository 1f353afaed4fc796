package org.cnnworkbench.engine.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * The analysis of one spec: a result per node, the diagnostics, and the network totals. Immutable; an edit
 * produces a new report through {@link Analyzer#reanalyze}.
 *
 * <pre>{@code
 * AnalysisReport report = Analyzer.standard().analyze(spec);
 * report.totals().paramTotal();                 // 1,248,424 for SqueezeNet v1.0
 * report.result("conv1").orElseThrow().output(); // 96x111x111
 * report.diagnostics().forEach(System.out::println);
 * }</pre>
 */
public final class AnalysisReport {

    private final Analyzer analyzer;
    private final NetworkSpec spec;
    final Structure structure;
    final NodeResult[] results;
    private final Totals totals;
    private final List<Diagnostic> networkDiagnostics;
    private volatile List<Diagnostic> diagnostics;
    private volatile List<NodeResult> layers;
    private volatile PeakMemory peak;

    AnalysisReport(Analyzer analyzer, NetworkSpec spec, Structure structure, NodeResult[] results, Totals totals,
                   List<Diagnostic> networkDiagnostics) {
        this.analyzer = analyzer;
        this.spec = spec;
        this.structure = structure;
        this.results = results;
        this.totals = totals;
        this.networkDiagnostics = List.copyOf(networkDiagnostics);
    }

    public NetworkSpec spec() {
        return spec;
    }

    public Optional<NodeResult> result(String nodeId) {
        int i = spec.indexOf(nodeId);
        return i < 0 ? Optional.empty() : Optional.of(results[i]);
    }

    /** One result per node, in topological order (the order a framework would execute them). */
    public List<NodeResult> layers() {
        List<NodeResult> l = layers;
        if (l == null) {
            List<NodeResult> ordered = new ArrayList<>(results.length);
            for (int i : structure.order) {
                ordered.add(results[i]);
            }
            layers = l = Collections.unmodifiableList(ordered);
        }
        return l;
    }

    /** Every diagnostic: the nodes' in topological order, then the network's. */
    public List<Diagnostic> diagnostics() {
        List<Diagnostic> d = diagnostics;
        if (d == null) {
            List<Diagnostic> all = new ArrayList<>();
            for (NodeResult r : layers()) {
                all.addAll(r.diagnostics());
            }
            all.addAll(networkDiagnostics);
            diagnostics = d = Collections.unmodifiableList(all);
        }
        return d;
    }

    /** Valid when there is no error: every node computed and the totals are exact. */
    public boolean isValid() {
        for (NodeResult r : results) {
            if (!r.ok()) {
                return false;
            }
        }
        return networkDiagnostics.stream().noneMatch(Diagnostic::isError);
    }

    /** Sums over the nodes that could be computed (all of them when {@link #isValid()}). */
    public Totals totals() {
        return totals;
    }

    /**
     * The most activation elements alive at once when the nodes run one after another in topological order,
     * for one sample, with composites run as their primitive parts (docs/metrics.md); empty if that number
     * overflows a long (only possible for an invalid network whose totals overflow too).
     */
    public OptionalLong peakActivationElements() {
        PeakMemory p = peak;
        if (p == null) {
            peak = p = PeakMemory.of(this, analyzer);
        }
        return p.elements() < 0 ? OptionalLong.empty() : OptionalLong.of(p.elements());
    }

    /**
     * {@link #peakActivationElements()} for a batch, at {@code bytesPerElement} (4 for 32-bit floats); empty
     * if it overflows a long.
     */
    public OptionalLong peakActivationBytes(int batch, int bytesPerElement) {
        if (batch < 1 || bytesPerElement < 1) {
            throw new IllegalArgumentException("batch and bytes per element must be positive");
        }
        OptionalLong elements = peakActivationElements();
        if (elements.isEmpty()) {
            return elements;
        }
        try {
            return OptionalLong.of(Math.multiplyExact(Math.multiplyExact(elements.getAsLong(), (long) batch),
                    bytesPerElement));
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    NodeResult resultAt(int specIndex) {
        return results[specIndex];
    }
}
