package org.cnnworkbench.app.ui.view;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.cnnworkbench.app.ui.viewmodel.CompareViewModel;
import org.cnnworkbench.app.ui.viewmodel.CompareViewModel.ChangedRow;
import org.cnnworkbench.app.ui.viewmodel.CompareViewModel.MetricRow;
import org.cnnworkbench.engine.analysis.AnalysisReport;

/**
 * Two networks side by side (docs/whatif.md): their totals and the ratios b/a, the change type with its
 * explanation, and a table of the layers that changed. Everything shown comes from a {@link CompareViewModel}.
 */
public final class CompareView extends BorderPane {

    private final CompareViewModel model;

    public CompareView(AnalysisReport a, AnalysisReport b) {
        this(new CompareViewModel(a, b));
    }

    public CompareView(CompareViewModel model) {
        this.model = model;
        setId("compare-view");
        setPadding(new Insets(10));

        Label type = new Label(model.typeText().isEmpty() ? "" : "Change: " + model.typeText());
        type.setId("compare-type");
        type.setStyle("-fx-font-weight: bold;");
        Label explanation = new Label(model.explanation());
        explanation.setId("compare-explanation");
        explanation.setWrapText(true);
        Label affected = new Label("Affected layers: " + model.affectedText());
        affected.setId("compare-affected");
        affected.setWrapText(true);
        VBox top = new VBox(6, totals(), type, explanation, affected);
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);
        setCenter(changedLayers());
    }

    public CompareViewModel model() {
        return model;
    }

    /**
     * Opens the comparison of {@code a} and {@code b} in its own window titled "Compare a and b".
     *
     * @param owner the window it belongs to, or null
     */
    public static Stage showWindow(Window owner, AnalysisReport a, AnalysisReport b) {
        CompareView view = new CompareView(a, b);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(view.model.title());
        stage.setScene(new Scene(view, 860, 600));
        stage.show();
        return stage;
    }

    private GridPane totals() {
        GridPane grid = new GridPane();
        grid.setId("compare-totals");
        grid.setHgap(16);
        grid.setVgap(4);
        String[] header = {"", "a: " + model.nameA(), "b: " + model.nameB(), "b/a"};
        for (int c = 0; c < header.length; c++) {
            Label h = new Label(header[c]);
            h.setStyle("-fx-font-weight: bold;");
            grid.add(h, c, 0);
        }
        List<MetricRow> rows = model.totals();
        String[] keys = {"output", "activations", "params", "macs", "model", "compressed"};
        for (int r = 0; r < rows.size(); r++) {
            MetricRow row = rows.get(r);
            grid.add(new Label(row.label()), 0, r + 1);
            grid.add(new Label(row.a()), 1, r + 1);
            grid.add(new Label(row.b()), 2, r + 1);
            Label ratio = new Label(row.ratio());
            ratio.setId("ratio-" + keys[r]);
            grid.add(ratio, 3, r + 1);
        }
        for (int c = 0; c < header.length; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHalignment(c == 0 ? HPos.LEFT : HPos.RIGHT);
            grid.getColumnConstraints().add(cc);
        }
        return grid;
    }

    private TableView<ChangedRow> changedLayers() {
        TableView<ChangedRow> table = new TableView<>();
        table.setId("compare-layers");
        table.setPlaceholder(new Label(model.error() != null ? model.error() : "No layer changed"));
        table.getColumns().addAll(List.of(
                column("Layer", ChangedRow::id), column("Kind", ChangedRow::kind),
                column("Change", ChangedRow::change), column("Output a", ChangedRow::outputA),
                column("Output b", ChangedRow::outputB), column("Params a", ChangedRow::paramsA),
                column("Params b", ChangedRow::paramsB), column("MACs a", ChangedRow::macsA),
                column("MACs b", ChangedRow::macsB)));
        table.getItems().setAll(model.changedLayers());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        return table;
    }

    private static TableColumn<ChangedRow, String> column(String title, Function<ChangedRow, String> value) {
        TableColumn<ChangedRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }
}
