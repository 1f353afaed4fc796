package org.cnnworkbench.app.ui.view.hardware;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.hardware.HardwareProfile;
import org.cnnworkbench.engine.scaling.ScalingPoint;
import org.cnnworkbench.engine.scaling.Scheme;
import org.cnnworkbench.spark.SparkScaling;

/**
 * Data-parallel training speedup against the number of workers (1..128) for the current network and SqueezeNet
 * v1.0, AlexNet and VGG-16, with controls for the batch per worker, the bandwidth, the scheme and the profile
 * (docs/scaling.md): a network with fewer parameters communicates less and scales further.
 */
public final class ScalingView extends BorderPane {

    public static final String IDEAL_SERIES = "ideal (N)";
    /** The prefix of the measured points' series name. */
    public static final String MEASURED_PREFIX = "measured on Spark local[N]: ";
    /** The prefix of the model's curve for the measured setting. */
    public static final String MEASURED_MODEL_PREFIX = "model for the measured setting: ";

    private final ScalingViewModel model;
    private final NumberAxis workersAxis = new NumberAxis(0, ScalingViewModel.MAX_WORKERS, 16);
    private final LineChart<Number, Number> chart = new LineChart<>(workersAxis, new NumberAxis());

    public ScalingView(WorkbenchViewModel vm) {
        this(new ScalingViewModel(vm.report()));
    }

    public ScalingView(ScalingViewModel model) {
        this.model = model;
        setId("scaling-view");
        setPadding(new Insets(6));

        ComboBox<HardwareProfile> profile = ProfileChooser.create("scaling-profile", model.profiles(), model.profile());

        ComboBox<Scheme> scheme = new ComboBox<>();
        scheme.setId("scaling-scheme");
        scheme.getItems().setAll(Scheme.values());
        scheme.valueProperty().bindBidirectional(model.scheme());

        Spinner<Integer> batch = new Spinner<>(1, 4096, model.batch().get(), 1);
        batch.setId("scaling-batch");
        batch.setEditable(true);
        batch.valueProperty().addListener((o, was, now) -> model.batch().set(now));

        Spinner<Double> bandwidth = new Spinner<>(0.1, 10_000, model.bandwidthGbits().get(), 1);
        bandwidth.setId("scaling-bandwidth");
        bandwidth.setEditable(true);
        bandwidth.valueProperty().addListener((o, was, now) -> model.bandwidthGbits().set(now));

        Spinner<Integer> shown = new Spinner<>(2, ScalingViewModel.MAX_WORKERS, model.shownWorkers().get(), 1);
        shown.setId("scaling-shown-workers");
        shown.setEditable(true);
        shown.setPrefWidth(80);
        shown.valueProperty().addListener((o, was, now) -> model.shownWorkers().set(now));
        model.shownWorkers().addListener((o, was, now) -> shown.getValueFactory().setValue(now.intValue()));

        FlowPane controls = new FlowPane(8, 4, new Label("hardware"), profile, new Label("scheme"), scheme,
                new Label("batch per worker"), batch, new Label("bandwidth (Gbit/s)"), bandwidth,
                new Label("workers shown"), shown);
        controls.setPadding(new Insets(0, 0, 6, 0));

        // measured points: the current network trained for a few rounds on Spark local[N]
        TextField measureWorkers = new TextField();
        measureWorkers.setId("scaling-measure-workers");
        measureWorkers.setPrefColumnCount(6);
        measureWorkers.textProperty().bindBidirectional(model.measureWorkers());
        Button measure = new Button("Measure on Spark local[N]");
        measure.setId("scaling-measure");
        measure.setOnAction(e -> model.measure());
        measure.disableProperty().bind(model.measuring());
        measureWorkers.disableProperty().bind(model.measuring());
        Label status = new Label();
        status.setId("scaling-measure-status");
        status.textProperty().bind(model.measureStatus());
        status.setWrapText(true);
        FlowPane measureRow = new FlowPane(8, 4, new Label("measure the current network with N ="), measureWorkers,
                measure, status);
        measureRow.setPadding(new Insets(0, 0, 6, 0));
        setTop(new VBox(controls, measureRow));

        chart.setId("scaling-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.getXAxis().setLabel("workers (N)");
        chart.getYAxis().setLabel("speedup");
        setCenter(chart);
        model.curves().addListener((o, was, now) -> show());
        model.measured().addListener((o, was, now) -> show());
        model.shownWorkers().addListener((o, was, now) -> show());
        show();
    }

    private void show() {
        int max = Math.max(2, Math.min(ScalingViewModel.MAX_WORKERS, model.shownWorkers().get()));
        workersAxis.setUpperBound(max);
        workersAxis.setTickUnit(max <= 16 ? 1 : max <= 32 ? 4 : 16);
        chart.getData().clear();
        XYChart.Series<Number, Number> ideal = new XYChart.Series<>();
        ideal.setName(IDEAL_SERIES);
        ideal.getData().add(new XYChart.Data<>(1, 1));
        ideal.getData().add(new XYChart.Data<>(max, max));
        chart.getData().add(ideal);
        for (ScalingViewModel.Curve c : model.curves().get()) {
            chart.getData().add(series(String.format(Locale.ROOT, "%s (%,d params)", c.name(), c.parameters()),
                    c.points(), max));
        }
        ScalingViewModel.Measured m = model.measured().get();
        if (m != null) {
            chart.getData().add(series(MEASURED_MODEL_PREFIX + m.network(), m.estimate(), max));
            XYChart.Series<Number, Number> points = new XYChart.Series<>();
            points.setName(MEASURED_PREFIX + m.network());
            for (SparkScaling.Point p : m.points()) {
                if (p.workers() <= max) {
                    XYChart.Data<Number, Number> d = new XYChart.Data<>(p.workers(), m.speedup(p));
                    // a marker per measured point (the chart draws no symbols for the model's curves)
                    Region marker = new Region();
                    marker.getStyleClass().add("measured-point");
                    marker.setStyle("-fx-background-color: #d32f2f; -fx-background-radius: 6; -fx-padding: 6;");
                    Tooltip.install(marker, new Tooltip(String.format(Locale.ROOT, "N=%d: %.0f images/s, speedup %.2f",
                            p.workers(), p.imagesPerSecond(), m.speedup(p))));
                    d.setNode(marker);
                    points.getData().add(d);
                }
            }
            chart.getData().add(points);
        }
    }

    private static XYChart.Series<Number, Number> series(String name, List<ScalingPoint> points, int max) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        for (ScalingPoint p : points) {
            if (p.workers() <= max) {
                series.getData().add(new XYChart.Data<>(p.workers(), p.speedup()));
            }
        }
        return series;
    }

    public ScalingViewModel model() {
        return model;
    }

    public LineChart<Number, Number> chart() {
        return chart;
    }

    /** Opens the scaling chart in a window of its own, owned by {@code owner}. */
    public static Stage showWindow(Window owner, WorkbenchViewModel vm) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Data-parallel training scaling");
        stage.setScene(new Scene(new ScalingView(vm), 960, 640));
        stage.show();
        return stage;
    }
}
