package org.cnnworkbench.app.ui.view.canvas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javafx.scene.Group;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * Keeps the cards and edges in step with the document and its analysis, touching only what changed (adding
 * JavaFX nodes is slow, and a network may have thousands): a card is created or removed only when its node
 * appears or disappears, its texts are updated only when its node or result object changed, and edges are
 * recomputed only for nodes whose inputs may have changed.
 */
final class GraphSync {

    private final Group cardLayer;
    private final Group edgeLayer;
    private final KindRegistry kinds;
    private final Predicate<String> selected;
    private final Map<String, NodeCard> cards = new HashMap<>();
    private final Map<String, EdgeView> edges = new HashMap<>();
    /** Edges touching each node id (incoming and outgoing), so that moving a card redraws only its edges. */
    private final Map<String, Set<EdgeView>> edgesOf = new HashMap<>();
    private NetworkSpec shownSpec;
    private Map<String, NodePosition> shownLayout;
    private AnalysisReport shownReport;

    GraphSync(Group cardLayer, Group edgeLayer, KindRegistry kinds, Predicate<String> selected) {
        this.cardLayer = cardLayer;
        this.edgeLayer = edgeLayer;
        this.kinds = kinds;
        this.selected = selected;
    }

    NodeCard card(String id) {
        return cards.get(id);
    }

    EdgeView edge(String from, String to) {
        return edges.get(EdgeView.key(from, to));
    }

    Collection<NodeCard> cards() {
        return cards.values();
    }

    Collection<EdgeView> edges() {
        return edges.values();
    }

    /** Brings the canvas to the document: nodes, connections and positions. */
    void show(DocumentState state) {
        NetworkSpec spec = state.spec();
        if (spec != shownSpec) {
            showSpec(spec, state.layout());
            shownSpec = spec;
        }
        if (state.layout() != shownLayout) {
            showLayout(state.layout());
            shownLayout = state.layout();
        }
    }

    /** Shows the analysis on the cards whose result changed. */
    void show(AnalysisReport report) {
        if (report == shownReport) {
            return;
        }
        shownReport = report;
        for (NodeCard card : cards.values()) {
            updateResult(card);
        }
    }

    private void updateResult(NodeCard card) {
        NodeResult r = shownReport == null ? null : shownReport.result(card.nodeId()).orElse(null);
        if (r != null && !r.kind().equals(card.node().kind())) {
            r = null; // the report is of an older version of the spec
        }
        if (!NodeCard.sameResult(r, card.result()) || card.result() == null) {
            card.setResult(r);
        }
    }

    private void showSpec(NetworkSpec spec, Map<String, NodePosition> layout) {
        boolean sameIds = shownSpec != null && spec.hasSameNodeIdsAs(shownSpec);
        if (!sameIds) {
            List<String> gone = cards.keySet().stream().filter(id -> !spec.contains(id)).toList();
            gone.forEach(this::removeCard);
        }
        List<Node> changed = new ArrayList<>();
        List<NodeCard> added = new ArrayList<>();
        for (Node n : spec.nodes()) {
            NodeCard card = cards.get(n.id());
            if (card == null) {
                card = new NodeCard(n, kinds.find(n.kind()).orElse(null));
                card.setSelected(selected.test(n.id()));
                NodePosition at = layout.get(n.id());
                if (at != null) {
                    card.moveTo(at.x(), at.y());
                }
                cards.put(n.id(), card);
                added.add(card);
                changed.add(n);
                NodeCard c = card;
                card.layoutXProperty().addListener((o, a, b) -> redrawEdgesOf(c.nodeId()));
                card.layoutYProperty().addListener((o, a, b) -> redrawEdgesOf(c.nodeId()));
                card.heightProperty().addListener((o, a, b) -> redrawEdgesOf(c.nodeId()));
            } else if (card.node() != n) {
                if (!card.node().equals(n)) {
                    card.setNode(n, kinds.find(n.kind()).orElse(null));
                }
                changed.add(n);
            }
        }
        cardLayer.getChildren().addAll(added);
        added.forEach(this::updateResult);
        if (sameIds) {
            changed.forEach(n -> showInputs(n, spec));
        } else {
            showAllEdges(spec);
        }
    }

    private void removeCard(String id) {
        NodeCard card = cards.remove(id);
        cardLayer.getChildren().remove(card);
        Set<EdgeView> touching = edgesOf.remove(id);
        if (touching != null) {
            new ArrayList<>(touching).forEach(this::removeEdge);
        }
    }

    /** Makes the edges into {@code n} those of its inputs that exist. */
    private void showInputs(Node n, NetworkSpec spec) {
        Set<String> wanted = new HashSet<>();
        for (String in : n.inputs()) {
            if (spec.contains(in) && !in.equals(n.id())) {
                wanted.add(EdgeView.key(in, n.id()));
                addEdge(in, n.id());
            }
        }
        Set<EdgeView> touching = edgesOf.get(n.id());
        if (touching != null) {
            for (EdgeView e : new ArrayList<>(touching)) {
                if (e.to().equals(n.id()) && !wanted.contains(e.key())) {
                    removeEdge(e);
                }
            }
        }
    }

    private void showAllEdges(NetworkSpec spec) {
        Set<String> wanted = new LinkedHashSet<>();
        List<EdgeView> added = new ArrayList<>();
        for (Node n : spec.nodes()) {
            for (String in : n.inputs()) {
                if (spec.contains(in) && !in.equals(n.id()) && wanted.add(EdgeView.key(in, n.id()))) {
                    EdgeView e = createEdge(in, n.id());
                    if (e != null) {
                        added.add(e);
                    }
                }
            }
        }
        List<EdgeView> stale = edges.values().stream().filter(e -> !wanted.contains(e.key())).toList();
        stale.forEach(this::removeEdge);
        edgeLayer.getChildren().addAll(added);
    }

    private void addEdge(String from, String to) {
        EdgeView e = createEdge(from, to);
        if (e != null) {
            edgeLayer.getChildren().add(e);
        }
    }

    /** A new edge, registered but not yet in the scene; null when it exists already. */
    private EdgeView createEdge(String from, String to) {
        String key = EdgeView.key(from, to);
        if (edges.containsKey(key)) {
            return null;
        }
        EdgeView e = new EdgeView(from, to);
        edges.put(key, e);
        edgesOf.computeIfAbsent(from, k -> new HashSet<>()).add(e);
        edgesOf.computeIfAbsent(to, k -> new HashSet<>()).add(e);
        redraw(e);
        return e;
    }

    private void removeEdge(EdgeView e) {
        edges.remove(e.key());
        edgeLayer.getChildren().remove(e);
        for (String end : List.of(e.from(), e.to())) {
            Set<EdgeView> set = edgesOf.get(end);
            if (set != null) {
                set.remove(e);
            }
        }
    }

    private void showLayout(Map<String, NodePosition> layout) {
        for (Map.Entry<String, NodePosition> entry : layout.entrySet()) {
            NodeCard card = cards.get(entry.getKey());
            if (card != null) {
                card.moveTo(entry.getValue().x(), entry.getValue().y());
            }
        }
    }

    private void redrawEdgesOf(String id) {
        Set<EdgeView> touching = edgesOf.get(id);
        if (touching != null) {
            touching.forEach(this::redraw);
        }
    }

    private void redraw(EdgeView e) {
        NodeCard source = cards.get(e.from());
        NodeCard target = cards.get(e.to());
        if (source != null && target != null) {
            e.update(source.outputPoint(), target.inputPoint());
        }
    }
}
