package org.cnnworkbench.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Re-analysis after an edit of SqueezeNet v1.0 recomputes little and equals a full analysis of the result. */
class IncrementalAnalysisTest {

    private final Analyzer analyzer = Analyzer.standard();
    private NetworkSpec squeezenet;
    private AnalysisReport before;

    @BeforeEach
    void load() throws SpecFormatException {
        squeezenet = NetworkJson.read(Nets.SAMPLES.resolve("squeezenet-v1.0.json")).spec();
        before = analyzer.analyze(squeezenet);
        assertThat(before.isValid()).isTrue();
    }

    private NetworkSpec edit(String id, String param, Object value) {
        return squeezenet.withNode(squeezenet.node(id).orElseThrow().withParam(param, value));
    }

    /** Every node result, the diagnostics, the totals and the peak memory equal those of a full analysis. */
    private void assertEqualsFullAnalysis(Reanalysis incremental) {
        AnalysisReport inc = incremental.report();
        AnalysisReport full = analyzer.analyze(inc.spec());
        for (Node n : inc.spec().nodes()) {
            assertThat(inc.result(n.id())).as("result of %s", n.id()).isEqualTo(full.result(n.id()));
        }
        assertThat(inc.layers()).isEqualTo(full.layers());
        assertThat(inc.diagnostics()).isEqualTo(full.diagnostics());
        assertThat(inc.totals()).isEqualTo(full.totals());
        assertThat(inc.isValid()).isEqualTo(full.isValid());
        assertThat(inc.peakActivationElements()).isEqualTo(full.peakActivationElements());
    }

    @Test
    void changingConv1FiltersIsLocal() {
        Reanalysis r = analyzer.reanalyze(before, edit("conv1", "filters", 64), List.of("conv1"));

        // conv1 and pool1 now give 64 channels; fire2's squeeze layer shrinks (16*64 + 16 = 1,040 instead of
        // 1,552 parameters) but it still outputs 128x55x55, so fire3 and beyond are untouched
        assertThat(r.affected()).containsExactly("conv1", "pool1", "fire2");
        assertThat(r.recomputed()).isEqualTo(3);
        assertThat(r.structural()).isFalse();
        NodeResult fire2 = r.report().result("fire2").orElseThrow();
        assertThat(fire2.paramTotal()).isEqualTo(11_920 - 1_552 + 1_040);
        assertThat(fire2.output()).isEqualTo(new Shape.FeatureMap(128, 55, 55));
        assertThat(r.report().result("fire3")).isEqualTo(before.result("fire3"));
        assertEqualsFullAnalysis(r);
    }

    @Test
    void changedNodesAreFoundByComparingTheSpecs() {
        Reanalysis r = analyzer.reanalyze(before, edit("conv1", "filters", 64));
        assertThat(r.affected()).containsExactly("conv1", "pool1", "fire2");
        assertThat(r.recomputed()).isEqualTo(3);
        assertEqualsFullAnalysis(r);
    }

    @Test
    void changingConv1StrideIsGlobal() {
        Reanalysis r = analyzer.reanalyze(before, edit("conv1", "stride", 1), List.of("conv1"));

        // every spatial size changes down to conv10; pool10 still gives 1000x1x1 (but sums more inputs),
        // so prob, whose input shape is unchanged, is the only node after conv1 left as it was
        List<String> downstream = squeezenet.nodes().stream().map(Node::id)
                .filter(id -> !id.equals("data") && !id.equals("prob")).toList();
        assertThat(r.affected()).containsExactlyElementsOf(downstream);
        assertThat(r.report().result("conv1").orElseThrow().output()).isEqualTo(new Shape.FeatureMap(96, 221, 221));
        assertThat(r.report().result("prob")).isEqualTo(before.result("prob"));
        assertEqualsFullAnalysis(r);
    }

    @Test
    void settingAParameterToItsCurrentValueRecomputesNothing() {
        Reanalysis r = analyzer.reanalyze(before, edit("conv1", "filters", 96));
        assertThat(r.affected()).isEmpty();
        assertThat(r.recomputed()).isZero();
        assertThat(r.report().totals()).isEqualTo(before.totals());
    }

    @Test
    void anInvalidEditBlocksWhatFollowsAndUndoingItRestoresTheReport() {
        Reanalysis broken = analyzer.reanalyze(before, edit("conv1", "filters", 0), List.of("conv1"));
        assertThat(broken.report().result("conv1").orElseThrow().status()).isEqualTo(NodeStatus.ERROR);
        assertThat(broken.report().result("prob").orElseThrow().status()).isEqualTo(NodeStatus.BLOCKED);
        assertEqualsFullAnalysis(broken);

        Reanalysis fixed = analyzer.reanalyze(broken.report(), squeezenet, List.of("conv1"));
        assertThat(fixed.report().layers()).isEqualTo(before.layers());
        assertThat(fixed.report().totals()).isEqualTo(before.totals());
        assertEqualsFullAnalysis(fixed);
    }

    @Test
    void successiveEditsEqualAFullAnalysis() {
        Reanalysis r1 = analyzer.reanalyze(before, edit("fire4", "e3x3", 64));
        NetworkSpec spec2 = r1.report().spec();
        Reanalysis r2 = analyzer.reanalyze(r1.report(),
                spec2.withNode(spec2.node("pool4").orElseThrow().withParam("rounding", "floor")));
        NetworkSpec spec3 = r2.report().spec();
        Reanalysis r3 = analyzer.reanalyze(r2.report(),
                spec3.withNode(spec3.node("conv10").orElseThrow().withParam("filters", 10)));
        assertEqualsFullAnalysis(r1);
        assertEqualsFullAnalysis(r2);
        assertEqualsFullAnalysis(r3);
    }

    @Test
    void removingANodeEqualsAFullAnalysis() {
        Reanalysis r = analyzer.reanalyze(before, squeezenet.withoutNode("drop9"));

        assertThat(r.structural()).isTrue();
        assertThat(r.report().result("conv10").orElseThrow().status()).isEqualTo(NodeStatus.ERROR);
        assertEqualsFullAnalysis(r);
    }

    @Test
    void removingANodeAndRewiringAroundItEqualsAFullAnalysis() {
        NetworkSpec next = squeezenet.withoutNode("drop9");
        next = next.withNode(next.node("conv10").orElseThrow().withInputs(List.of("fire9")));
        Reanalysis r = analyzer.reanalyze(before, next);

        assertThat(r.structural()).isTrue();
        assertThat(r.report().isValid()).isTrue();
        assertThat(r.report().totals().paramTotal()).isEqualTo(before.totals().paramTotal());
        assertEqualsFullAnalysis(r);
    }

    @Test
    void addingANodeRecomputesOnlyThatNode() {
        Reanalysis r = analyzer.reanalyze(before,
                squeezenet.withAddedNode(Node.of("extra", "relu", List.of("pool10"))));

        assertThat(r.structural()).isTrue();
        assertThat(r.affected()).containsExactly("extra");
        assertThat(r.recomputed()).isEqualTo(1);
        assertEqualsFullAnalysis(r);
    }

    @Test
    void rewiringAnInputEqualsAFullAnalysis() {
        // fire3 now reads pool1 (96 channels) instead of fire2 (128): its squeeze layer shrinks
        NetworkSpec next = squeezenet.withNode(squeezenet.node("fire3").orElseThrow().withInputs(List.of("pool1")));
        Reanalysis r = analyzer.reanalyze(before, next, List.of("fire3"));

        assertThat(r.structural()).isTrue();
        assertThat(r.affected()).contains("fire3");
        assertEqualsFullAnalysis(r);
    }

    @Test
    void renamingANodeEqualsAFullAnalysis() {
        NetworkSpec next = squeezenet.withNodeReplaced("pool1", squeezenet.node("pool1").orElseThrow().withId("p1"));
        Reanalysis r = analyzer.reanalyze(before, next);

        assertThat(r.report().result("fire2").orElseThrow().status()).isEqualTo(NodeStatus.ERROR);
        assertEqualsFullAnalysis(r);
    }

    @Test
    void creatingACycleAndBreakingItEqualsAFullAnalysis() {
        NetworkSpec cyclic = squeezenet.withNode(squeezenet.node("fire2").orElseThrow().withInputs(List.of("fire3")));
        Reanalysis r1 = analyzer.reanalyze(before, cyclic);
        assertThat(r1.report().result("fire2").orElseThrow().status()).isEqualTo(NodeStatus.ERROR);
        assertEqualsFullAnalysis(r1);

        Reanalysis r2 = analyzer.reanalyze(r1.report(), squeezenet);
        assertThat(r2.report().layers()).isEqualTo(before.layers());
        assertEqualsFullAnalysis(r2);
    }
    @Test
    void editThatMakesTheTotalsOverflowAndBackEqualsAFullAnalysis() {
        // two fc layers on 5,000 * 1,000 * 1,000 = 5e9 inputs: 5e18 weights each fits a long, their sum does not
        NetworkSpec spec = Nets.spec(
                Nets.input("data", "5000x1000x1000"),
                Nets.node("fc1", "fc", List.of("data"), "units=1000000000"),
                Nets.node("fc2", "fc", List.of("data"), "units=1"));
        AnalysisReport fits = analyzer.analyze(spec);
        assertThat(fits.totals().overflowed()).isFalse();

        NetworkSpec big = spec.withNode(spec.node("fc2").orElseThrow().withParam("units", 1_000_000_000L));
        Reanalysis overflowing = analyzer.reanalyze(fits, big, List.of("fc2"));
        assertThat(overflowing.report().totals().overflowed()).isTrue();
        assertEqualsFullAnalysis(overflowing);

        Reanalysis back = analyzer.reanalyze(overflowing.report(), spec, List.of("fc2"));
        assertThat(back.report().totals()).isEqualTo(fits.totals());
        assertEqualsFullAnalysis(back);
    }

    @Test
    void editDownstreamOfACycleEqualsAFullAnalysis() {
        NetworkSpec spec = Nets.spec(
                Nets.input("data", "3x8x8"),
                Node.of("d", "relu", List.of("c")),
                Nets.node("c", "conv", List.of("b"), "filters=4; kernel=1"),
                Node.of("a", "relu", List.of("b")),
                Node.of("b", "relu", List.of("a")),
                Nets.node("ok", "conv", List.of("data"), "filters=4; kernel=1"));
        AnalysisReport first = analyzer.analyze(spec);
        NetworkSpec next = spec.withNode(spec.node("c").orElseThrow().withParam("filters", 0L))
                .withNode(spec.node("ok").orElseThrow().withParam("filters", 8L));
        Reanalysis r = analyzer.reanalyze(first, next);

        assertThat(r.report().result("c").orElseThrow().status()).isEqualTo(NodeStatus.ERROR);
        assertThat(r.report().result("ok").orElseThrow().output()).isEqualTo(new Shape.FeatureMap(8, 8, 8));
        assertEqualsFullAnalysis(r);
    }
}
