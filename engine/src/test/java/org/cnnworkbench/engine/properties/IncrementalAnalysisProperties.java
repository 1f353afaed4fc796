package org.cnnworkbench.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cnnworkbench.engine.properties.ReportAssertions.assertSameAnalysis;

import java.util.List;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Reanalysis;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Re-analysing after an edit gives exactly what analysing the edited spec from scratch gives. */
class IncrementalAnalysisProperties {

    private final Analyzer analyzer = Analyzer.standard();

    @Provide
    Arbitrary<ValidNetwork> networks() {
        return Networks.valid();
    }

    @Provide
    Arbitrary<List<Integer>> decisions() {
        return Networks.decisions();
    }

    @Provide
    Arbitrary<List<List<Integer>>> editSequence() {
        return Networks.decisions().list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 300)
    void parameterEditReanalysisEqualsFullAnalysis(@ForAll("networks") ValidNetwork network,
                                                   @ForAll("decisions") List<Integer> decisions) {
        NetworkSpec spec = network.spec();
        AnalysisReport before = analyzer.analyze(spec);
        Edit edit = Edits.parameterEdit(spec, new Choices(decisions));
        AnalysisReport full = analyzer.analyze(edit.result());

        Reanalysis found = analyzer.reanalyze(before, edit.result());
        Reanalysis told = analyzer.reanalyze(before, edit.result(), List.of(edit.nodeId()));

        for (Reanalysis r : List.of(found, told)) {
            String what = edit.description() + (r == found ? " (changes found)" : " (changes told)");
            assertSameAnalysis(r.report(), full, what);
            assertThat(r.structural()).as(what).isFalse();
            assertThat(r.affected()).as(what).contains(edit.nodeId());
            assertUnaffectedResultsKept(before, r);
        }
    }

    @Property(tries = 300)
    void structuralEditReanalysisEqualsFullAnalysis(@ForAll("networks") ValidNetwork network,
                                                    @ForAll("decisions") List<Integer> decisions) {
        NetworkSpec spec = network.spec();
        AnalysisReport before = analyzer.analyze(spec);
        Edit edit = Edits.structuralEdit(spec, before, new Choices(decisions));
        AnalysisReport full = analyzer.analyze(edit.result());

        Reanalysis found = analyzer.reanalyze(before, edit.result());
        Reanalysis told = analyzer.reanalyze(before, edit.result(), List.of(edit.nodeId()));

        for (Reanalysis r : List.of(found, told)) {
            String what = edit.description() + (r == found ? " (changes found)" : " (changes told)");
            assertSameAnalysis(r.report(), full, what);
            assertThat(r.structural()).as(what).isTrue();
            if (edit.result().contains(edit.nodeId())) {
                assertThat(r.affected()).as(what).contains(edit.nodeId());
            }
            assertUnaffectedResultsKept(before, r);
        }
    }

    /** Reports derived from derived reports stay exact: no drift in totals or stale results. */
    @Property(tries = 200)
    void chainedReanalysesEqualFullAnalysis(@ForAll("networks") ValidNetwork network,
                                            @ForAll("editSequence") List<List<Integer>> edits) {
        NetworkSpec spec = network.spec();
        AnalysisReport report = analyzer.analyze(spec);
        StringBuilder history = new StringBuilder();
        for (List<Integer> decisions : edits) {
            if (spec.size() == 0) {
                break;
            }
            Choices c = new Choices(decisions);
            Edit edit = c.oneIn(2) ? Edits.structuralEdit(spec, report, c) : Edits.parameterEdit(spec, c);
            history.append(edit.description()).append("; ");
            Reanalysis r = c.oneIn(2) ? analyzer.reanalyze(report, edit.result())
                    : analyzer.reanalyze(report, edit.result(), List.of(edit.nodeId()));
            assertSameAnalysis(r.report(), analyzer.analyze(edit.result()), history.toString());
            assertUnaffectedResultsKept(report, r);
            spec = edit.result();
            report = r.report();
        }
    }

    /** Every node that is in both specs and not reported as affected has its previous result. */
    static void assertUnaffectedResultsKept(AnalysisReport before, Reanalysis after) {
        for (Node node : after.report().spec().nodes()) {
            if (!after.affected().contains(node.id()) && before.spec().contains(node.id())) {
                assertThat(after.report().result(node.id())).as("unaffected %s", node.id())
                        .isEqualTo(before.result(node.id()));
            }
        }
    }
}
