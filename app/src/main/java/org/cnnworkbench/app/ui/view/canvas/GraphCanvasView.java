package org.cnnworkbench.app.ui.view.canvas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.app.ui.document.Edits;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.LayerKind;

/**
 * The graph canvas: one {@link NodeCard} per node and one {@link EdgeView} per connection, laid out where the
 * document says, with pan and zoom. Edits go through the view model as undoable changes ({@link Edits});
 * the canvas then follows the document, updating only the cards and edges that changed.
 *
 * <p>Keys are bound by the main window, which calls {@link #zoomToFit()}, {@link #zoomIn()},
 * {@link #zoomOut()}, {@link #layOut(boolean)}, {@link #nudge(double, double)} and the view model's
 * selection commands. Style classes are defined in {@code workbench.css}.
 */
public final class GraphCanvasView extends Region {

    private static final double FIT_MARGIN = 40;
    private static final double ZOOM_STEP = 1.25;

    private final WorkbenchViewModel vm;
    private final Group world = new Group();
    private final Group edgeLayer = new Group();
    private final Group cardLayer = new Group();
    private final Group overlay = new Group();
    private final Viewport viewport = new Viewport(world);
    private final GraphSync sync;
    private final CanvasMouse mouse;
    private final CanvasSelection selection;
    private EdgeView selectedEdge;
    private boolean fitWhenSized;

    public GraphCanvasView(WorkbenchViewModel vm) {
        this.vm = vm;
        getStyleClass().add("graph-canvas");
        setFocusTraversable(true);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        world.setManaged(false);
        world.getChildren().addAll(edgeLayer, cardLayer, overlay);
        sync = new GraphSync(cardLayer, edgeLayer, vm.analyzer().kinds(), id -> vm.selection().contains(id));
        selection = new CanvasSelection(vm.selection(), sync, this::isVisible, this::reveal);
        mouse = new CanvasMouse(this, viewport, overlay);
        new CanvasDrop(this);
        getChildren().addAll(world, mouse.rubberBand());
        vm.document().addListener((o, before, after) -> {
            showDocument(after);
            if (isAnotherNetwork(before, after)) {
                fitWhenSized = true;
                requestLayout();
            }
        });
        vm.report().addListener((o, before, after) -> sync.show(after));
        showDocument(vm.document().get());
        sync.show(vm.report().get());
        fitWhenSized = true;
    }

    private void showDocument(DocumentState state) {
        sync.show(state);
        if (selectedEdge != null && sync.edges().stream().noneMatch(e -> e == selectedEdge)) {
            selectedEdge = null;
        }
    }

    /**
     * Whether the document now shows a different network (one was opened) rather than an edit of the same one:
     * edits never rename the network, and never replace every node at once. The main window may also call
     * {@link #zoomToFit()} itself after opening a file.
     */
    private static boolean isAnotherNetwork(DocumentState before, DocumentState after) {
        if (before == null) {
            return true;
        }
        if (before.spec() == after.spec()) {
            return false;
        }
        return !before.spec().name().equals(after.spec().name()) || (!after.spec().nodes().isEmpty()
                && after.spec().nodes().stream().noneMatch(n -> before.spec().contains(n.id())));
    }

    @Override
    protected void layoutChildren() {
        // the world and the rubber band are not managed: pan and zoom place them
        if (fitWhenSized && getWidth() > 0 && getHeight() > 0) {
            fitWhenSized = false;
            zoomToFit();
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 600;
    }

    // --- public API for the main window and tests ---

    /** The card showing node {@code id}, or null. */
    public NodeCard cardFor(String id) {
        return sync.card(id);
    }

    /** Number of cards drawn. */
    public int cardCount() {
        return sync.cards().size();
    }

    /** Number of connections drawn. */
    public int edgeCount() {
        return sync.edges().size();
    }

    /** The edge drawn for {@code from -> to}, or null. */
    public EdgeView edgeFor(String from, String to) {
        return sync.edge(from, to);
    }

    public double zoom() {
        return viewport.zoom();
    }

    public ReadOnlyDoubleProperty zoomProperty() {
        return viewport.zoomProperty();
    }

    public void zoomIn() {
        viewport.zoomBy(ZOOM_STEP, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        viewport.zoomBy(1 / ZOOM_STEP, getWidth() / 2, getHeight() / 2);
    }

    /** Sets the zoom (clamped to 0.1..4), keeping the middle of the view where it is. */
    public void setZoom(double zoom) {
        viewport.zoomTo(zoom, getWidth() / 2, getHeight() / 2);
    }

    /** Zooms and pans so that every card is visible (never magnifying beyond 125 %). */
    public void zoomToFit() {
        if (getWidth() <= 0 || getHeight() <= 0) {
            fitWhenSized = true;
            return;
        }
        Bounds content = contentBounds();
        if (content != null) {
            viewport.fit(content, getWidth(), getHeight(), FIT_MARGIN);
        }
    }

    /** Lays the graph out top to bottom; with {@code keepManual}, nodes that have a position keep it. */
    public void layOut(boolean keepManual) {
        vm.apply(Edits.autoLayout(vm.document().get(), keepManual));
    }

    /** Moves the selected nodes by (dx, dy) canvas units, as one undoable change. */
    public void nudge(double dx, double dy) {
        Map<String, NodePosition> moved = new HashMap<>();
        for (String id : vm.selection()) {
            NodePosition at = vm.document().get().position(id);
            if (at != null) {
                moved.put(id, new NodePosition(at.x() + dx, at.y() + dy));
            }
        }
        moveNodes(moved);
    }

    /** Pans so that the node's card is in the middle of the view. */
    public void reveal(String id) {
        NodeCard card = cardFor(id);
        if (card != null) {
            viewport.centreOn(card.getLayoutX() + NodeCard.WIDTH / 2, card.getLayoutY() + card.cardHeight() / 2,
                    getWidth(), getHeight());
        }
    }

    /**
     * What a palette drop does at a canvas point: inserts a node of {@code kind} into the edge there, or adds
     * it at that point; the new node is selected. Returns its id, or null for an unknown kind.
     */
    public String dropKind(String kind, double canvasX, double canvasY) {
        LayerKind descriptor = vm.analyzer().kinds().unit(kind).orElse(null);
        if (descriptor == null) {
            return null;
        }
        DocumentState state = vm.document().get();
        NodePosition at = new NodePosition(canvasX - NodeCard.WIDTH / 2, canvasY - 20);
        EdgeView edge = edgeAt(canvasX, canvasY);
        var change = edge != null ? Edits.insertOnEdge(state, descriptor, edge.from(), edge.to(), at)
                : Edits.addNode(state, descriptor, at);
        vm.apply(change);
        String id = change.after().spec().nodes().stream().map(n -> n.id()).filter(i -> !state.spec().contains(i))
                .findFirst().orElse(null);
        selection.replace(id == null ? List.of() : List.of(id));
        return id;
    }

    /** The selected connection (clicked on), or null. */
    public EdgeView selectedEdge() {
        return selectedEdge;
    }

    /** Removes the selected connection; false when none is selected. */
    public boolean disconnectSelectedEdge() {
        if (selectedEdge == null) {
            return false;
        }
        EdgeView e = selectedEdge;
        selectEdge(null);
        disconnect(e.from(), e.to());
        return true;
    }

    /** Converts a scene point to canvas units (accounting for pan and zoom). */
    public Point2D sceneToCanvas(double sceneX, double sceneY) {
        Point2D local = sceneToLocal(sceneX, sceneY);
        return viewport.toCanvas(local.getX(), local.getY());
    }

    /** Converts a canvas point to scene coordinates. */
    public Point2D canvasToScene(double canvasX, double canvasY) {
        Point2D view = viewport.toView(canvasX, canvasY);
        return localToScene(view.getX(), view.getY());
    }

    // --- used by the mouse and drop handlers ---

    WorkbenchViewModel vm() {
        return vm;
    }

    CanvasSelection selection() {
        return selection;
    }

    void connect(String from, String to) {
        vm.apply(Edits.connect(vm.document().get(), vm.analyzer().kinds(), from, to));
    }

    void disconnect(String from, String to) {
        vm.apply(Edits.disconnect(vm.document().get(), from, to));
    }

    void moveNodes(Map<String, NodePosition> positions) {
        if (!positions.isEmpty()) {
            vm.apply(Edits.move(vm.document().get(), positions));
        }
    }

    /** The card, port or edge a picked scene node belongs to, or null for the background. */
    Object itemAt(Node picked) {
        for (Node n = picked; n != null && n != this; n = n.getParent()) {
            if (n instanceof EdgeView edge) {
                return edge;
            }
            if (n instanceof NodeCard card) {
                return card;
            }
            if (n.getParent() instanceof NodeCard card && (n == card.inputPort() || n == card.outputPort())) {
                return new CanvasMouse.PortHit(card, n == card.outputPort());
            }
        }
        return null;
    }

    NodeCard cardAt(double canvasX, double canvasY) {
        NodeCard found = null;
        for (NodeCard card : sync.cards()) {
            if (card.containsCanvasPoint(canvasX, canvasY)) {
                found = card;
            }
        }
        return found;
    }

    EdgeView edgeAt(double canvasX, double canvasY) {
        for (EdgeView e : sync.edges()) {
            if (e.containsCanvasPoint(canvasX, canvasY)) {
                return e;
            }
        }
        return null;
    }

    void selectEdge(EdgeView edge) {
        if (selectedEdge != null) {
            selectedEdge.setSelected(false);
        }
        selectedEdge = edge;
        if (edge != null) {
            edge.setSelected(true);
        }
    }

    private boolean isVisible(NodeCard card) {
        Point2D topLeft = viewport.toView(card.getLayoutX(), card.getLayoutY());
        Point2D bottomRight = viewport.toView(card.getLayoutX() + NodeCard.WIDTH, card.getLayoutY() + card.cardHeight());
        return topLeft.getX() >= 0 && topLeft.getY() >= 0 && bottomRight.getX() <= getWidth()
                && bottomRight.getY() <= getHeight();
    }

    private Bounds contentBounds() {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (NodeCard c : sync.cards()) {
            minX = Math.min(minX, c.getLayoutX());
            minY = Math.min(minY, c.getLayoutY());
            maxX = Math.max(maxX, c.getLayoutX() + NodeCard.WIDTH);
            maxY = Math.max(maxY, c.getLayoutY() + c.cardHeight());
        }
        return minX > maxX ? null : new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }
}
