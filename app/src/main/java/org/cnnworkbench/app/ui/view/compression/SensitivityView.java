package org.cnnworkbench.app.ui.view.compression;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.cnnworkbench.engine.dl4j.Sensitivity;

/**
 * The Sensitivity tab: method, values and validation images; Run draws one line per layer as points arrive (x the
 * density or bits, y top-1); Stop; Export CSV; Choose settings for a target size or a maximum loss.
 */
public final class SensitivityView extends VBox {

    private final SensitivityViewModel model;
    private final LineChart<Number, Number> chart;
    private final Map<String, XYChart.Series<Number, Number>> series = new LinkedHashMap<>();

    public SensitivityView(SensitivityViewModel model) {
        super(6);
        this.model = model;
        setId("sensitivity-view");
        setPadding(new Insets(6));
        ComboBox<Sensitivity.Method> method = new ComboBox<>();
        method.setId("sensitivity-method");
        method.getItems().setAll(Sensitivity.Method.values());
        method.valueProperty().bindBidirectional(model.method());
        TextField values = new TextField();
        values.setId("sensitivity-values");
        values.textProperty().bindBidirectional(model.values());
        HBox.setHgrow(values, Priority.ALWAYS);
        TextField limit = new TextField(Integer.toString(model.valLimit().get()));
        limit.setId("sensitivity-val-limit");
        limit.setPrefWidth(70);
        limit.textProperty().addListener((o, was, now) -> {
            try {
                model.valLimit().set(Integer.parseInt(now.strip()));
                limit.setStyle("");
            } catch (NumberFormatException e) {
                limit.setStyle("-fx-border-color: #d32f2f;");
            }
        });
        Button run = new Button("Run");
        run.setId("sensitivity-run");
        run.setOnAction(e -> model.run());
        run.disableProperty().bind(model.running());
        Button stop = new Button("Stop");
        stop.setId("sensitivity-stop");
        stop.setOnAction(e -> model.stop());
        stop.disableProperty().bind(model.running().not());
        Button export = new Button("Export CSV...");
        export.setId("sensitivity-export");
        export.disableProperty().bind(model.running());
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Sensitivity curves");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            chooser.setInitialFileName("sensitivity.csv");
            File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
            if (file != null) {
                model.exportCsv(file.toPath());
            }
        });

        NumberAxis x = new NumberAxis();
        x.setLabel("density or bits");
        NumberAxis y = new NumberAxis();
        y.setLabel("top-1 %");
        y.setForceZeroInRange(false);
        chart = new LineChart<>(x, y);
        chart.setId("sensitivity-chart");
        chart.setAnimated(false);
        chart.setTitle("top-1 with one layer changed");
        model.points().addListener((ListChangeListener<Sensitivity.Point>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    series.clear();
                    chart.getData().clear();
                }
                c.getAddedSubList().forEach(this::add);
            }
            x.setLabel(model.valueName());
        });
        VBox.setVgrow(chart, Priority.ALWAYS);

        ToggleGroup aim = new ToggleGroup();
        RadioButton bySize = new RadioButton("target size");
        bySize.setToggleGroup(aim);
        bySize.setSelected(model.byTargetSize().get());
        RadioButton byLoss = new RadioButton("max loss (points)");
        byLoss.setToggleGroup(aim);
        byLoss.setSelected(!model.byTargetSize().get());
        bySize.selectedProperty().addListener((o, was, now) -> model.byTargetSize().set(now));
        TextField target = new TextField();
        target.setId("sensitivity-target");
        target.setPromptText("e.g. 250kB");
        target.textProperty().bindBidirectional(model.targetSize());
        target.disableProperty().bind(bySize.selectedProperty().not());
        TextField loss = new TextField();
        loss.setId("sensitivity-max-loss");
        loss.setPromptText("e.g. 1");
        loss.textProperty().bindBidirectional(model.maxLoss());
        loss.disableProperty().bind(byLoss.selectedProperty().not());
        Button choose = new Button("Choose Settings");
        choose.setId("sensitivity-choose");
        choose.disableProperty().bind(model.running());
        choose.setOnAction(e -> model.chooseSettings());
        Label message = new Label();
        message.setId("sensitivity-message");
        message.setWrapText(true);
        message.textProperty().bind(model.message());

        getChildren().addAll(new HBox(6, new Label("method"), method, new Label("values"), values,
                        new Label("validation images"), limit, run, stop, export), chart,
                new HBox(6, bySize, target, byLoss, loss, choose), message);
        model.points().forEach(this::add);
    }

    /** A point on its layer's line; the unchanged model is a line of its own at every value measured. */
    private void add(Sensitivity.Point p) {
        String name = p.layer().isEmpty() ? "unchanged model" : p.layer();
        XYChart.Series<Number, Number> s = series.computeIfAbsent(name, k -> {
            XYChart.Series<Number, Number> created = new XYChart.Series<>();
            created.setName(k);
            chart.getData().add(created);
            return created;
        });
        s.getData().add(new XYChart.Data<>(p.value(), 100 * p.top1()));
    }

    public LineChart<Number, Number> chart() {
        return chart;
    }
}
