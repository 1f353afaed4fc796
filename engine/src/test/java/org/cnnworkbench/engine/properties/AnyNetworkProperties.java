package org.cnnworkbench.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cnnworkbench.engine.properties.ReportAssertions.assertSameAnalysis;

import java.util.List;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.NodeStatus;
import org.cnnworkbench.engine.analysis.Reanalysis;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.kinds.ParamCount;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties that hold for any graph, however broken: the analysis reports problems, it never fails. */
class AnyNetworkProperties {

    private final Analyzer analyzer = Analyzer.standard();

    @Provide
    Arbitrary<AnyNetworks.Graph> graphs() {
        return AnyNetworks.graphs();
    }

    @Provide
    Arbitrary<AnyNetworks.EditedNetwork> editedGraphs() {
        return AnyNetworks.editedGraphs();
    }

    @Property(tries = 400)
    void everyNodeGetsAResult(@ForAll("graphs") AnyNetworks.Graph graph) {
        NetworkSpec spec = graph.spec();
        AnalysisReport report = analyzer.analyze(spec);

        assertThat(report.layers()).extracting(NodeResult::id)
                .containsExactlyInAnyOrderElementsOf(spec.nodes().stream().map(Node::id).toList());
        for (Node node : spec.nodes()) {
            NodeResult r = report.result(node.id()).orElseThrow();
            assertThat(r.id()).isEqualTo(node.id());
            assertThat(r.kind()).isEqualTo(node.kind());
        }
    }

    @Property(tries = 400)
    void failedNodesExplainThemselvesOrAreBlockedUpstream(@ForAll("graphs") AnyNetworks.Graph graph) {
        NetworkSpec spec = graph.spec();
        AnalysisReport report = analyzer.analyze(spec);

        for (NodeResult r : report.layers()) {
            boolean ownError = r.diagnostics().stream().anyMatch(d -> d.isError() && r.id().equals(d.node()));
            assertThat(r.diagnostics()).as("diagnostics of %s name it", r.id())
                    .allMatch(d -> r.id().equals(d.node()));
            assertThat(report.diagnostics()).containsAll(r.diagnostics());
            switch (r.status()) {
                case OK -> assertThat(ownError).as("%s is OK without errors", r.id()).isFalse();
                case ERROR -> assertThat(ownError).as("%s has an error diagnostic", r.id()).isTrue();
                case BLOCKED -> {
                    assertThat(ownError).as("%s is blocked, not wrong itself", r.id()).isFalse();
                    Node node = spec.node(r.id()).orElseThrow();
                    assertThat(node.inputs()).as("an input of blocked %s failed", r.id()).anyMatch(in ->
                            report.result(in).map(i -> !i.ok()).orElse(false));
                }
                default -> throw new AssertionError(r.status());
            }
            if (!r.ok()) {
                assertThat(r.output()).isNull();
                assertThat(r.params()).isEqualTo(ParamCount.NONE);
                assertThat(List.of(r.macs(), r.otherOps(), r.activations())).containsOnly(0L);
            } else {
                assertThat(r.output()).isNotNull();
            }
        }
    }

    @Property(tries = 400)
    void validMeansNoErrorAndEveryNodeComputed(@ForAll("graphs") AnyNetworks.Graph graph) {
        NetworkSpec spec = graph.spec();
        AnalysisReport report = analyzer.analyze(spec);

        boolean anyError = report.diagnostics().stream().anyMatch(Diagnostic::isError);
        boolean allOk = report.layers().stream().allMatch(NodeResult::ok);
        assertThat(report.isValid()).isEqualTo(!anyError && allOk);
    }

    @Property(tries = 400)
    void totalsAreTheSumOverComputedLayers(@ForAll("graphs") AnyNetworks.Graph graph) {
        NetworkSpec spec = graph.spec();
        AnalysisReport report = analyzer.analyze(spec);

        if (report.totals().overflowed()) {
            assertThat(report.isValid()).isFalse();
            assertThat(report.diagnostics()).anyMatch(d -> d.isError() && d.node() == null);
        } else {
            assertThat(report.totals()).isEqualTo(ValidNetworkProperties.sumOfOkLayers(report));
        }
    }

    @Property(tries = 400)
    void reanalysisAfterAnyEditEqualsFullAnalysis(@ForAll("editedGraphs") AnyNetworks.EditedNetwork edited) {
        AnalysisReport before = analyzer.analyze(edited.before());
        Edit edit = edited.edit();
        AnalysisReport full = analyzer.analyze(edit.result());

        Reanalysis found = analyzer.reanalyze(before, edit.result());
        Reanalysis told = analyzer.reanalyze(before, edit.result(), List.of(edit.nodeId()));

        assertSameAnalysis(found.report(), full, edit.description() + " (changes found)");
        assertSameAnalysis(told.report(), full, edit.description() + " (changes told)");
        IncrementalAnalysisProperties.assertUnaffectedResultsKept(before, found);
        IncrementalAnalysisProperties.assertUnaffectedResultsKept(before, told);
    }

    @Provide
    Arbitrary<AnyNetworks.EditedNetwork> hugeGraphs() {
        return AnyNetworks.hugeGraphs();
    }

    @Property(tries = 300)
    void overflowingTotalsAreReportedAndReanalysedExactly(@ForAll("hugeGraphs") AnyNetworks.EditedNetwork edited) {
        for (NetworkSpec spec : List.of(edited.before(), edited.edit().result())) {
            AnalysisReport report = analyzer.analyze(spec);
            boolean errorWithoutNode = report.diagnostics().stream().anyMatch(d -> d.isError() && d.node() == null);
            // the network's own errors: overflowing totals, or no nodes at all
            assertThat(errorWithoutNode).isEqualTo(report.totals().overflowed() || spec.size() == 0);
            if (report.totals().overflowed()) {
                assertThat(report.isValid()).isFalse();
            } else {
                assertThat(report.totals()).isEqualTo(ValidNetworkProperties.sumOfOkLayers(report));
            }
        }
        reanalysisAfterAnyEditEqualsFullAnalysis(edited);
    }

    /**
     * Peak memory counts the outputs of computed nodes that are alive at once, which never exceeds their
     * activations, so it is computable whenever the totals are. (When the totals overflow it may be empty;
     * the report is invalid then.)
     */
    @Property(tries = 300)
    void peakMemoryIsComputableWhenTotalsAre(@ForAll("hugeGraphs") AnyNetworks.EditedNetwork edited,
                                             @ForAll("graphs") AnyNetworks.Graph graph) {
        for (NetworkSpec spec : List.of(edited.before(), edited.edit().result(), graph.spec())) {
            AnalysisReport report = analyzer.analyze(spec);
            if (!report.totals().overflowed()) {
                assertThat(report.peakActivationElements().orElseThrow()).isBetween(0L, report.totals().activations());
            }
        }
    }

    @Property(tries = 400)
    void jsonRoundTripGivesTheSameSpec(@ForAll("graphs") AnyNetworks.Graph graph) throws SpecFormatException {
        NetworkSpec spec = graph.spec();
        assertThat(NetworkJson.read(NetworkJson.write(spec), "x").spec()).isEqualTo(spec);
    }

    @Property(tries = 400)
    void analysingIsAFunctionOfTheSpec(@ForAll("graphs") AnyNetworks.Graph graph) throws SpecFormatException {
        NetworkSpec spec = graph.spec();
        NetworkSpec reread = NetworkJson.read(NetworkJson.write(spec), "x").spec();

        assertSameAnalysis(analyzer.analyze(reread), analyzer.analyze(spec), "re-read spec");
    }
}
