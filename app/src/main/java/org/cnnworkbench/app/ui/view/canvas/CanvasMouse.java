package org.cnnworkbench.app.ui.view.canvas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import org.cnnworkbench.engine.io.NodePosition;

/**
 * What the mouse does on the canvas: select (click, Ctrl/Shift-click, rubber band), move the selected cards
 * (one undoable change per drag), connect by dragging from an output port, pan (middle or right button, or
 * the left button with Space held) and zoom with the wheel. One set of handlers on the canvas serves all
 * cards, so that a card costs no listeners.
 */
final class CanvasMouse {

    private enum Mode { NONE, PAN, MOVE, RUBBER_BAND, CONNECT }

    private final GraphCanvasView canvas;
    private final Viewport viewport;
    private final Rectangle rubberBand = new Rectangle();
    private final CubicCurve pendingEdge = new CubicCurve();
    private Mode mode = Mode.NONE;
    private boolean spaceDown;
    private Point2D pressView;
    private Point2D lastView;
    private final Map<NodeCard, Point2D> moveStart = new HashMap<>();
    private boolean narrowOnRelease;
    private NodeCard pressedCard;
    private NodeCard connectTarget;
    private ContextMenu edgeMenu;

    CanvasMouse(GraphCanvasView canvas, Viewport viewport, Group overlay) {
        this.canvas = canvas;
        this.viewport = viewport;
        rubberBand.getStyleClass().add("rubber-band");
        rubberBand.setManaged(false);
        rubberBand.setVisible(false);
        rubberBand.setMouseTransparent(true);
        pendingEdge.getStyleClass().add("pending-edge");
        pendingEdge.setFill(null);
        pendingEdge.setMouseTransparent(true);
        pendingEdge.setVisible(false);
        overlay.getChildren().add(pendingEdge);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        canvas.addEventHandler(ZoomEvent.ZOOM, e -> {
            viewport.zoomBy(e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, e -> setSpace(e, true));
        canvas.addEventHandler(KeyEvent.KEY_RELEASED, e -> setSpace(e, false));
    }

    /** The rubber band rectangle, drawn in view coordinates above the cards. */
    Rectangle rubberBand() {
        return rubberBand;
    }

    private void setSpace(KeyEvent e, boolean down) {
        if (e.getCode() == KeyCode.SPACE) {
            spaceDown = down;
            canvas.setCursor(down ? Cursor.OPEN_HAND : Cursor.DEFAULT);
            e.consume();
        }
    }

    private void pressed(MouseEvent e) {
        canvas.requestFocus();
        pressView = lastView = new Point2D(e.getX(), e.getY());
        Object hit = canvas.itemAt(e.getPickResult().getIntersectedNode());
        if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.SECONDARY && !(hit instanceof EdgeView))
                || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            mode = Mode.PAN;
            canvas.setCursor(Cursor.CLOSED_HAND);
        } else if (e.getButton() != MouseButton.PRIMARY) {
            mode = Mode.NONE;
        } else if (hit instanceof PortHit port && port.output()) {
            startConnect(port.card());
        } else if (hit instanceof NodeCard card || hit instanceof PortHit) {
            startMove(hit instanceof NodeCard c ? c : ((PortHit) hit).card(), e);
        } else if (hit instanceof EdgeView edge) {
            canvas.selectEdge(edge);
            mode = Mode.NONE;
        } else {
            if (!e.isShortcutDown() && !e.isShiftDown()) {
                canvas.selection().clear();
            }
            canvas.selectEdge(null);
            mode = Mode.RUBBER_BAND;
            updateRubberBand(pressView);
            rubberBand.setVisible(true);
        }
        e.consume();
    }

    private void startMove(NodeCard card, MouseEvent e) {
        String id = card.nodeId();
        var selection = canvas.vm().selection();
        canvas.selectEdge(null);
        narrowOnRelease = false;
        if (e.isShortcutDown() || e.isShiftDown()) {
            canvas.selection().toggle(id);
        } else if (!selection.contains(id)) {
            canvas.selection().replace(List.of(id));
        } else {
            narrowOnRelease = selection.size() > 1;
        }
        moveStart.clear();
        for (String selected : selection) {
            NodeCard c = canvas.cardFor(selected);
            if (c != null) {
                moveStart.put(c, new Point2D(c.getLayoutX(), c.getLayoutY()));
            }
        }
        pressedCard = card;
        mode = moveStart.isEmpty() ? Mode.NONE : Mode.MOVE;
    }

    private void startConnect(NodeCard source) {
        pressedCard = source;
        mode = Mode.CONNECT;
        Point2D start = source.outputPoint();
        updatePendingEdge(start, start);
        pendingEdge.setVisible(true);
    }

    private void dragged(MouseEvent e) {
        Point2D view = new Point2D(e.getX(), e.getY());
        switch (mode) {
            case PAN -> viewport.panBy(view.getX() - lastView.getX(), view.getY() - lastView.getY());
            case MOVE -> {
                double dx = (view.getX() - pressView.getX()) / viewport.zoom();
                double dy = (view.getY() - pressView.getY()) / viewport.zoom();
                moveStart.forEach((card, start) -> card.moveTo(start.getX() + dx, start.getY() + dy));
            }
            case RUBBER_BAND -> updateRubberBand(view);
            case CONNECT -> {
                Point2D end = viewport.toCanvas(view.getX(), view.getY());
                updatePendingEdge(pressedCard.outputPoint(), end);
                NodeCard target = canvas.cardAt(end.getX(), end.getY());
                setConnectTarget(target == pressedCard ? null : target);
            }
            default -> { }
        }
        lastView = view;
        e.consume();
    }

    private void released(MouseEvent e) {
        Point2D view = new Point2D(e.getX(), e.getY());
        switch (mode) {
            case MOVE -> finishMove();
            case RUBBER_BAND -> {
                rubberBand.setVisible(false);
                Point2D a = viewport.toCanvas(pressView.getX(), pressView.getY());
                Point2D b = viewport.toCanvas(view.getX(), view.getY());
                canvas.selection().inRectangle(Math.min(a.getX(), b.getX()), Math.min(a.getY(), b.getY()),
                        Math.max(a.getX(), b.getX()), Math.max(a.getY(), b.getY()), e.isShortcutDown() || e.isShiftDown());
            }
            case CONNECT -> {
                pendingEdge.setVisible(false);
                NodeCard target = connectTarget;
                setConnectTarget(null);
                if (target != null) {
                    canvas.connect(pressedCard.nodeId(), target.nodeId());
                }
            }
            default -> { }
        }
        if (mode == Mode.PAN) {
            canvas.setCursor(spaceDown ? Cursor.OPEN_HAND : Cursor.DEFAULT);
        }
        mode = Mode.NONE;
        pressedCard = null;
        e.consume();
    }

    private void finishMove() {
        Map<String, NodePosition> moved = new HashMap<>();
        moveStart.forEach((card, start) -> {
            if (card.getLayoutX() != start.getX() || card.getLayoutY() != start.getY()) {
                moved.put(card.nodeId(), new NodePosition(card.getLayoutX(), card.getLayoutY()));
            }
        });
        moveStart.clear();
        if (!moved.isEmpty()) {
            canvas.moveNodes(moved);
        } else if (narrowOnRelease && pressedCard != null) {
            canvas.selection().replace(List.of(pressedCard.nodeId()));
        }
    }

    private void clicked(MouseEvent e) {
        if (e.getButton() == MouseButton.SECONDARY && e.isStillSincePress()
                && canvas.itemAt(e.getPickResult().getIntersectedNode()) instanceof EdgeView edge) {
            showEdgeMenu(edge, e.getScreenX(), e.getScreenY());
        }
        e.consume();
    }

    private void showEdgeMenu(EdgeView edge, double screenX, double screenY) {
        if (edgeMenu != null) {
            edgeMenu.hide();
        }
        MenuItem disconnect = new MenuItem("Disconnect " + edge.from() + " \u2192 " + edge.to());
        disconnect.setOnAction(a -> canvas.disconnect(edge.from(), edge.to()));
        edgeMenu = new ContextMenu(disconnect);
        edgeMenu.show(canvas, screenX, screenY);
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() != 0) {
            viewport.zoomBy(Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
        }
        e.consume();
    }

    private void updateRubberBand(Point2D to) {
        rubberBand.setX(Math.min(pressView.getX(), to.getX()));
        rubberBand.setY(Math.min(pressView.getY(), to.getY()));
        rubberBand.setWidth(Math.abs(to.getX() - pressView.getX()));
        rubberBand.setHeight(Math.abs(to.getY() - pressView.getY()));
    }

    private void updatePendingEdge(Point2D start, Point2D end) {
        double bend = Math.max(30, Math.abs(end.getY() - start.getY()) / 2);
        pendingEdge.setStartX(start.getX());
        pendingEdge.setStartY(start.getY());
        pendingEdge.setControlX1(start.getX());
        pendingEdge.setControlY1(start.getY() + bend);
        pendingEdge.setControlX2(end.getX());
        pendingEdge.setControlY2(end.getY() - bend);
        pendingEdge.setEndX(end.getX());
        pendingEdge.setEndY(end.getY());
    }

    private void setConnectTarget(NodeCard target) {
        if (target == connectTarget) {
            return;
        }
        if (connectTarget != null) {
            connectTarget.getStyleClass().remove("node-card-connect-target");
        }
        connectTarget = target;
        if (target != null) {
            target.getStyleClass().add("node-card-connect-target");
        }
    }

    /** A press on a card's port. */
    record PortHit(NodeCard card, boolean output) {
    }
}
