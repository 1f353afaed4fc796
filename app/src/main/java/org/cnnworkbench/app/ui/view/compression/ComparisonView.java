package org.cnnworkbench.app.ui.view.compression;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.cnnworkbench.app.report.ComparisonTable;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.dl4j.ModelComparison;

/**
 * The Model Comparison window: the talk's table of runs, a chart of top-1 against model size on a log scale
 * (one point per run, named by approach and architecture), the runs that could not be read, and exports.
 */
public final class ComparisonView extends BorderPane {

    private final ComparisonViewModel model;
    private final TableView<ModelComparison.Row> table = new TableView<>();
    private final NumberAxis sizeAxis = new NumberAxis();
    private final ScatterChart<Number, Number> chart;

    public ComparisonView(ComparisonViewModel model) {
        this.model = model;
        setId("comparison-view");
        setPadding(new Insets(6));
        table.setId("comparison-table");
        table.setItems(model.rows());
        table.setPlaceholder(new Label("add runs to compare"));
        table.getColumns().add(column("approach", r -> r.approach() + (r.analytic() ? " (analytic)" : ""), 160));
        table.getColumns().add(column("architecture", ModelComparison.Row::architecture, 140));
        table.getColumns().add(column("original size", r -> ComparisonTable.megabytes(r.originalBytes()), 100));
        table.getColumns().add(column("compressed size", r -> ComparisonTable.megabytes(r.compressedBytes())
                + " (" + TextTable.count(r.compressedBytes()) + " B)", 170));
        table.getColumns().add(column("reduction vs baseline", r -> ComparisonTable.reduction(r.reduction()), 140));
        table.getColumns().add(column("top-1", r -> ComparisonTable.accuracy(r.top1()), 70));
        table.getColumns().add(column("top-5", r -> ComparisonTable.accuracy(r.top5()), 70));

        sizeAxis.setLabel("model size (log scale)");
        sizeAxis.setForceZeroInRange(false);
        sizeAxis.setAutoRanging(false);
        sizeAxis.setTickUnit(1);
        sizeAxis.setMinorTickCount(0);
        sizeAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number log10) {
                return ComparisonViewModel.sizeLabel(log10.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("the size axis is not edited");
            }
        });
        NumberAxis accuracy = new NumberAxis();
        accuracy.setLabel("top-1 %");
        accuracy.setForceZeroInRange(false);
        chart = new ScatterChart<>(sizeAxis, accuracy);
        chart.setId("comparison-chart");
        chart.setTitle("accuracy against model size");
        chart.setAnimated(false);
        chart.setPadding(new Insets(8, 24, 8, 8));   // room for the last size label, centred on the right edge
        model.rows().addListener((ListChangeListener<ModelComparison.Row>) c -> redraw());

        ComboBox<Path> baseline = new ComboBox<>(model.runs());
        baseline.setId("comparison-baseline");
        baseline.setConverter(new StringConverter<>() {
            @Override
            public String toString(Path run) {
                return run == null ? "" : run.getFileName().toString();
            }

            @Override
            public Path fromString(String s) {
                throw new UnsupportedOperationException("the baseline is chosen, not typed");
            }
        });
        baseline.valueProperty().bindBidirectional(model.baseline());
        baseline.valueProperty().addListener((o, was, now) -> model.refresh());
        CheckBox analytic = new CheckBox("analytic ImageNet rows (AlexNet, SqueezeNet)");
        analytic.setId("comparison-analytic");
        analytic.selectedProperty().bindBidirectional(model.analytic());
        analytic.selectedProperty().addListener((o, was, now) -> model.refresh());
        Button add = new Button("Add Run...");
        add.setId("comparison-add");
        add.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Run directory to compare");
            File dir = chooser.showDialog(window());
            if (dir != null) {
                model.addRun(dir.toPath());
            }
        });
        Button csv = exportButton("comparison-export-csv", "Export CSV...", "CSV", "*.csv", "comparison.csv",
                ComparisonViewModel.Format.CSV);
        Button markdown = exportButton("comparison-export-markdown", "Export Markdown...", "Markdown", "*.md",
                "comparison.md", ComparisonViewModel.Format.MARKDOWN);
        Label message = new Label();
        message.setId("comparison-message");
        message.textProperty().bind(model.message());
        ListView<String> problems = new ListView<>(model.problems());
        problems.setId("comparison-problems");
        problems.setPrefHeight(60);
        problems.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.problems()));
        problems.managedProperty().bind(problems.visibleProperty());

        setTop(new VBox(4, new HBox(6, new Label("baseline"), baseline, analytic, add, csv, markdown), message,
                problems));
        SplitPane split = new SplitPane(table, chart);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        setCenter(split);
        BorderPane.setMargin(split, new Insets(6, 0, 0, 0));
        redraw();
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private Button exportButton(String id, String text, String kind, String pattern, String name,
                                ComparisonViewModel.Format format) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Model comparison as " + kind);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
            chooser.setInitialFileName(name);
            File file = chooser.showSaveDialog(window());
            if (file != null) {
                model.export(file.toPath(), format);
            }
        });
        return b;
    }

    /** One series per point, so that the legend names each run; the size axis spans whole decades. */
    private void redraw() {
        List<ComparisonViewModel.ChartPoint> points = model.chartPoints();
        chart.getData().clear();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ComparisonViewModel.ChartPoint p : points) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(p.label());
            XYChart.Data<Number, Number> d = new XYChart.Data<>(p.log10Bytes(), p.top1Percent());
            s.getData().add(d);
            chart.getData().add(s);
            if (d.getNode() != null) {
                Tooltip.install(d.getNode(), new Tooltip(p.label() + ": "
                        + ComparisonViewModel.sizeLabel(p.log10Bytes()) + ", top-1 "
                        + String.format(java.util.Locale.ROOT, "%.2f%%", p.top1Percent())));
            }
            min = Math.min(min, p.log10Bytes());
            max = Math.max(max, p.log10Bytes());
        }
        if (points.isEmpty()) {
            min = 3;
            max = 7;
        }
        sizeAxis.setLowerBound(Math.floor(min));
        sizeAxis.setUpperBound(Math.max(Math.ceil(max), Math.floor(min) + 1));
    }

    private static TableColumn<ModelComparison.Row, String> column(String title,
                                                                  Function<ModelComparison.Row, String> value,
                                                                  double width) {
        TableColumn<ModelComparison.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public ComparisonViewModel model() {
        return model;
    }

    public TableView<ModelComparison.Row> table() {
        return table;
    }

    public ScatterChart<Number, Number> chart() {
        return chart;
    }

    public static Stage showWindow(Window owner, ComparisonViewModel model) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Model comparison");
        stage.setScene(new Scene(new ComparisonView(model), 1000, 700));
        stage.show();
        return stage;
    }
}
