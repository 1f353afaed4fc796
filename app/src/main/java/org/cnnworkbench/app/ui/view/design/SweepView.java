package org.cnnworkbench.app.ui.view.design;

import java.io.File;
import java.io.IOException;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.cnnworkbench.app.ui.viewmodel.SweepViewModel;
import org.cnnworkbench.app.ui.viewmodel.SweepViewModel.Curve;
import org.cnnworkbench.app.ui.viewmodel.SweepViewModel.Metric;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.io.AtomicFiles;

/**
 * A design-space sweep (the SqueezeNet paper's Figure 3): choose one metaparameter and its range, optionally a
 * second one drawn as one curve per value, run, and see params, MACs or model size as a line chart; export the
 * points as CSV. Accuracy is not drawn yet: trained results come with the training work.
 */
public final class SweepView extends BorderPane {

    /** Sweeps run here, so that a large one never freezes the window. */
    private static final java.util.concurrent.Executor SWEEPS =
            org.cnnworkbench.app.ui.FxRuntime.analysisThread();

    private final SweepViewModel model;
    private final LineChart<Number, Number> chart;

    public SweepView(SweepViewModel model) {
        this.model = model;
        setId("sweep-view");
        setPadding(new Insets(8));

        ComboBox<String> parameter = parameterBox("sweep-param", model.parameter().get());
        model.parameter().bind(parameter.valueProperty());
        TextField from = field("sweep-from", model.from().get(), 6);
        model.from().bind(from.textProperty());
        TextField to = field("sweep-to", model.to().get(), 6);
        model.to().bind(to.textProperty());
        TextField steps = field("sweep-steps", model.steps().get(), 4);
        model.steps().bind(steps.textProperty());

        CheckBox second = new CheckBox("and");
        second.setId("sweep-second");
        model.secondEnabled().bind(second.selectedProperty());
        ComboBox<String> parameter2 = parameterBox("sweep-param2", model.parameter2().get());
        model.parameter2().bind(parameter2.valueProperty());
        TextField from2 = field("sweep-from2", model.from2().get(), 6);
        model.from2().bind(from2.textProperty());
        TextField to2 = field("sweep-to2", model.to2().get(), 6);
        model.to2().bind(to2.textProperty());
        TextField steps2 = field("sweep-steps2", model.steps2().get(), 4);
        model.steps2().bind(steps2.textProperty());
        for (var control : new javafx.scene.Node[] {parameter2, from2, to2, steps2}) {
            control.disableProperty().bind(second.selectedProperty().not());
        }

        Button run = new Button("Run");
        run.setId("sweep-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(model.running());
        run.setOnAction(e -> model.runInBackground(SWEEPS, javafx.application.Platform::runLater, this::redraw));
        ComboBox<Metric> metric = new ComboBox<>(FXCollections.observableArrayList(Metric.values()));
        metric.setId("sweep-metric");
        metric.setValue(model.metric().get());
        model.metric().bind(metric.valueProperty());
        model.metric().addListener((obs, old, now) -> redraw());
        Button export = new Button("Export CSV…");
        export.setId("sweep-export");
        export.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.points().get().isEmpty(), model.points()));
        export.setOnAction(e -> exportCsv());

        FlowPane controls = new FlowPane(6, 6, new Label("sweep"), parameter, new Label("from"), from,
                new Label("to"), to, new Label("steps"), steps, second, parameter2, new Label("from"), from2,
                new Label("to"), to2, new Label("steps"), steps2, run, new Label("plot"), metric, export);
        Label error = new Label();
        error.setId("sweep-error");
        error.setStyle("-fx-text-fill: #b00020;");
        error.setWrapText(true);
        error.textProperty().bind(model.error());

        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        chart = new LineChart<>(x, y);
        chart.setId("sweep-chart");
        chart.setAnimated(false);
        setTop(new VBox(6, controls, error));
        setCenter(chart);
        redraw();
    }

    private static ComboBox<String> parameterBox(String id, String initial) {
        ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(SqueezeNetMetaparameters.SWEEPABLE));
        box.setId(id);
        box.setValue(initial);
        return box;
    }

    private static TextField field(String id, String initial, int columns) {
        TextField f = new TextField(initial);
        f.setId(id);
        f.setPrefColumnCount(columns);
        return f;
    }

    private void redraw() {
        chart.getData().clear();
        chart.getXAxis().setLabel(model.xParameter());
        chart.getYAxis().setLabel(model.metric().get().label());
        for (Curve curve : model.curves()) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(curve.label());
            for (double[] p : curve.points()) {
                series.getData().add(new XYChart.Data<>(p[0], p[1]));
            }
            chart.getData().add(series);
        }
    }

    /** The chart, for tests and screenshots. */
    public LineChart<Number, Number> chart() {
        return chart;
    }

    public SweepViewModel model() {
        return model;
    }

    private void exportCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export sweep as CSV");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName("sweep-" + model.xParameter() + ".csv");
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            AtomicFiles.writeString(file.toPath(), model.csv());
        } catch (IOException e) {
            new Alert(Alert.AlertType.ERROR, file + ": cannot write: " + e.getMessage()).showAndWait();
        }
    }

    /** Opens a sweep window owned by {@code owner} (may be {@code null}) and returns its stage. */
    public static Stage showWindow(Window owner) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Design-space sweep — SqueezeNet metaparameters");
        stage.setScene(new Scene(new SweepView(new SweepViewModel()), 1000, 640));
        stage.show();
        return stage;
    }
}
