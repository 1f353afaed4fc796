package org.cnnworkbench.app.ui.view.hardware;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.cnnworkbench.app.ui.view.RefreshWhenShown;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.hardware.Estimate;
import org.cnnworkbench.engine.hardware.HardwareProfile;
import org.cnnworkbench.engine.hardware.LayerEstimate;

/**
 * Hardware-aware estimates of the current network (docs/hardware.md): a profile chooser, the time, frame rate,
 * energy and compute-bound share per frame, a table of the layers' roofline estimates and a chart of the time
 * per layer, compute-bound and memory-bound layers in separate series; after "Measure on this machine", each
 * layer's time measured with DL4J beside its estimate, in the table and as a third series. Follows every new
 * report.
 */
public final class EstimateView extends VBox {

    public static final String COMPUTE_SERIES = "compute-bound (ms)";
    public static final String MEMORY_SERIES = "memory-bound (ms)";
    public static final String MEASURED_SERIES = "measured on this machine (ms)";

    private final EstimateViewModel model;
    private final RefreshWhenShown refresh;
    private final TableView<LayerEstimate> table = new TableView<>();
    private final BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final XYChart.Series<String, Number> computeSeries = new XYChart.Series<>();
    private final XYChart.Series<String, Number> memorySeries = new XYChart.Series<>();
    private final XYChart.Series<String, Number> measuredSeries = new XYChart.Series<>();

    public EstimateView(WorkbenchViewModel vm) {
        this(new EstimateViewModel(vm.report()));
    }

    public EstimateView(EstimateViewModel model) {
        this.model = model;
        setId("estimate-view");
        setSpacing(6);
        setPadding(new Insets(6));

        ComboBox<HardwareProfile> profiles = ProfileChooser.create("estimate-profile", model.profiles(), model.profile());

        Label title = label("estimate-title", null);
        title.textProperty().bind(model.profile().map(HardwareProfile::title).orElse(""));
        Label message = label("estimate-message", null);
        message.textProperty().bind(model.message());
        FlowPane summary = new FlowPane(18, 4, label("estimate-ms", model.timeText().getValue()),
                label("estimate-fps", null), label("estimate-mj", null), label("estimate-bound", null), message);
        ((Label) summary.getChildren().get(0)).textProperty().bind(model.timeText());
        ((Label) summary.getChildren().get(1)).textProperty().bind(model.fpsText());
        ((Label) summary.getChildren().get(2)).textProperty().bind(model.energyText());
        ((Label) summary.getChildren().get(3)).textProperty().bind(model.boundText());

        table.setId("estimate-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("layer", LayerEstimate::id));
        table.getColumns().add(column("kind", LayerEstimate::kind));
        table.getColumns().add(column("MFLOPs", l -> fixed(l.flops() / 1e6, 2)));
        table.getColumns().add(column("MB", l -> fixed(l.bytes() / 1e6, 3)));
        table.getColumns().add(column("FLOP/byte", l -> fixed(l.intensity(), 1)));
        table.getColumns().add(column("bound", l -> l.computeBound() ? "compute" : "memory"));
        table.getColumns().add(column("ms", l -> fixed(l.seconds() * 1e3, 4)));
        table.getColumns().add(column("measured ms", l -> measured(l) == null ? "" : fixed(measured(l), 4)));
        table.getColumns().add(column("measured/estimated", l -> measured(l) == null || l.seconds() == 0 ? ""
                : fixed(measured(l) / (l.seconds() * 1e3), 1) + "x"));

        Button measure = new Button("Measure on this machine");
        measure.setId("estimate-measure");
        measure.setTooltip(new Tooltip("Time each layer with DL4J here (random weights, batch 1), as "
                + "'workbench bench-infer --layers' does, and show it beside the estimate"));
        measure.disableProperty().bind(model.measuring());
        measure.setOnAction(e -> model.measure());
        Label measureStatus = label("estimate-measure-status", null);
        measureStatus.textProperty().bind(model.measureStatus());

        chart.setId("estimate-chart");
        chart.setAnimated(false);
        chart.getXAxis().setAnimated(false);
        chart.getYAxis().setAnimated(false);
        chart.getXAxis().setLabel("layer");
        chart.getYAxis().setLabel("time per frame (ms)");
        chart.getXAxis().setTickLabelRotation(-90);
        chart.setBarGap(0);
        chart.setCategoryGap(2);
        computeSeries.setName(COMPUTE_SERIES);
        memorySeries.setName(MEMORY_SERIES);
        measuredSeries.setName(MEASURED_SERIES);
        chart.getData().addAll(java.util.List.of(computeSeries, memorySeries, measuredSeries));

        // side by side, each the tab's full height (stacked, the table showed one row in a 1600x1000 window)
        SplitPane tableAndChart = new SplitPane(table, chart);
        tableAndChart.setId("estimate-split");
        tableAndChart.setDividerPositions(0.5);
        VBox.setVgrow(tableAndChart, Priority.ALWAYS);
        getChildren().addAll(new FlowPane(8, 4, profiles, title), summary,
                new FlowPane(8, 4, measure, measureStatus), tableAndChart);
        refresh = new RefreshWhenShown(() -> show(model.estimate().get()));
        model.estimate().addListener((o, was, now) -> refresh.request());
        model.measuredMs().addListener((o, was, now) -> refresh.request());
        show(model.estimate().get());
    }

    /** Whether the tab is showing: while false, new estimates only mark it to be redrawn when it shows again. */
    public javafx.beans.property.BooleanProperty showing() {
        return refresh.showing();
    }

    private void show(Estimate e) {
        if (e == null) {
            table.getItems().clear();
            ((CategoryAxis) chart.getXAxis()).getCategories().clear();
            computeSeries.getData().clear();
            memorySeries.getData().clear();
            measuredSeries.getData().clear();
            return;
        }
        table.getItems().setAll(e.layers());
        // the bars in layer order (categories otherwise follow the series: all compute-bound layers first)
        CategoryAxis layers = (CategoryAxis) chart.getXAxis();
        layers.setAutoRanging(false);
        layers.setCategories(FXCollections.observableArrayList(e.layers().stream().map(LayerEstimate::id).toList()));
        computeSeries.getData().setAll(e.layers().stream().filter(LayerEstimate::computeBound)
                .map(l -> new XYChart.Data<String, Number>(l.id(), l.seconds() * 1e3)).toList());
        memorySeries.getData().setAll(e.layers().stream().filter(l -> !l.computeBound())
                .map(l -> new XYChart.Data<String, Number>(l.id(), l.seconds() * 1e3)).toList());
        measuredSeries.getData().setAll(e.layers().stream().filter(l -> measured(l) != null)
                .map(l -> new XYChart.Data<String, Number>(l.id(), measured(l))).toList());
        table.refresh();
    }

    /** The layer's measured ms per frame, or null before a measurement. */
    private Double measured(LayerEstimate layer) {
        return model.measuredMs().get().get(layer.id());
    }

    private static Label label(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        return l;
    }

    private static TableColumn<LayerEstimate, String> column(String name, Function<LayerEstimate, String> value) {
        TableColumn<LayerEstimate, String> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setSortable(false);
        return c;
    }

    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    public EstimateViewModel model() {
        return model;
    }

    public TableView<LayerEstimate> table() {
        return table;
    }

    public XYChart.Series<String, Number> computeSeries() {
        return computeSeries;
    }

    public XYChart.Series<String, Number> memorySeries() {
        return memorySeries;
    }

    public XYChart.Series<String, Number> measuredSeries() {
        return measuredSeries;
    }
}
