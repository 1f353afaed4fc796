package org.cnnworkbench.app.ui.view.canvas;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;

/**
 * The canvas side of the view model's selection: marks the selected cards, changes the selection on clicks
 * and rubber bands, and brings a card into view when it was selected elsewhere (e.g. in the layer table) but
 * not when the user selected it on the canvas, where it is already in sight.
 */
final class CanvasSelection {

    private final ObservableSet<String> selection;
    private final GraphSync sync;
    private final Predicate<NodeCard> inView;
    private final Consumer<String> reveal;
    private boolean selectingHere;

    CanvasSelection(ObservableSet<String> selection, GraphSync sync, Predicate<NodeCard> inView,
                    Consumer<String> reveal) {
        this.selection = selection;
        this.sync = sync;
        this.inView = inView;
        this.reveal = reveal;
        selection.addListener(this::changed);
    }

    /** Selects exactly these nodes. */
    void replace(Collection<String> ids) {
        here(() -> {
            selection.retainAll(Set.copyOf(ids));
            selection.addAll(ids);
        });
    }

    /** Adds the node to the selection or removes it (Ctrl/Shift-click). */
    void toggle(String id) {
        here(() -> {
            if (!selection.remove(id)) {
                selection.add(id);
            }
        });
    }

    void clear() {
        here(selection::clear);
    }

    /** Selects the cards that the canvas rectangle touches, adding them to the selection with {@code add}. */
    void inRectangle(double x0, double y0, double x1, double y1, boolean add) {
        Bounds band = new BoundingBox(x0, y0, x1 - x0, y1 - y0);
        List<String> hit = sync.cards().stream().filter(c -> band.intersects(c.getLayoutX(), c.getLayoutY(),
                NodeCard.WIDTH, c.cardHeight())).map(NodeCard::nodeId).toList();
        if (add) {
            here(() -> selection.addAll(hit));
        } else {
            replace(hit);
        }
    }

    private void here(Runnable change) {
        selectingHere = true;
        try {
            change.run();
        } finally {
            selectingHere = false;
        }
    }

    private void changed(SetChangeListener.Change<? extends String> change) {
        NodeCard card = sync.card(change.wasAdded() ? change.getElementAdded() : change.getElementRemoved());
        if (card == null) {
            return;
        }
        card.setSelected(change.wasAdded());
        if (change.wasAdded() && !selectingHere && selection.size() == 1 && !inView.test(card)) {
            reveal.accept(card.nodeId());
        }
    }
}
