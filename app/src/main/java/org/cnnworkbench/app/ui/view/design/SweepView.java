package org.cnnworkbench.app.ui.view.design;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.cnnworkbench.app.ui.viewmodel.GenerateSqueezeNetViewModel;
import org.cnnworkbench.app.ui.viewmodel.SweepTrainingViewModel;
import org.cnnworkbench.app.ui.viewmodel.SweepViewModel;
import org.cnnworkbench.app.ui.viewmodel.SweepViewModel.Curve;
import org.cnnworkbench.app.ui.viewmodel.SweepViewModel.Metric;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters.Trunk;
import org.cnnworkbench.engine.io.AtomicFiles;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * A design-space sweep (the SqueezeNet paper's Figure 3): choose one metaparameter and its range, optionally a
 * second one drawn as one curve per value, the trunk and the other metaparameters, run, and see params, MACs or
 * model size as a line chart; export the points as CSV. With "Train each point" every point is trained
 * ({@link SweepTrainingPane}) and its measured accuracy is drawn as runs finish, against the swept value and
 * against model size or MACs with the Pareto front ({@link SweepResultsPane}); a point opens its network or runs.
 */
public final class SweepView extends BorderPane {

    /** What the window does with a point: open its network as a new document, show its runs' folder and runs. */
    public record Actions(Consumer<NetworkSpec> openNetwork, BiConsumer<Path, List<Path>> showRuns) {

        /** Actions that do nothing (tests, screenshots). */
        public static Actions none() {
            return new Actions(spec -> { }, (folder, runs) -> { });
        }
    }

    /** Analytic sweeps run here, so that a large one never freezes the window. */
    private static final Executor SWEEPS = org.cnnworkbench.app.ui.FxRuntime.analysisThread();

    private final SweepViewModel model;
    private final LineChart<Number, Number> chart;
    private final SweepResultsPane results;

    /** A sweep window whose points open nowhere. */
    public SweepView(SweepViewModel model) {
        this(model, Actions.none());
    }

    public SweepView(SweepViewModel model, Actions actions) {
        this.model = model;
        setId("sweep-view");
        setPadding(new Insets(8));

        ComboBox<String> parameter = parameterBox("sweep-param", model.parameter());
        TextField from = field("sweep-from", model.from(), 6);
        TextField to = field("sweep-to", model.to(), 6);
        TextField steps = field("sweep-steps", model.steps(), 4);
        CheckBox second = new CheckBox("and");
        second.setId("sweep-second");
        second.selectedProperty().bindBidirectional(model.secondEnabled());
        ComboBox<String> parameter2 = parameterBox("sweep-param2", model.parameter2());
        TextField from2 = field("sweep-from2", model.from2(), 6);
        TextField to2 = field("sweep-to2", model.to2(), 6);
        TextField steps2 = field("sweep-steps2", model.steps2(), 4);
        ComboBox<Trunk> trunk = new ComboBox<>(FXCollections.observableArrayList(Trunk.values()));
        trunk.setId("sweep-trunk");
        trunk.setConverter(new StringConverter<>() {
            @Override
            public String toString(Trunk t) {
                return t == null ? "" : t == Trunk.SMALL ? "small input" : "ImageNet";
            }

            @Override
            public Trunk fromString(String text) {
                return "small input".equals(text) ? Trunk.SMALL : Trunk.IMAGENET;
            }
        });
        trunk.valueProperty().bindBidirectional(model.trunk());
        Button others = new Button("Other Metaparameters...");
        others.setId("sweep-base");
        others.setOnAction(e -> editBase());
        CheckBox train = new CheckBox("Train each point");
        train.setId("sweep-train");
        train.selectedProperty().bindBidirectional(model.train());

        SweepTrainingViewModel training = model.training();
        var trainingBusy = Bindings.createBooleanBinding(training::isBusy, training.state());
        Button run = new Button("Run");
        run.setId("sweep-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(model.running().or(trainingBusy));
        run.textProperty().bind(Bindings.when(model.train()).then("Run and Train").otherwise("Run"));
        run.setOnAction(e -> {
            if (model.train().get()) {
                training.start();
            } else {
                model.runInBackground(SWEEPS, javafx.application.Platform::runLater, () -> { });
            }
        });
        for (var control : new javafx.scene.Node[] {parameter, from, to, steps, second, trunk, others, train}) {
            control.disableProperty().bind(trainingBusy);
        }
        for (var control : new javafx.scene.Node[] {parameter2, from2, to2, steps2}) {
            control.disableProperty().bind(second.selectedProperty().not().or(trainingBusy));
        }
        ComboBox<Metric> metric = new ComboBox<>(FXCollections.observableArrayList(Metric.values()));
        metric.setId("sweep-metric");
        metric.valueProperty().bindBidirectional(model.metric());
        model.metric().addListener((obs, old, now) -> redraw());
        Button export = new Button("Export CSV…");
        export.setId("sweep-export");
        export.disableProperty().bind(Bindings.createBooleanBinding(() -> model.points().get().isEmpty(),
                model.points()));
        export.setOnAction(e -> exportCsv());

        FlowPane controls = new FlowPane(6, 6, new Label("sweep"), parameter, new Label("from"), from,
                new Label("to"), to, new Label("steps"), steps, second, parameter2, new Label("from"), from2,
                new Label("to"), to2, new Label("steps"), steps2, new Label("trunk"), trunk, others, train, run,
                new Label("plot"), metric, export);
        Label base = new Label();
        base.setId("sweep-base-text");
        base.setWrapText(true);
        base.textProperty().bind(Bindings.createStringBinding(() -> "not swept: " + model.base().get().describe()
                .replace("SqueezeNet-style network from metaparameters ", "") + (model.train().get()
                ? " (trained: the input and the classes are the data's)" : ""), model.base(), model.train()));
        Label error = new Label();
        error.setId("sweep-error");
        error.setStyle("-fx-text-fill: #b00020;");
        error.setWrapText(true);
        error.textProperty().bind(model.error());

        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        chart = new LineChart<>(x, new NumberAxis());
        chart.setId("sweep-chart");
        chart.setAnimated(false);
        results = new SweepResultsPane(model, actions);
        SplitPane curves = new SplitPane(chart, results.accuracyChart());
        SplitPane center = new SplitPane(curves, results);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.5);
        SweepTrainingPane trainingPane = new SweepTrainingPane(training);
        trainingPane.visibleProperty().bind(model.train());
        trainingPane.managedProperty().bind(model.train());
        setTop(new VBox(6, controls, base, error));
        setLeft(trainingPane);
        setCenter(center);
        BorderPane.setMargin(center, new Insets(6, 0, 0, 0));
        model.points().addListener((obs, old, now) -> redraw());
        redraw();
    }

    private static ComboBox<String> parameterBox(String id, javafx.beans.property.StringProperty value) {
        ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(SqueezeNetMetaparameters.SWEEPABLE));
        box.setId(id);
        box.valueProperty().bindBidirectional(value);
        return box;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    /** The metaparameters that are not swept, edited in the Generate SqueezeNet form. */
    private void editBase() {
        GenerateSqueezeNetViewModel form = new GenerateSqueezeNetViewModel(Analyzer.standard(), model.base().get());
        GenerateSqueezeNetDialog dialog = new GenerateSqueezeNetDialog(getScene() == null ? null
                : getScene().getWindow(), form);
        dialog.setTitle("Metaparameters that are not swept");
        dialog.showAndWait().ifPresent(spec -> {
            SqueezeNetMetaparameters chosen = form.metaparameters().get();
            model.trunk().set(chosen.trunk());
            model.base().set(chosen);
        });
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

    /** The chart of params, MACs or model size, for tests and screenshots. */
    public LineChart<Number, Number> chart() {
        return chart;
    }

    /** The measured accuracy against the swept value. */
    public LineChart<Number, Number> accuracyChart() {
        return results.accuracyChart();
    }

    /** Accuracy against model size or MACs, with the Pareto front. */
    public LineChart<Number, Number> tradeoffChart() {
        return results.tradeoffChart();
    }

    public javafx.scene.control.TableView<org.cnnworkbench.app.ui.viewmodel.SweepPointRow> pointsTable() {
        return results.table();
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

    /** Opens a sweep window on {@code model} owned by {@code owner} (may be {@code null}) and returns its stage. */
    public static Stage showWindow(Window owner, SweepViewModel model, Actions actions) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Design-space sweep — SqueezeNet metaparameters");
        stage.setScene(new Scene(new SweepView(model, actions), 1400, 860));
        stage.show();
        return stage;
    }
}
