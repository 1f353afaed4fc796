package org.cnnworkbench.app.ui.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.junit.jupiter.api.Test;

class EditsTest {

    private final KindRegistry kinds = KindRegistry.standard();
    private final DocumentState chain = DocumentState.of(NetworkSpec.of("chain", List.of(
            Node.of("data", "input", List.of(), Map.of("channels", 3, "height", 32, "width", 32)),
            Node.of("conv1", "conv", List.of("data"), Map.of("filters", 8, "kernel", 3)),
            Node.of("relu1", "relu", List.of("conv1")),
            Node.of("pool1", "maxpool", List.of("relu1"), Map.of("kernel", 2, "stride", 2)))));

    @Test
    void addedNodeHasAFreshIdStartingValuesAndItsPosition() {
        Change c = Edits.addNode(chain, kinds.unit("fire").orElseThrow(), new NodePosition(5, 6));
        Node fire = c.after().spec().node("fire1").orElseThrow();
        assertThat(fire.params()).containsEntry("s1x1", 16L).containsEntry("e1x1", 64L).containsEntry("e3x3", 64L);
        assertThat(fire.inputs()).isEmpty();
        assertThat(c.after().position("fire1")).isEqualTo(new NodePosition(5, 6));
        assertThat(c.before()).isEqualTo(chain);
        assertThat(Edits.addNode(c.after(), kinds.unit("fire").orElseThrow(), new NodePosition(0, 0))
                .after().spec().contains("fire2")).isTrue();
    }

    @Test
    void insertOnEdgePutsTheNewNodeBetweenBothEnds() {
        Change c = Edits.insertOnEdge(chain, kinds.unit("batchnorm").orElseThrow(), "conv1", "relu1",
                new NodePosition(0, 0));
        NetworkSpec s = c.after().spec();
        assertThat(s.node("batchnorm1").orElseThrow().inputs()).containsExactly("conv1");
        assertThat(s.node("relu1").orElseThrow().inputs()).containsExactly("batchnorm1");
        assertThat(Analyzer.standard().analyze(s).isValid()).isTrue();
        assertThrows(IllegalArgumentException.class, () -> Edits.insertOnEdge(chain,
                kinds.unit("relu").orElseThrow(), "data", "pool1", new NodePosition(0, 0)));
    }

    @Test
    void connectingASingleInputNodeReplacesItsInputAndAMergeNodeGainsOne() {
        DocumentState withConcat = Edits.addNode(chain, kinds.unit("concat").orElseThrow(), new NodePosition(0, 0))
                .after();
        DocumentState a = Edits.connect(withConcat, kinds, "conv1", "concat1").after();
        DocumentState b = Edits.connect(a, kinds, "relu1", "concat1").after();
        assertThat(b.spec().node("concat1").orElseThrow().inputs()).containsExactly("conv1", "relu1");
        assertThat(Edits.connect(b, kinds, "relu1", "concat1").isEffective()).isFalse();
        DocumentState replaced = Edits.connect(chain, kinds, "data", "pool1").after();
        assertThat(replaced.spec().node("pool1").orElseThrow().inputs()).containsExactly("data");
        DocumentState cut = Edits.disconnect(b, "conv1", "concat1").after();
        assertThat(cut.spec().node("concat1").orElseThrow().inputs()).containsExactly("relu1");
    }

    @Test
    void deletingALayerInAChainKeepsTheChainConnected() {
        Change c = Edits.delete(chain, Set.of("relu1"));
        assertThat(c.after().spec().node("pool1").orElseThrow().inputs()).containsExactly("conv1");
        Change two = Edits.delete(chain, Set.of("conv1", "relu1"));
        assertThat(two.after().spec().node("pool1").orElseThrow().inputs()).containsExactly("data");
        Change first = Edits.delete(chain, Set.of("data"));
        assertThat(first.after().spec().node("conv1").orElseThrow().inputs()).isEmpty();
    }

    @Test
    void renameUpdatesReferencesAndPosition() {
        DocumentState placed = chain.withPositions(Map.of("conv1", new NodePosition(1, 2)));
        Change c = Edits.rename(placed, "conv1", "stem");
        assertThat(c.after().spec().node("relu1").orElseThrow().inputs()).containsExactly("stem");
        assertThat(c.after().position("stem")).isEqualTo(new NodePosition(1, 2));
        assertThat(c.after().position("conv1")).isNull();
        assertThrows(IllegalArgumentException.class, () -> Edits.rename(chain, "conv1", "relu1"));
        assertThrows(IllegalArgumentException.class, () -> Edits.rename(chain, "conv1", " "));
    }

    @Test
    void duplicateCopiesInternalConnectionsAndKeepsOutsideInputs() {
        DocumentState placed = chain.withPositions(Map.of("conv1", new NodePosition(0, 100)));
        Change c = Edits.duplicate(placed, Set.of("conv1", "relu1"));
        NetworkSpec s = c.after().spec();
        assertThat(c.changedNodes()).containsExactlyInAnyOrder("conv2", "relu2");
        assertThat(s.node("conv2").orElseThrow().inputs()).containsExactly("data");
        assertThat(s.node("relu2").orElseThrow().inputs()).containsExactly("conv2");
        assertThat(c.after().position("conv2")).isEqualTo(new NodePosition(40, 140));
    }

    @Test
    void setParamToNullRestoresTheDefault() {
        DocumentState strided = Edits.setParam(chain, "conv1", "stride", 2L).after();
        assertThat(strided.spec().node("conv1").orElseThrow().param("stride")).isEqualTo(2L);
        DocumentState back = Edits.setParam(strided, "conv1", "stride", null).after();
        assertThat(back.spec()).isEqualTo(chain.spec());
    }

    @Test
    void deepNetworkIsFoldedIntoColumnsReadTopToBottomThenLeftToRight() throws Exception {
        var spec = org.cnnworkbench.samples.SampleNetworks.load("vgg16").spec();
        Map<String, NodePosition> layout = LayeredLayout.layout(spec, Map.of(), false);
        long columns = layout.values().stream().map(NodePosition::x).distinct().count();
        assertThat(columns).isBetween(2L, 6L);
        var nodes = spec.nodes();
        for (int i = 1; i < nodes.size(); i++) {
            NodePosition before = layout.get(nodes.get(i - 1).id());
            NodePosition after = layout.get(nodes.get(i).id());
            assertThat(after.x() > before.x() || (after.x() == before.x() && after.y() > before.y()))
                    .as(nodes.get(i).id()).isTrue();
        }
        assertThat(LayeredLayout.rowsPerColumn(17, 1)).isLessThan(17);
        assertThat(LayeredLayout.rowsPerColumn(LayeredLayout.MAX_ROWS, 1)).isEqualTo(LayeredLayout.MAX_ROWS);
    }

    @Test
    void layeredLayoutPutsEveryNodeBelowItsInputs() {
        Map<String, NodePosition> layout = LayeredLayout.layout(chain.spec(), Map.of(), false);
        assertThat(layout).containsOnlyKeys("data", "conv1", "relu1", "pool1");
        for (Node n : chain.spec().nodes()) {
            for (String in : n.inputs()) {
                assertThat(layout.get(n.id()).y()).isGreaterThan(layout.get(in).y());
            }
        }
        Map<String, NodePosition> kept = LayeredLayout.layout(chain.spec(),
                Map.of("conv1", new NodePosition(500, 500)), true);
        assertThat(kept.get("conv1")).isEqualTo(new NodePosition(500, 500));
        assertThat(kept.get("relu1")).isEqualTo(new NodePosition(500, 500 + LayeredLayout.ROW));
    }

    @Test
    void nodesWithoutAPositionAreLaidOutBesideCardsFarOut() {
        // A hand-written or damaged file may place cards beyond 2^61, where adding a column width no longer
        // changes a coordinate: moving a new card right until it is free used to go on for ever.
        Map<String, NodePosition> far = Map.of("data", new NodePosition(1e300, 0),
                "relu1", new NodePosition(1e300, LayeredLayout.ROW),
                "pool1", new NodePosition(Double.MAX_VALUE, Double.MAX_VALUE));
        Map<String, NodePosition> kept = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> LayeredLayout.layout(chain.spec(), far, true));
        assertThat(kept).containsOnlyKeys("data", "conv1", "relu1", "pool1").containsAllEntriesOf(far);
        assertThat(kept.get("conv1")).as("not on top of relu1").isNotEqualTo(far.get("relu1"));
    }
}
