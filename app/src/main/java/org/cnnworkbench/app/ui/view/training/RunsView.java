package org.cnnworkbench.app.ui.view.training;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.app.ui.viewmodel.Formats;
import org.cnnworkbench.engine.dl4j.DetectionRunInfo;
import org.cnnworkbench.engine.dl4j.TrainingListener;

/**
 * The past training runs: a table (network, status, epochs, top-1, top-5, parameters, model size, images/s,
 * wall time), the selected run's validation accuracy per epoch, and buttons to open its network in the editor,
 * resume it (a compressed run continues its compression), classify images with its model, compress it, or
 * compare the selected runs.
 */
public final class RunsView extends BorderPane {

    /** What the buttons do with the selected run's directory (Compare: with every selected run's). */
    public record Actions(Consumer<Path> openNetwork, Consumer<Path> resume, Consumer<Path> infer,
                          Consumer<Path> compress, Consumer<java.util.List<Path>> compare) {

        /** Buttons that do nothing (screenshots). */
        public static Actions none() {
            return new Actions(p -> { }, p -> { }, p -> { }, p -> { }, p -> { });
        }
    }

    private boolean selectedDetection;
    private final RunsViewModel model;
    private final TableView<RunsViewModel.RunRow> table = new TableView<>();
    private final LineChart<Number, Number> chart = new LineChart<>(new NumberAxis(), TrainingView.accuracyAxis());

    public RunsView(RunsViewModel model, Actions actions) {
        this.model = model;
        setId("runs-view");
        setPadding(new Insets(6));
        table.setId("runs-table");
        table.setItems(model.runs());
        table.setPlaceholder(new Label("no training runs in this folder"));
        table.getColumns().add(column("run", RunsViewModel.RunRow::name, 190));
        table.getColumns().add(column("network", RunsViewModel.RunRow::network, 140));
        table.getColumns().add(column("status", r -> r.problem().isEmpty() ? r.status() : "unreadable: "
                + r.problem(), 110));
        table.getColumns().add(column("task", r -> DetectionRunInfo.isDetectionRun(r.dir()) ? "detect" : "classify",
                60));
        table.getColumns().add(column("epochs", r -> r.completedEpochs() + "/" + r.plannedEpochs(), 60));
        // a detection run keeps its KITTI mean AP (Moderate, Easy) in the accuracy columns
        table.getColumns().add(column("best top-1 | mAP (epoch)", RunsViewModel.RunRow::best, 140));
        table.getColumns().add(column("last top-1 | mAP Mod.", r -> accuracy(r.top1()), 110));
        table.getColumns().add(column("last top-5 | mAP Easy", r -> accuracy(r.top5()), 110));
        table.getColumns().add(column("params", r -> r.params() == 0 ? "" : Formats.count(r.params()), 90));
        table.getColumns().add(column("model", r -> r.modelBytes() == 0 ? ""
                : Formats.count(r.modelBytes()) + (r.compressed() ? " B .cwbz" : " B"), 110));
        table.getColumns().add(column("img/s", r -> Double.isNaN(r.imagesPerSecond()) ? ""
                : String.format(Locale.ROOT, "%.0f", r.imagesPerSecond()), 60));
        table.getColumns().add(column("wall", r -> Double.isNaN(r.wallSeconds()) ? ""
                : TextTable.duration(java.time.Duration.ofSeconds(Math.round(r.wallSeconds()))), 70));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            selectedDetection = now != null && DetectionRunInfo.isDetectionRun(now.dir());
            model.select(now);
        });

        chart.setId("runs-chart");
        chart.setTitle("validation accuracy of the selected run");
        chart.setAnimated(false);
        ((NumberAxis) chart.getXAxis()).setLabel("epoch");
        model.selectedMetrics().addListener((ListChangeListener<TrainingListener.EpochMetrics>) c -> redraw());

        Button open = button("runs-open", "Open Network", actions.openNetwork());
        Button resume = button("runs-resume", "Resume Training", actions.resume());
        Button infer = button("runs-infer", "Classify Images...", actions.infer());
        Button compress = button("runs-compress", "Compress...", actions.compress());
        Button compare = new Button("Compare");
        compare.setId("runs-compare");
        compare.setOnAction(e -> actions.compare().accept(table.getSelectionModel().getSelectedItems().stream()
                .map(RunsViewModel.RunRow::dir).toList()));
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        var selected = table.getSelectionModel().selectedItemProperty();
        open.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> selected.get() == null || !selected.get().problem().isEmpty(), selected));
        resume.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> selected.get() == null || !selected.get().canResume(), selected));
        infer.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> selected.get() == null || !selected.get().hasModel(), selected));
        compress.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> selected.get() == null || !selected.get().hasModel(), selected));
        compare.disableProperty().bind(selected.isNull());
        Button refresh = new Button("Refresh");
        refresh.setId("runs-refresh");
        refresh.setOnAction(e -> model.refresh());
        Button folder = new Button("Folder...");
        folder.setId("runs-folder");
        folder.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder of training runs");
            File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (dir != null) {
                model.folder().set(dir.toPath());
                model.refresh();
            }
        });
        Label folderLabel = new Label();
        folderLabel.textProperty().bind(model.folder().asString("folder: %s"));
        Label message = new Label();
        message.setId("runs-message");
        message.textProperty().bind(model.message());

        SplitPane split = new SplitPane(table, chart);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        setTop(new VBox(4, new HBox(6, open, resume, infer, compress, compare, refresh, folder), folderLabel, message));
        setCenter(split);
        BorderPane.setMargin(split, new Insets(6, 0, 0, 0));
        model.refresh();
    }

    private Button button(String id, String text, Consumer<Path> action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> {
            RunsViewModel.RunRow row = table.getSelectionModel().getSelectedItem();
            if (row != null) {
                action.accept(row.dir());
            }
        });
        return b;
    }

    private static TableColumn<RunsViewModel.RunRow, String> column(String title,
                                                                    Function<RunsViewModel.RunRow, String> value,
                                                                    double width) {
        TableColumn<RunsViewModel.RunRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** As the CLI writes it, but blank while a run has no result. */
    private static String accuracy(double v) {
        return Double.isNaN(v) ? "" : TextTable.accuracy(v);
    }

    private void redraw() {
        XYChart.Series<Number, Number> top1 = new XYChart.Series<>();
        top1.setName(selectedDetection ? TrainingView.MAP_MODERATE_SERIES : TrainingView.TOP1_SERIES);
        XYChart.Series<Number, Number> top5 = new XYChart.Series<>();
        top5.setName(selectedDetection ? TrainingView.MAP_EASY_SERIES : TrainingView.TOP5_SERIES);
        for (TrainingListener.EpochMetrics m : model.selectedMetrics()) {
            top1.getData().add(new XYChart.Data<>(m.epoch(), 100 * m.top1()));
            top5.getData().add(new XYChart.Data<>(m.epoch(), 100 * m.top5()));
        }
        chart.getData().setAll(java.util.List.of(top1, top5));
    }

    /**
     * Selects the rows of {@code runs} (the last one's accuracy shows in the chart), once the list holds them: it
     * is read off the UI thread, so a window just opened selects them when they arrive.
     */
    public void select(java.util.List<Path> runs) {
        java.util.Set<Path> wanted = new java.util.HashSet<>();
        runs.forEach(r -> wanted.add(r.toAbsolutePath().normalize()));
        Runnable apply = () -> {
            table.getSelectionModel().clearSelection();
            for (RunsViewModel.RunRow row : table.getItems()) {
                if (wanted.contains(row.dir().toAbsolutePath().normalize())) {
                    table.getSelectionModel().select(row);
                }
            }
            int first = table.getSelectionModel().getSelectedIndex();
            if (first >= 0) {
                table.scrollTo(first);
            }
        };
        if (!table.getItems().isEmpty()) {
            apply.run();
            return;
        }
        model.runs().addListener(new ListChangeListener<RunsViewModel.RunRow>() {
            @Override
            public void onChanged(Change<? extends RunsViewModel.RunRow> c) {
                model.runs().removeListener(this);
                apply.run();
            }
        });
    }

    public RunsViewModel model() {
        return model;
    }

    public TableView<RunsViewModel.RunRow> table() {
        return table;
    }

    public LineChart<Number, Number> chart() {
        return chart;
    }

    public static Stage showWindow(Window owner, RunsViewModel model, Actions actions) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Training runs");
        stage.setScene(new Scene(new RunsView(model, actions), 1050, 620));
        stage.show();
        return stage;
    }
}
