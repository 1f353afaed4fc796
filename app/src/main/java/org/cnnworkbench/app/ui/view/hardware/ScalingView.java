package org.cnnworkbench.app.ui.view.hardware;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.hardware.HardwareProfile;
import org.cnnworkbench.engine.scaling.ScalingPoint;
import org.cnnworkbench.engine.scaling.Scheme;

/**
 * Data-parallel training speedup against the number of workers (1..128) for the current network and SqueezeNet
 * v1.0, AlexNet and VGG-16, with controls for the batch per worker, the bandwidth, the scheme and the profile
 * (docs/scaling.md): a network with fewer parameters communicates less and scales further.
 */
public final class ScalingView extends BorderPane {

    public static final String IDEAL_SERIES = "ideal (N)";

    private final ScalingViewModel model;
    private final LineChart<Number, Number> chart = new LineChart<>(new NumberAxis(0, ScalingViewModel.MAX_WORKERS, 16),
            new NumberAxis());

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

        FlowPane controls = new FlowPane(8, 4, new Label("hardware"), profile, new Label("scheme"), scheme,
                new Label("batch per worker"), batch, new Label("bandwidth (Gbit/s)"), bandwidth);
        controls.setPadding(new Insets(0, 0, 6, 0));
        setTop(controls);

        chart.setId("scaling-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.getXAxis().setLabel("workers (N)");
        chart.getYAxis().setLabel("speedup");
        setCenter(chart);
        model.curves().addListener((o, was, now) -> show(now));
        show(model.curves().get());
    }

    private void show(List<ScalingViewModel.Curve> curves) {
        chart.getData().clear();
        XYChart.Series<Number, Number> ideal = new XYChart.Series<>();
        ideal.setName(IDEAL_SERIES);
        ideal.getData().add(new XYChart.Data<>(1, 1));
        ideal.getData().add(new XYChart.Data<>(ScalingViewModel.MAX_WORKERS, ScalingViewModel.MAX_WORKERS));
        chart.getData().add(ideal);
        for (ScalingViewModel.Curve c : curves) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(String.format(java.util.Locale.ROOT, "%s (%,d params)", c.name(), c.parameters()));
            for (ScalingPoint p : c.points()) {
                series.getData().add(new XYChart.Data<>(p.workers(), p.speedup()));
            }
            chart.getData().add(series);
        }
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
