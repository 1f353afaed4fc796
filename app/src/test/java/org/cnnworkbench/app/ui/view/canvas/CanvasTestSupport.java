package org.cnnworkbench.app.ui.view.canvas;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import org.cnnworkbench.app.ui.testing.TestViewModels;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;

/** Shared set-up of the canvas tests: a synchronous view model with SqueezeNet open, and screen geometry. */
final class CanvasTestSupport {

    static final String STYLESHEET = "/org/cnnworkbench/app/ui/workbench.css";

    private CanvasTestSupport() {
    }

    /** A view model that analyses synchronously, with the SqueezeNet v1.0 sample open. */
    static WorkbenchViewModel squeezeNet() {
        return TestViewModels.squeezeNet();
    }

    static Scene styled(Scene scene) {
        scene.getStylesheets().add(CanvasTestSupport.class.getResource(STYLESHEET).toExternalForm());
        return scene;
    }

    static Bounds screenBounds(Node node) {
        return node.localToScreen(node.getBoundsInLocal());
    }

    static Point2D screenCentre(Node node) {
        Bounds b = screenBounds(node);
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    /** A canvas point in screen coordinates. */
    static Point2D screenOf(GraphCanvasView canvas, double canvasX, double canvasY) {
        Point2D scene = canvas.canvasToScene(canvasX, canvasY);
        Point2D local = canvas.sceneToLocal(scene);
        return canvas.localToScreen(local);
    }
}
