package org.cnnworkbench.app.ui.view;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
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
 *
 * <p>Each line is a {@link Line} that keeps its identity while the network keeps its nodes: an edit puts the new
 * {@link LayerRow} into the lines in place, and only the cells whose text changes are touched. (A new item in the
 * table's list made TableView restyle and lay out every visible cell again: most of an edit's time on screen,
 * README "Edit to screen".)
 */
public final class LayerTableView extends TableView<LayerTableView.Line> {

    /** One line of the table: a node's current {@link LayerRow}, replaced in place when an edit changes it. */
    public static final class Line {
        private final ReadOnlyObjectWrapper<LayerRow> row;

        Line(LayerRow row) {
            this.row = new ReadOnlyObjectWrapper<>(row);
        }

        public LayerRow row() {
            return row.get();
        }

        public ReadOnlyObjectProperty<LayerRow> rowProperty() {
            return row.getReadOnlyProperty();
        }

        public String id() {
            return row.get().id();
        }
    }

    private final WorkbenchViewModel vm;
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    /** The view model's rows, held here: the list it hands out listens to its own source only weakly. */
    private final ObservableList<LayerRow> rows;
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

        rows = vm.layers();
        follow();
        rows.addListener((ListChangeListener<LayerRow>) c -> follow());
        SortedList<Line> sorted = new SortedList<>(lines);
        sorted.comparatorProperty().bind(comparatorProperty());
        // Registered before and after the table's own listener: see 'replacing'.
        sorted.addListener((ListChangeListener<Line>) c -> replacing = true);
        setItems(sorted);
        sorted.addListener((ListChangeListener<Line>) c -> {
            replacing = false;
            showSelection();
        });

        getColumns().addAll(List.of(
                text("id", LayerRow::id), text("kind", LayerRow::kind), text("output", LayerRow::output),
                count("params", LayerRow::params), count("MACs", LayerRow::macs),
                count("activations", LayerRow::activations),
                share("% params", LayerRow::paramShare), share("% MACs", LayerRow::macShare)));
        setRowFactory(t -> new StatusRow());

        getSelectionModel().getSelectedItems().addListener((ListChangeListener<Line>) c -> sendSelection());
        vm.selection().addListener((SetChangeListener<String>) c -> showSelection());
        showSelection();
    }

    /**
     * Brings the lines to the view model's rows: in place while the nodes are the same, in the same order;
     * otherwise anew. A sorted table is sorted again when values changed.
     */
    private void follow() {
        List<LayerRow> fresh = rows;
        boolean sameNodes = fresh.size() == lines.size()
                && IntStream.range(0, fresh.size()).allMatch(i -> lines.get(i).id().equals(fresh.get(i).id()));
        if (!sameNodes) {
            lines.setAll(fresh.stream().map(Line::new).toList());
            return;
        }
        boolean changed = false;
        for (int i = 0; i < fresh.size(); i++) {
            if (!lines.get(i).row().equals(fresh.get(i))) {
                lines.get(i).row.set(fresh.get(i));
                changed = true;
            }
        }
        if (changed && !getSortOrder().isEmpty()) {
            lines.setAll(List.copyOf(lines));   // the same lines: the sorted view orders them by the new values
        }
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

    private static TableColumn<Line, LayerRow> text(String title, Function<LayerRow, String> value) {
        TableColumn<Line, LayerRow> column = column(title, value);
        column.setCellFactory(c -> new FormattedCell(value, false));
        return column;
    }

    private static TableColumn<Line, LayerRow> count(String title, Function<LayerRow, Long> value) {
        TableColumn<Line, LayerRow> column = column(title, value);
        column.setCellFactory(c -> new FormattedCell(r -> Formats.count(value.apply(r)), true));
        return column;
    }

    private static TableColumn<Line, LayerRow> share(String title, Function<LayerRow, Double> value) {
        TableColumn<Line, LayerRow> column = column(title, value);
        column.setCellFactory(c -> new FormattedCell(r -> Formats.percent(value.apply(r)), true));
        return column;
    }

    /** A column whose cells follow their line's row, sorted by {@code value}. */
    private static <T extends Comparable<T>> TableColumn<Line, LayerRow> column(String title,
                                                                               Function<LayerRow, T> value) {
        TableColumn<Line, LayerRow> column = new TableColumn<>(title);
        column.setId("col-" + title.replace("% ", "share-").replace(' ', '-').toLowerCase());
        column.setCellValueFactory(c -> c.getValue().rowProperty());
        column.setComparator(Comparator.comparing(value));
        return column;
    }

    /**
     * A value of the line's row, as text; a number is right-aligned, and "-" for a node that could not be computed
     * (its counts are unknown, not zero).
     */
    private static final class FormattedCell extends TableCell<Line, LayerRow> {
        private final Function<LayerRow, String> format;
        private final boolean number;

        FormattedCell(Function<LayerRow, String> format, boolean number) {
            this.format = format;
            this.number = number;
            if (number) {
                getStyleClass().add("numeric-cell");
            }
        }

        @Override
        protected void updateItem(LayerRow row, boolean empty) {
            super.updateItem(row, empty);
            String text = empty || row == null ? null
                    : number && !"ok".equals(row.status()) ? "-" : format.apply(row);
            if (!Objects.equals(text, getText())) {
                setText(text);
            }
        }
    }

    /** Marks rows of nodes that could not be computed, also when an edit changes a line in place. */
    private static final class StatusRow extends TableRow<Line> {
        private final InvalidationListener restyle = o -> showStatus();
        private Line shown;

        @Override
        protected void updateItem(Line line, boolean empty) {
            super.updateItem(line, empty);
            if (shown != null) {
                shown.rowProperty().removeListener(restyle);
            }
            shown = empty ? null : line;
            if (shown != null) {
                shown.rowProperty().addListener(restyle);
            }
            showStatus();
        }

        private void showStatus() {
            String status = shown == null ? "ok" : shown.row().status();
            for (String s : List.of("error", "blocked")) {
                boolean on = s.equals(status);
                if (on != getStyleClass().contains("layer-" + s)) {
                    if (on) {
                        getStyleClass().add("layer-" + s);
                    } else {
                        getStyleClass().remove("layer-" + s);
                    }
                }
            }
        }
    }
}
