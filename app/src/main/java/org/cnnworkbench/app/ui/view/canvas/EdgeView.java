package org.cnnworkbench.app.ui.view.canvas;

import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Polygon;

/**
 * A connection from one card's output port to another card's input port: a cubic curve with an arrow head,
 * over a wider transparent curve that catches the mouse and palette drops.
 */
public final class EdgeView extends Group {

    /** Width of the invisible band around the curve that counts as "on the edge". */
    static final double HIT_WIDTH = 14;
    private static final double ARROW = 6;

    private final String from;
    private final String to;
    private final CubicCurve hit = new CubicCurve();
    private final CubicCurve line = new CubicCurve();
    private final Polygon arrow = new Polygon(0, 0, -ARROW, -ARROW * 1.6, ARROW, -ARROW * 1.6);

    EdgeView(String from, String to) {
        this.from = from;
        this.to = to;
        getStyleClass().add("edge");
        hit.getStyleClass().add("edge-hit");
        line.getStyleClass().add("edge-line");
        arrow.getStyleClass().add("edge-arrow");
        hit.setFill(null);
        hit.setStroke(Color.TRANSPARENT);
        hit.setStrokeWidth(HIT_WIDTH);
        line.setFill(null);
        line.setStroke(Color.GRAY);
        line.setMouseTransparent(true);
        arrow.setMouseTransparent(true);
        getChildren().addAll(hit, line, arrow);
    }

    /** Redraws the curve between two canvas points: the source's output port and the target's input port. */
    void update(Point2D start, Point2D inputPort) {
        // end at the rim of the input port, so that the arrow head is not hidden under it
        Point2D end = inputPort.subtract(0, NodeCard.PORT_RADIUS);
        double bend = Math.max(30, Math.abs(end.getY() - start.getY()) / 2);
        set(hit, start, end, bend);
        set(line, start, end, bend);
        arrow.setLayoutX(end.getX());
        arrow.setLayoutY(end.getY());
    }

    private static void set(CubicCurve c, Point2D start, Point2D end, double bend) {
        c.setStartX(start.getX());
        c.setStartY(start.getY());
        c.setControlX1(start.getX());
        c.setControlY1(start.getY() + bend);
        c.setControlX2(end.getX());
        c.setControlY2(end.getY() - bend);
        c.setEndX(end.getX());
        c.setEndY(end.getY());
    }

    /** Whether a canvas point lies on the edge's hit band. */
    boolean containsCanvasPoint(double x, double y) {
        return getBoundsInParent().contains(x, y) && hit.contains(hit.parentToLocal(parentToLocal(x, y)));
    }

    void setHighlighted(boolean on) {
        toggle("edge-drop-target", on);
    }

    void setSelected(boolean on) {
        toggle("edge-selected", on);
    }

    boolean isSelected() {
        return getStyleClass().contains("edge-selected");
    }

    private void toggle(String styleClass, boolean on) {
        if (on && !getStyleClass().contains(styleClass)) {
            getStyleClass().add(styleClass);
        } else if (!on) {
            getStyleClass().remove(styleClass);
        }
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    static String key(String from, String to) {
        return from + "\u0000" + to;
    }

    String key() {
        return key(from, to);
    }

    @Override
    public String toString() {
        return "EdgeView[" + from + " -> " + to + "]";
    }
}
