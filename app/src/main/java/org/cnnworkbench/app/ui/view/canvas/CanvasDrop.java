package org.cnnworkbench.app.ui.view.canvas;

import javafx.geometry.Point2D;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import org.cnnworkbench.app.ui.view.DragFormats;

/**
 * The canvas as a drop target for palette items ({@code kind:<name>} on the dragboard): dropping on the
 * background adds a node there, dropping on an edge inserts the node into that edge. The edge under the
 * pointer is highlighted while dragging.
 */
final class CanvasDrop {

    private final GraphCanvasView canvas;
    private EdgeView highlighted;

    CanvasDrop(GraphCanvasView canvas) {
        this.canvas = canvas;
        canvas.addEventHandler(DragEvent.DRAG_OVER, this::over);
        canvas.addEventHandler(DragEvent.DRAG_EXITED, e -> highlight(null));
        canvas.addEventHandler(DragEvent.DRAG_DROPPED, this::dropped);
    }

    private String kindOf(Dragboard board) {
        String kind = board.hasString() ? DragFormats.kindOf(board.getString()) : null;
        return kind != null && canvas.vm().analyzer().kinds().find(kind).isPresent() ? kind : null;
    }

    private void over(DragEvent e) {
        if (kindOf(e.getDragboard()) != null) {
            e.acceptTransferModes(TransferMode.COPY);
            Point2D at = canvas.sceneToCanvas(e.getSceneX(), e.getSceneY());
            highlight(canvas.edgeAt(at.getX(), at.getY()));
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        String kind = kindOf(e.getDragboard());
        highlight(null);
        if (kind != null) {
            Point2D at = canvas.sceneToCanvas(e.getSceneX(), e.getSceneY());
            canvas.dropKind(kind, at.getX(), at.getY());
            canvas.requestFocus();
        }
        e.setDropCompleted(kind != null);
        e.consume();
    }

    private void highlight(EdgeView edge) {
        if (edge == highlighted) {
            return;
        }
        if (highlighted != null) {
            highlighted.setHighlighted(false);
        }
        highlighted = edge;
        if (edge != null) {
            edge.setHighlighted(true);
        }
    }
}
