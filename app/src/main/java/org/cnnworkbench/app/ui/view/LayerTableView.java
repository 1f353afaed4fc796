package org.cnnworkbench.app.ui.view;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.cnnworkbench.app.ui.viewmodel.Formats;
import org.cnnworkbench.app.ui.viewmodel.LayerRow;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;

/**
 * One row per node with its output shape, parameters, MACs, activations and shares of the totals; sortable,
 * with the selection kept in step with the workbench's (both ways). Rows of nodes with an error or blocked by
 * one are styled {@code layer-error} / {@code layer-blocked}.
 */
public final class LayerTableView extends TableView<LayerRow> {

    private final WorkbenchViewModel vm;
    /** Set while the table follows the workbench selection, so that the change is not sent back. */
    private boolean syncing;
    /** Set while the rows are replaced or re-sorted: the table's selection is rebuilt afterwards. */
    private boolean replacing;

    public LayerTableView(WorkbenchViewModel vm) {
        this.vm = vm;
        setId("layer-table");
        getStyleClass().add("layer-table");
        setPlaceholder(new Label("No layers"));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);

        SortedList<LayerRow> sorted = new SortedList<>(vm.layers());
        sorted.comparatorProperty().bind(comparatorProperty());
        // Registered before and after the table's own listener: see 'replacing'.
        sorted.addListener((ListChangeListener<LayerRow>) c -> replacing = true);
        setItems(sorted);
        sorted.addListener((ListChangeListener<LayerRow>) c -> {
            replacing = false;
            showSelection();
        });

        getColumns().addAll(List.of(
                text("id", LayerRow::id), text("kind", LayerRow::kind), text("output", LayerRow::output),
                count("params", LayerRow::params), count("MACs", LayerRow::macs),
                count("activations", LayerRow::activations),
                share("% params", LayerRow::paramShare), share("% MACs", LayerRow::macShare)));
        setRowFactory(t -> new StatusRow());

        getSelectionModel().getSelectedItems().addListener((ListChangeListener<LayerRow>) c -> sendSelection());
        vm.selection().addListener((SetChangeListener<String>) c -> showSelection());
        showSelection();
    }

    private void sendSelection() {
        if (syncing || replacing) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        getSelectionModel().getSelectedItems().forEach(r -> {
            if (r != null) {
                ids.add(r.id());
            }
        });
        if (ids.equals(Set.copyOf(vm.selection()))) {
            return;
        }
        syncing = true;
        try {
            vm.selection().retainAll(ids);
            vm.selection().addAll(ids);
        } finally {
            syncing = false;
        }
    }

    private void showSelection() {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            getSelectionModel().clearSelection();
            int[] rows = IntStream.range(0, getItems().size())
                    .filter(i -> vm.selection().contains(getItems().get(i).id())).toArray();
            if (rows.length > 0) {
                getSelectionModel().selectIndices(rows[0], rows);
                if (rows.length == 1) {
                    scrollTo(rows[0]);
                }
            }
        } finally {
            syncing = false;
        }
    }

    private static TableColumn<LayerRow, String> text(String title, Function<LayerRow, String> value) {
        TableColumn<LayerRow, String> column = column(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }

    private static TableColumn<LayerRow, Long> count(String title, Function<LayerRow, Long> value) {
        TableColumn<LayerRow, Long> column = column(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new NumberCell<>(Formats::count));
        return column;
    }

    private static TableColumn<LayerRow, Double> share(String title, Function<LayerRow, Double> value) {
        TableColumn<LayerRow, Double> column = column(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new NumberCell<>(Formats::percent));
        return column;
    }

    private static <T> TableColumn<LayerRow, T> column(String title) {
        TableColumn<LayerRow, T> column = new TableColumn<>(title);
        column.setId("col-" + title.replace("% ", "share-").replace(' ', '-').toLowerCase());
        return column;
    }

    /** A right-aligned number; "-" for a node that could not be computed (its counts are unknown, not zero). */
    private static final class NumberCell<T> extends TableCell<LayerRow, T> {
        private final Function<T, String> format;

        NumberCell(Function<T, String> format) {
            this.format = format;
            getStyleClass().add("numeric-cell");
        }

        @Override
        protected void updateItem(T value, boolean empty) {
            super.updateItem(value, empty);
            LayerRow row = getTableRow() == null ? null : getTableRow().getItem();
            if (empty || value == null) {
                setText(null);
            } else {
                setText(row != null && !"ok".equals(row.status()) ? "-" : format.apply(value));
            }
        }
    }

    /** Marks rows of nodes that could not be computed. */
    private static final class StatusRow extends TableRow<LayerRow> {
        @Override
        protected void updateItem(LayerRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll("layer-error", "layer-blocked");
            if (!empty && row != null && !"ok".equals(row.status())) {
                getStyleClass().add("layer-" + row.status());
            }
        }
    }
}
