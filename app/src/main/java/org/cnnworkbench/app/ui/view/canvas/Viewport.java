package org.cnnworkbench.app.ui.view.canvas;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * Pan and zoom of the canvas: view = canvas * zoom + pan. Applied as transforms to the group that holds the
 * cards and edges, so that panning and zooming never touch the cards themselves.
 */
final class Viewport {

    static final double MIN_ZOOM = 0.1;
    static final double MAX_ZOOM = 4;
    /** Zoom-to-fit does not magnify beyond this, so that a small graph is not blown up. */
    static final double MAX_FIT_ZOOM = 1.25;

    private final Translate pan = new Translate();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(1);

    Viewport(Node world) {
        world.getTransforms().setAll(pan, scale);
    }

    double zoom() {
        return zoom.get();
    }

    ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    /** Sets the zoom, keeping the canvas point under the view point {@code (pivotX, pivotY)} where it is. */
    void zoomTo(double newZoom, double pivotX, double pivotY) {
        double z = clamp(newZoom);
        Point2D fixed = toCanvas(pivotX, pivotY);
        setZoom(z);
        pan.setX(pivotX - fixed.getX() * z);
        pan.setY(pivotY - fixed.getY() * z);
    }

    void zoomBy(double factor, double pivotX, double pivotY) {
        zoomTo(zoom() * factor, pivotX, pivotY);
    }

    void panBy(double dx, double dy) {
        pan.setX(pan.getX() + dx);
        pan.setY(pan.getY() + dy);
    }

    /** Shows the canvas rectangle {@code content} centred in a view of the given size, with a margin. */
    void fit(Bounds content, double viewWidth, double viewHeight, double margin) {
        double w = Math.max(1, viewWidth - 2 * margin);
        double h = Math.max(1, viewHeight - 2 * margin);
        double z = clamp(Math.min(MAX_FIT_ZOOM, Math.min(w / Math.max(1, content.getWidth()),
                h / Math.max(1, content.getHeight()))));
        setZoom(z);
        centreOn(content.getCenterX(), content.getCenterY(), viewWidth, viewHeight);
    }

    /** Pans so that the canvas point is in the middle of the view. */
    void centreOn(double canvasX, double canvasY, double viewWidth, double viewHeight) {
        pan.setX(viewWidth / 2 - canvasX * zoom());
        pan.setY(viewHeight / 2 - canvasY * zoom());
    }

    Point2D toCanvas(double viewX, double viewY) {
        return new Point2D((viewX - pan.getX()) / zoom(), (viewY - pan.getY()) / zoom());
    }

    Point2D toView(double canvasX, double canvasY) {
        return new Point2D(canvasX * zoom() + pan.getX(), canvasY * zoom() + pan.getY());
    }

    private void setZoom(double z) {
        scale.setX(z);
        scale.setY(z);
        zoom.set(z);
    }

    private static double clamp(double z) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    }
}
