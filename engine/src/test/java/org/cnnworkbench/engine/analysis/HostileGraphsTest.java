package org.cnnworkbench.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.testing.Nets;
import org.cnnworkbench.engine.whatif.NetworkComparator;
import org.junit.jupiter.api.Test;

/** Graphs built to break the analysis: names that collide with composite parts, long chains behind cycles. */
class HostileGraphsTest {

    private static NetworkSpec fireBesideItsOwnPartName(boolean bypass) {
        return Nets.spec(
                Nets.input("data", "16x16x16"),
                Nets.node("fire2/squeeze1x1", "conv", List.of("data"), "filters=16; kernel=1"),
                Nets.node("fire2", "fire", List.of("fire2/squeeze1x1"),
                        "s1x1=4; e1x1=8; e3x3=8; bypass=" + bypass),
                Node.of("fire2/concat", "relu", List.of("fire2")));
    }

    @Test
    void expansionNamesPartsAroundNodesThatAlreadyHaveTheirNames() {
        NetworkSpec spec = fireBesideItsOwnPartName(true);
        NetworkSpec expanded = SpecExpander.expand(spec, KindRegistry.standard());
        assertThat(expanded.nodes()).extracting(Node::id).containsExactly("data", "fire2/squeeze1x1",
                "fire2/squeeze1x1~2", "fire2/expand1x1", "fire2/expand3x3", "fire2/concat~2", "fire2",
                "fire2/concat");
        // the squeeze part reads the node named like it; the expand layers read the part
        assertThat(expanded.node("fire2/squeeze1x1~2").orElseThrow().inputs()).containsExactly("fire2/squeeze1x1");
        assertThat(expanded.node("fire2/expand1x1").orElseThrow().inputs()).containsExactly("fire2/squeeze1x1~2");
        // the bypass adds the concatenation part to the module's input
        assertThat(expanded.node("fire2").orElseThrow().inputs()).containsExactly("fire2/concat~2",
                "fire2/squeeze1x1");
        AnalysisReport original = Analyzer.standard().analyze(spec);
        AnalysisReport primitive = Analyzer.standard().analyze(expanded);
        assertThat(original.isValid()).isTrue();
        assertThat(primitive.totals().paramTotal()).isEqualTo(original.totals().paramTotal());
        assertThat(primitive.totals().macs()).isEqualTo(original.totals().macs());
    }

    @Test
    void peakMemoryAndComparisonWorkWithCollidingNames() {
        NetworkSpec spec = fireBesideItsOwnPartName(false);
        AnalysisReport report = Analyzer.standard().analyze(spec);
        assertThat(report.isValid()).isTrue();
        assertThat(report.peakActivationElements()).isPresent();
        assertThat(NetworkComparator.compare(report, report).changedLayers()).isEmpty();
    }

    @Test
    void aLongChainBehindACycleIsAnalysedWithoutRecursion() {
        int n = 200_000;
        List<Node> nodes = new ArrayList<>(n + 2);
        nodes.add(Node.of("a", "relu", List.of("b")));
        nodes.add(Node.of("b", "relu", List.of("a")));
        String previous = "b";
        for (int i = 0; i < n; i++) {
            nodes.add(Node.of("n" + i, "relu", List.of(previous)));
            previous = "n" + i;
        }
        // the chain closes a second, very long cycle back to its start
        nodes.set(1, Node.of("b", "relu", List.of("a", previous)));
        AnalysisReport report = Analyzer.standard().analyze(NetworkSpec.of("loop", nodes));
        assertThat(report.isValid()).isFalse();
        assertThat(Nets.diagnosticsOf(report, "n" + (n - 1))).anyMatch(d -> d.message().contains("cycle"));
    }

    @Test
    void anEmptyNetworkIsAnErrorOfTheNetwork() {
        AnalysisReport report = Analyzer.standard().analyze(NetworkSpec.of("empty", List.of()));
        assertThat(report.isValid()).isFalse();
        assertThat(report.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.node()).isNull();
            assertThat(d.message()).contains("no nodes");
        });
    }
}
