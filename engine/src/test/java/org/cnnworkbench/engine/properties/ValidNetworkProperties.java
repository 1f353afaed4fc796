package org.cnnworkbench.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.SpecExpander;
import org.cnnworkbench.engine.analysis.Totals;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of networks that are valid by construction. */
class ValidNetworkProperties {

    private final Analyzer analyzer = Analyzer.standard();

    @Provide
    Arbitrary<ValidNetwork> networks() {
        return Networks.valid();
    }

    @Property(tries = 300)
    void validNetworkAnalysesWithoutErrors(@ForAll("networks") ValidNetwork network) {
        AnalysisReport report = analyzer.analyze(network.spec());

        assertThat(report.diagnostics()).noneMatch(Diagnostic::isError);
        assertThat(report.isValid()).isTrue();
        assertThat(report.totals().overflowed()).isFalse();
    }

    @Property(tries = 300)
    void outputShapesMatchAnIndependentShapeModel(@ForAll("networks") ValidNetwork network) {
        AnalysisReport report = analyzer.analyze(network.spec());

        network.expectedShapes().forEach((id, shape) ->
                assertThat(report.result(id).orElseThrow().output()).as("output of %s", id).isEqualTo(shape));
    }

    @Property(tries = 300)
    void layersAreInTopologicalOrderAndCoverEveryNode(@ForAll("networks") ValidNetwork network) {
        AnalysisReport report = analyzer.analyze(network.spec());
        List<String> order = report.layers().stream().map(NodeResult::id).toList();

        assertThat(order).containsExactlyInAnyOrderElementsOf(
                network.spec().nodes().stream().map(Node::id).toList());
        for (Node node : network.spec().nodes()) {
            for (String input : node.inputs()) {
                assertThat(order.indexOf(input)).as("%s runs before %s", input, node.id())
                        .isLessThan(order.indexOf(node.id()));
            }
        }
    }

    @Property(tries = 300)
    void totalsAreTheSumOverLayers(@ForAll("networks") ValidNetwork network) {
        AnalysisReport report = analyzer.analyze(network.spec());

        assertThat(report.totals()).isEqualTo(sumOfOkLayers(report));
    }

    @Property(tries = 200)
    void expandingCompositesKeepsTotalsShapesAndPeakMemory(@ForAll("networks") ValidNetwork network) {
        NetworkSpec spec = network.spec();
        AnalysisReport report = analyzer.analyze(spec);

        NetworkSpec expanded = SpecExpander.expand(spec, KindRegistry.standard());
        AnalysisReport primitive = analyzer.analyze(expanded);

        assertThat(primitive.isValid()).isTrue();
        assertThat(expanded.nodes()).noneMatch(n -> n.kind().equals("fire"));
        assertThat(primitive.totals()).isEqualTo(report.totals());
        for (Node node : spec.nodes()) {
            assertThat(primitive.result(node.id()).orElseThrow().output()).as("output of %s", node.id())
                    .isEqualTo(report.result(node.id()).orElseThrow().output());
        }
        assertThat(primitive.peakActivationElements()).isEqualTo(report.peakActivationElements());
    }

    @Property(tries = 200)
    void peakMemoryIsBetweenTheLargestOutputAndTheSumOfOutputs(@ForAll("networks") ValidNetwork network) {
        AnalysisReport primitive = analyzer.analyze(SpecExpander.expand(network.spec(), KindRegistry.standard()));
        long largest = primitive.layers().stream().mapToLong(r -> r.output().elements()).max().orElseThrow();
        long sum = primitive.layers().stream().mapToLong(r -> r.output().elements()).sum();

        assertThat(analyzer.analyze(network.spec()).peakActivationElements().orElseThrow()).isBetween(largest, sum);
    }

    @Property(tries = 300)
    void jsonRoundTripGivesTheSameSpec(@ForAll("networks") ValidNetwork network) throws SpecFormatException {
        NetworkSpec spec = network.spec();

        assertThat(NetworkJson.read(NetworkJson.write(spec), "x").spec()).isEqualTo(spec);
    }

    /** Sums, by role, the counts of every layer that could be computed. */
    static Totals sumOfOkLayers(AnalysisReport report) {
        long weights = 0;
        long biases = 0;
        long statistics = 0;
        long macs = 0;
        long otherOps = 0;
        long activations = 0;
        for (NodeResult r : report.layers()) {
            if (r.ok()) {
                weights += r.params().weights();
                biases += r.params().biases();
                statistics += r.params().statistics();
                macs += r.macs();
                otherOps += r.otherOps();
                activations += r.activations();
            }
        }
        return new Totals(new org.cnnworkbench.engine.kinds.ParamCount(weights, biases, statistics), macs, otherOps,
                activations, false);
    }
}
