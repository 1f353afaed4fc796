package org.cnnworkbench.app.ui.view;

import java.util.List;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.cnnworkbench.app.ui.viewmodel.PaletteViewModel;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.kinds.Category;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.controlsfx.control.textfield.TextFields;

/**
 * Every registered kind, grouped by category and narrowed by a search field. Dragging a kind starts a copy
 * drag carrying {@link DragFormats#kind}; the canvas creates the node where it is dropped.
 */
public final class PaletteView extends VBox {

    private final PaletteViewModel viewModel;
    private final TreeView<Object> tree = new TreeView<>(new TreeItem<>("kinds"));

    public PaletteView(WorkbenchViewModel vm) {
        this(new PaletteViewModel(vm.analyzer().kinds().units()));
    }

    public PaletteView(PaletteViewModel viewModel) {
        this.viewModel = viewModel;
        setId("palette");
        getStyleClass().add("palette");
        TextField search = TextFields.createClearableTextField();
        search.setId("palette-search");
        search.setPromptText("Search kinds");
        search.textProperty().bindBidirectional(viewModel.filter());

        tree.setShowRoot(false);
        tree.setCellFactory(t -> new KindCell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        getChildren().addAll(search, tree);

        viewModel.groups().addListener((o, a, groups) -> show(groups));
        show(viewModel.groups().get());
    }

    public PaletteViewModel viewModel() {
        return viewModel;
    }

    private void show(List<PaletteViewModel.Group> groups) {
        TreeItem<Object> root = tree.getRoot();
        root.getChildren().clear();
        for (PaletteViewModel.Group g : groups) {
            TreeItem<Object> category = new TreeItem<>(g.category());
            category.setExpanded(true);
            g.kinds().forEach(k -> category.getChildren().add(new TreeItem<>(k)));
            root.getChildren().add(category);
        }
    }

    /** A category header or a draggable kind. */
    private static final class KindCell extends TreeCell<Object> {

        KindCell() {
            setOnDragDetected(e -> {
                if (getItem() instanceof LayerKind kind) {
                    Dragboard board = startDragAndDrop(TransferMode.COPY);
                    ClipboardContent content = new ClipboardContent();
                    content.putString(DragFormats.kind(kind.name()));
                    board.setContent(content);
                    e.consume();
                }
            });
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("palette-category", "palette-kind");
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
            } else if (item instanceof Category c) {
                setText(c.label());
                setTooltip(null);
                getStyleClass().add("palette-category");
            } else if (item instanceof LayerKind k) {
                setText(k.palette().label());
                setTooltip(new Tooltip(k.name() + ": " + k.descriptor().description()
                        + (k.isBuiltIn() ? "" : "\nFrom the plugin " + k.plugin())));
                getStyleClass().add("palette-kind");
            }
        }
    }
}
