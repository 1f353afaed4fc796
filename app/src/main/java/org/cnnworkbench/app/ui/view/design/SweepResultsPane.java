package org.cnnworkbench.app.ui.view.design;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.app.ui.viewmodel.SweepCharts;
import org.cnnworkbench.app.ui.viewmodel.SweepPointRow;
import org.cnnworkbench.app.ui.viewmodel.SweepViewModel;

/**
 * The measured side of the sweep window: accuracy against the swept value (mean over seeds, the lowest and
 * highest seed dashed), accuracy against model size or MACs with the Pareto front drawn as a line, and a table
 * of the points. A click on a point selects it; a double click (or Open Network) opens its network, Show Runs its
 * training runs; a right click offers both.
 */
final class SweepResultsPane extends SplitPane {

    static final String POINTS_SERIES = "design points";
    static final String FRONT_SERIES = "Pareto front";
    private static final String Y_LABEL = "top-1 % (best epoch)";

    private final SweepViewModel model;
    private final SweepView.Actions actions;
    private final LineChart<Number, Number> accuracyChart = new LineChart<>(axis(), axis());
    private final LineChart<Number, Number> tradeoffChart = new LineChart<>(axis(), axis());
    private final TableView<SweepPointRow> table = new TableView<>();

    SweepResultsPane(SweepViewModel model, SweepView.Actions actions) {
        this.model = model;
        this.actions = actions;
        accuracyChart.setId("sweep-accuracy-chart");
        accuracyChart.setTitle("measured accuracy");
        accuracyChart.setAnimated(false);
        accuracyChart.getYAxis().setLabel(Y_LABEL);
        tradeoffChart.setId("sweep-tradeoff-chart");
        tradeoffChart.setTitle("accuracy against cost, with the Pareto front");
        tradeoffChart.getStylesheets().add(SweepResultsPane.class.getResource("sweep.css").toExternalForm());
        tradeoffChart.setAnimated(false);
        tradeoffChart.getYAxis().setLabel(Y_LABEL);
        ComboBox<SweepViewModel.Metric> cost = new ComboBox<>(FXCollections.observableArrayList(SweepViewModel.COSTS));
        cost.setId("sweep-cost");
        cost.valueProperty().bindBidirectional(model.cost());
        HBox costRow = new HBox(6, new Label("cost"), cost);
        costRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox.setVgrow(tradeoffChart, Priority.ALWAYS);
        VBox tradeoff = new VBox(4, costRow, tradeoffChart);

        getItems().addAll(tradeoff, tablePane());
        setOrientation(Orientation.HORIZONTAL);
        setDividerPositions(0.5);
        // the rows change last whenever points, accuracy or the cost change
        model.rows().addListener((javafx.collections.ListChangeListener<SweepPointRow>) c -> redraw());
        redraw();
    }

    private static NumberAxis axis() {
        NumberAxis axis = new NumberAxis();
        axis.setForceZeroInRange(false);
        return axis;
    }

    private VBox tablePane() {
        table.setId("sweep-points");
        table.setItems(model.rows());
        table.setPlaceholder(new Label("run a sweep to list its points"));
        table.getColumns().add(column("point", SweepPointRow::label, 120));
        table.getColumns().add(column("top-1", SweepPointRow::top1, 60));
        table.getColumns().add(column("front", r -> r.onFront() ? "yes" : "", 42));
        table.getColumns().add(column("params", r -> TextTable.count(r.point().params()), 80));
        table.getColumns().add(column("MACs", r -> TextTable.count(r.point().macs()), 95));
        table.getColumns().add(column("model (32-bit)", r -> TextTable.count(r.point().modelBytes32()) + " B", 100));
        table.getColumns().add(column("± sd (min – max)", SweepPointRow::spread, 140));
        table.getColumns().add(column("runs", SweepPointRow::runs, 42));
        table.setRowFactory(t -> {
            TableRow<SweepPointRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && row.getItem() != null) {
                    openNetwork(row.getItem().index());
                }
            });
            return row;
        });
        var selected = table.getSelectionModel().selectedItemProperty();
        Button open = new Button("Open Network");
        open.setId("sweep-open-network");
        open.disableProperty().bind(selected.isNull());
        open.setOnAction(e -> openNetwork(selected.get().index()));
        Button runs = new Button("Show Runs");
        runs.setId("sweep-show-runs");
        runs.disableProperty().bind(Bindings.createBooleanBinding(() -> selected.get() == null
                || !selected.get().hasRuns(), selected));
        runs.setOnAction(e -> showRuns(selected.get().index()));
        Label detail = new Label();
        detail.setId("sweep-point-detail");
        detail.setWrapText(true);
        detail.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        detail.textProperty().bind(Bindings.createStringBinding(() -> selected.get() == null ? ""
                : describe(selected.get()), selected));
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(4, table, new HBox(6, open, runs), detail);
    }

    /** The selected point in words: its metaparameters and how its seeds did. */
    private String describe(SweepPointRow r) {
        String m = model.metaparameters(r.index()).describe().replace("SqueezeNet-style network from metaparameters ",
                "");
        if (r.accuracy() == null || r.accuracy().runs().isEmpty()) {
            return r.label() + ": " + m;
        }
        String seeds = String.join(", ", r.accuracy().runs().stream().map(run -> String.format(Locale.ROOT,
                "seed %d %s at epoch %d (%s)", run.seed(), TextTable.accuracy(run.bestTop1()), run.bestEpoch(),
                run.status().toLowerCase(Locale.ROOT))).toList());
        return r.label() + ": " + seeds + ". " + m;
    }

    private static TableColumn<SweepPointRow, String> column(String title, Function<SweepPointRow, String> value,
                                                            double width) {
        TableColumn<SweepPointRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private void openNetwork(int index) {
        try {
            actions.openNetwork().accept(model.network(index));
        } catch (IllegalArgumentException e) {
            // the point generated when the sweep ran; a refusal now is a bug, shown rather than thrown
            new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR, e.getMessage()).show();
        }
    }

    private void showRuns(int index) {
        List<java.nio.file.Path> runs = model.runDirectories(index);
        if (!runs.isEmpty()) {
            actions.showRuns().accept(model.resultsFolder().resolve("runs"), runs);
        }
    }

    private void select(int index) {
        table.getSelectionModel().select(index);
        table.scrollTo(index);
    }

    void redraw() {
        accuracyChart.getData().clear();
        accuracyChart.getXAxis().setLabel(model.xParameter());
        SweepCharts.AccuracyCurves curves = model.accuracyCurves();
        addCurves(accuracyChart, curves.mean(), "");
        addCurves(accuracyChart, curves.min(), "-fx-stroke-dash-array: 4 4; -fx-stroke-width: 1px;");
        addCurves(accuracyChart, curves.max(), "-fx-stroke-dash-array: 4 4; -fx-stroke-width: 1px;");

        tradeoffChart.getData().clear();
        tradeoffChart.getXAxis().setLabel(model.cost().get().label());
        List<SweepCharts.TradeoffPoint> points = model.tradeoff();
        XYChart.Series<Number, Number> all = series(POINTS_SERIES, points);
        XYChart.Series<Number, Number> front = series(FRONT_SERIES, SweepCharts.front(points));
        tradeoffChart.getData().add(all);
        tradeoffChart.getData().add(front);
        for (XYChart.Series<Number, Number> s : List.of(all, front)) {
            for (XYChart.Data<Number, Number> d : s.getData()) {
                int index = (Integer) d.getExtraValue();
                if (s == all) {
                    d.getNode().setId("sweep-tradeoff-point-" + index);
                }
                interactive(d.getNode(), index);
            }
        }
    }

    private static void addCurves(LineChart<Number, Number> chart, List<SweepViewModel.Curve> curves, String style) {
        for (SweepViewModel.Curve c : curves) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(c.label());
            for (double[] p : c.points()) {
                s.getData().add(new XYChart.Data<>(p[0], p[1]));
            }
            chart.getData().add(s);
            if (!style.isEmpty()) {
                s.getNode().setStyle(style);
            }
        }
    }

    private static XYChart.Series<Number, Number> series(String name, List<SweepCharts.TradeoffPoint> points) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (SweepCharts.TradeoffPoint p : points) {
            s.getData().add(new XYChart.Data<>(p.cost(), p.top1(), p.index()));
        }
        return s;
    }

    /** A chart symbol that selects its point, opens its network on a double click and offers both on a menu. */
    private void interactive(Node symbol, int index) {
        SweepPointRow row = model.rows().get(index);
        Tooltip.install(symbol, new Tooltip(row.label() + "\ntop-1 " + row.top1() + (row.spread().isEmpty() ? ""
                : " " + row.spread()) + "\n" + TextTable.count(row.point().modelBytes32()) + " B at 32-bit, "
                + TextTable.count(row.point().macs()) + " MACs" + (row.onFront() ? "\non the Pareto front" : "")));
        MenuItem open = new MenuItem("Open Network");
        open.setOnAction(e -> openNetwork(index));
        MenuItem runs = new MenuItem("Show Runs");
        runs.setDisable(!row.hasRuns());
        runs.setOnAction(e -> showRuns(index));
        ContextMenu menu = new ContextMenu(open, runs);
        symbol.setOnContextMenuRequested(e -> menu.show(symbol, e.getScreenX(), e.getScreenY()));
        symbol.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                select(index);
                if (e.getClickCount() == 2) {
                    openNetwork(index);
                }
            }
        });
        symbol.setStyle("-fx-cursor: hand;");
    }

    LineChart<Number, Number> accuracyChart() {
        return accuracyChart;
    }

    LineChart<Number, Number> tradeoffChart() {
        return tradeoffChart;
    }

    TableView<SweepPointRow> table() {
        return table;
    }
}
