package org.cnnworkbench.app.ui.view.compression;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.cnnworkbench.app.report.SizeReportText;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.compression.SizeBreakdown;
import org.cnnworkbench.engine.dl4j.CompressedModels;
import org.cnnworkbench.engine.dl4j.ModelChoice;

/**
 * The Compress window: settings and per-layer plan on the left, the predicted size under them; a Progress tab
 * (progress bar, stage and epoch, images/s, ETA, loss chart), a Size Report tab filled when the compression
 * completes, and the Sensitivity tab.
 */
public final class CompressView extends BorderPane {

    private final CompressViewModel model;
    private final TableView<CompressionSettings.LayerRow> layers = new TableView<>();
    private final TableView<List<String>> reportTable = new TableView<>();
    private final LineChart<Number, Number> lossChart = new LineChart<>(new NumberAxis(), new NumberAxis());
    private final XYChart.Series<Number, Number> loss = new XYChart.Series<>();
    private final TabPane tabs = new TabPane();

    /**
     * @param addToComparison what "Add to Comparison" does with the source and the compressed run directories
     */
    public CompressView(CompressViewModel model, SensitivityViewModel sensitivity,
                        Consumer<List<Path>> addToComparison) {
        this.model = model;
        setId("compress-view");
        setPadding(new Insets(6));
        Label source = new Label();
        source.setId("compress-source");
        source.textProperty().bind(Bindings.createStringBinding(() -> "source run: " + (model.settings().source().get() == null
                ? "none" : model.settings().source().get()), model.settings().source()));
        Label error = new Label();
        error.setId("compress-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #b71c1c; -fx-font-weight: bold;");
        error.textProperty().bind(model.error());
        error.managedProperty().bind(model.error().isNotEmpty());
        error.visibleProperty().bind(model.error().isNotEmpty());
        setTop(new VBox(4, source, error));

        Tab progress = new Tab("Progress", progressPane());
        Tab report = new Tab("Size Report", reportPane());
        report.setId("compress-report-tab");
        tabs.getTabs().addAll(progress, report, new Tab("Sensitivity", new SensitivityView(sensitivity)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setLeft(settings(addToComparison));
        setCenter(tabs);
        BorderPane.setMargin(tabs, new Insets(0, 0, 0, 8));
        model.report().addListener((o, was, now) -> showReport(now));
        showReport(model.report().get());
    }

    private VBox settings(Consumer<List<Path>> addToComparison) {
        CheckBox svd = check("compress-svd", "SVD", model.settings().svd());
        CheckBox prune = check("compress-prune", "Prune", model.settings().prune());
        CheckBox quantize = check("compress-quantize", "Quantize", model.settings().quantize());
        CheckBox huffman = check("compress-huffman", "Huffman", model.settings().huffman());
        Button preset = new Button("Deep Compression");
        preset.setId("compress-preset");
        preset.setOnAction(e -> model.settings().deepCompression());

        layers.setId("compress-layers");
        layers.setEditable(true);
        layers.setItems(model.settings().layers());
        layers.setPrefHeight(220);
        layers.getColumns().add(column("layer", CompressionSettings.LayerRow::layer, 110));
        layers.getColumns().add(column("weights", r -> TextTable.count(r.weights()), 80));
        layers.getColumns().add(editable("density", r -> String.format(Locale.ROOT, "%.3g", r.density()),
                CompressionSettings.Column.DENSITY));
        layers.getColumns().add(editable("bits", r -> Integer.toString(r.bits()), CompressionSettings.Column.BITS));
        layers.getColumns().add(editable("gap bits", r -> Integer.toString(r.gapBits()),
                CompressionSettings.Column.GAP_BITS));
        layers.getColumns().add(column("bytes", r -> TextTable.count(r.bytes()), 80));

        TextField svdLayers = text("compress-svd-layers", model.settings().svdLayers());
        svdLayers.disableProperty().bind(model.settings().svd().not());
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        int row = 0;
        grid.addRow(row++, new Label("SVD layers (rank or energy)"), svdLayers);
        grid.addRow(row++, new Label("epochs: SVD / prune / quantize"), new HBox(4,
                number("compress-svd-epochs", model.settings().svdEpochs()), number("compress-prune-epochs",
                        model.settings().pruneEpochs()), number("compress-quantize-epochs", model.settings().quantizeEpochs())));
        grid.addRow(row++, new Label("learning rate"), number("compress-lr", model.settings().learningRate()));
        grid.addRow(row++, new Label("centroid rate"), number("compress-centroid-lr", model.settings().centroidRate()));
        grid.addRow(row++, new Label("training images (0: the run's)"),
                number("compress-train-limit", model.settings().trainLimit()));
        grid.addRow(row++, new Label("validation images (0: the run's)"),
                number("compress-val-limit", model.settings().valLimit()));
        TextField out = text("compress-out", model.settings().outDir());
        Button browse = new Button("Browse...");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Parent folder of the compressed run");
            File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (dir != null) {
                model.settings().outDir().set(dir.toPath().resolve(Path.of(model.settings().outDir().get()).getFileName()).toString());
            }
        });
        HBox.setHgrow(out, Priority.ALWAYS);

        Label predicted = new Label();
        predicted.setId("compress-predicted");
        predicted.setWrapText(true);
        predicted.textProperty().bind(model.settings().predicted());
        Button start = new Button("Start");
        start.setId("compress-start");
        start.setDefaultButton(true);
        start.setOnAction(e -> {
            if (model.start()) {
                tabs.getSelectionModel().select(0);
            }
        });
        Button stop = new Button("Stop");
        stop.setId("compress-stop");
        stop.setOnAction(e -> model.stop());
        var busy = Bindings.createBooleanBinding(() -> model.state().get() == CompressViewModel.State.RUNNING
                || model.state().get() == CompressViewModel.State.STOPPING, model.state());
        start.disableProperty().bind(busy);
        stop.disableProperty().bind(model.state().isNotEqualTo(CompressViewModel.State.RUNNING));
        ComboBox<ModelChoice> sourceModel = new ComboBox<>(FXCollections.observableArrayList(ModelChoice.values()));
        sourceModel.setId("compress-source-model");
        sourceModel.setConverter(new StringConverter<>() {
            @Override
            public String toString(ModelChoice c) {
                return c == null ? "" : c == ModelChoice.BEST ? "best epoch" : "last epoch";
            }

            @Override
            public ModelChoice fromString(String text) {
                return sourceModel.getItems().stream().filter(c -> toString(c).equals(text)).findFirst()
                        .orElse(null);
            }
        });
        sourceModel.valueProperty().bindBidirectional(model.settings().sourceModel());
        Label sourceModelText = new Label();
        sourceModelText.setId("compress-source-model-text");
        sourceModelText.textProperty().bind(model.settings().sourceModelText());
        HBox sourceRow = new HBox(6, new Label("start from the"), sourceModel, sourceModelText);
        sourceRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox editable = new VBox(6, sourceRow, new HBox(8, svd, prune, quantize, huffman, preset), layers, grid,
                new Label("output run directory"), new HBox(4, out, browse));
        editable.disableProperty().bind(busy);
        Button compare = new Button("Add to Comparison");
        compare.setId("compress-add-to-comparison");
        compare.disableProperty().bind(model.report().isNull());
        compare.setOnAction(e -> addToComparison.accept(List.of(model.settings().source().get(), model.activeRun().get())));
        VBox box = new VBox(6, editable, predicted, new HBox(6, start, stop, compare));
        box.setPrefWidth(520);
        return box;
    }

    private VBox progressPane() {
        ProgressBar bar = new ProgressBar();
        bar.setId("compress-progress");
        bar.progressProperty().bind(model.live().progress());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label speed = new Label();
        speed.textProperty().bind(model.live().speed());
        Label eta = new Label();
        eta.textProperty().bind(model.live().eta());
        Label status = new Label();
        status.setId("compress-status");
        status.setWrapText(true);
        status.textProperty().bind(model.live().status());
        loss.setName("training loss");
        lossChart.setId("compress-loss-chart");
        lossChart.setTitle("fine-tuning loss");
        lossChart.setAnimated(false);
        lossChart.setCreateSymbols(false);
        lossChart.getData().add(loss);
        ((NumberAxis) lossChart.getXAxis()).setLabel("epoch");
        model.live().lossCurve().addListener((ListChangeListener<Object>) c -> redrawLoss());
        VBox.setVgrow(lossChart, Priority.ALWAYS);
        return new VBox(6, new HBox(8, bar, speed, eta), status, lossChart);
    }

    private VBox reportPane() {
        reportTable.setId("compress-report");
        List<String> columns = SizeReportText.COLUMNS;
        for (int i = 0; i < columns.size(); i++) {
            int index = i;
            TableColumn<List<String>, String> c = new TableColumn<>(columns.get(i));
            c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().get(index)));
            reportTable.getColumns().add(c);
        }
        reportTable.setPlaceholder(new Label("the size of each tensor shows here when the compression completes"));
        Label headline = new Label();
        headline.setId("compress-report-headline");
        headline.setWrapText(true);
        Label parts = new Label();
        parts.setWrapText(true);
        model.report().addListener((o, was, now) -> {
            headline.setText(now == null ? "" : SizeReportText.headline(now));
            parts.setText(now == null ? "" : SizeReportText.parts(now) + "\n" + SizeReportText.predicted(now));
        });
        VBox.setVgrow(reportTable, Priority.ALWAYS);
        return new VBox(6, headline, reportTable, parts);
    }

    private void showReport(CompressedModels.Report report) {
        reportTable.getItems().clear();
        if (report != null) {
            for (SizeBreakdown.TensorSize t : report.sizes().tensors()) {
                reportTable.getItems().add(SizeReportText.cells(t));
            }
            tabs.getSelectionModel().select(1);
        }
    }

    private void redrawLoss() {
        var points = model.live().lossCurve();
        var data = loss.getData();
        if (points.size() < data.size()) {
            data.clear();
        }
        for (int i = data.size(); i < points.size(); i++) {
            data.add(new XYChart.Data<>(points.get(i).epoch(), points.get(i).loss()));
        }
    }

    private TableColumn<CompressionSettings.LayerRow, String> editable(String title,
                                                                    Function<CompressionSettings.LayerRow, String> v,
                                                                    CompressionSettings.Column column) {
        TableColumn<CompressionSettings.LayerRow, String> c = column(title, v, 70);
        c.setEditable(true);
        c.setCellFactory(TextFieldTableCell.forTableColumn());
        c.setOnEditCommit(e -> {
            if (!model.edit(e.getRowValue().layer(), column, e.getNewValue())) {
                layers.refresh();   // the refused text goes back to the planned value
            }
        });
        return c;
    }

    private static TableColumn<CompressionSettings.LayerRow, String> column(String title,
                                                                         Function<CompressionSettings.LayerRow, String> v,
                                                                         double width) {
        TableColumn<CompressionSettings.LayerRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(v.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setEditable(false);
        return c;
    }

    private static CheckBox check(String id, String text, javafx.beans.property.BooleanProperty property) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.selectedProperty().bindBidirectional(property);
        return box;
    }

    private static TextField text(String id, javafx.beans.property.StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    /**
     * A field editing a number property: text that parses is set at once, text that does not is framed in red
     * and leaves the property alone.
     */
    private static TextField number(String id, javafx.beans.property.Property<Number> property) {
        TextField field = new TextField(String.valueOf(property.getValue()));
        field.setId(id);
        field.setPrefWidth(70);
        boolean whole = property instanceof javafx.beans.property.IntegerProperty;
        field.textProperty().addListener((o, was, now) -> {
            try {
                property.setValue(whole ? Integer.parseInt(now.strip()) : Double.parseDouble(now.strip()));
                field.setStyle("");
            } catch (NumberFormatException e) {
                field.setStyle("-fx-border-color: #d32f2f;");
            }
        });
        return field;
    }

    public CompressViewModel model() {
        return model;
    }

    public TableView<List<String>> reportTable() {
        return reportTable;
    }

    /** Opens a Compress window for {@code model} (already opened on a run). */
    public static Stage showWindow(Window owner, CompressViewModel model, SensitivityViewModel sensitivity,
                                   Consumer<List<Path>> addToComparison) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        Path source = model.settings().source().get();
        stage.setTitle("Compress" + (source == null ? "" : " — " + source.getFileName()));
        stage.setScene(new Scene(new CompressView(model, sensitivity, addToComparison), 1250, 720));
        stage.show();
        return stage;
    }
}
