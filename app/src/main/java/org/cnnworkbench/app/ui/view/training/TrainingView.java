package org.cnnworkbench.app.ui.view.training;

import java.io.File;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
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
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.cnnworkbench.app.ui.view.FormControls;
import org.cnnworkbench.engine.dl4j.DataSpec;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import org.cnnworkbench.engine.dl4j.TrainingListener;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * The Train dialog: the run's settings on the left, Start and Stop, and while it trains a progress bar,
 * images/s, ETA, a live loss chart (batch losses and validation loss per epoch), an accuracy chart (validation
 * top-1 and top-5 per epoch) and warnings such as skipped images. The network is the open one at Start.
 */
public final class TrainingView extends BorderPane {

    public static final String TRAIN_LOSS_SERIES = "training loss (batches)";
    public static final String VAL_LOSS_SERIES = "validation loss";
    public static final String TOP1_SERIES = "validation top-1 %";
    /** A detection run's accuracy series: mean AP over the classes, in percent. */
    public static final String MAP_MODERATE_SERIES = "mAP Moderate %";
    public static final String MAP_EASY_SERIES = "mAP Easy %";
    public static final String TOP5_SERIES = "validation top-5 %";

    private final TrainingViewModel model;
    private final Supplier<NetworkSpec> network;
    private final XYChart.Series<Number, Number> trainLoss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> valLoss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> top1 = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> top5 = new XYChart.Series<>();
    private final LineChart<Number, Number> lossChart = new LineChart<>(epochAxis(), new NumberAxis());
    private final LineChart<Number, Number> accuracyChart = new LineChart<>(epochAxis(), accuracyAxis());

    /** @param network the network to train when Start is pressed (the open document's spec) */
    public TrainingView(TrainingViewModel model, Supplier<NetworkSpec> network) {
        this.model = model;
        this.network = network;
        setId("training-view");
        setPadding(new Insets(6));
        setLeft(settings());
        setCenter(liveArea());
        model.lossCurve().addListener((ListChangeListener<TrainingViewModel.LossPoint>) c -> redrawLoss());
        model.epochMetrics().addListener((ListChangeListener<TrainingListener.EpochMetrics>) c -> redrawEpochs());
        redrawLoss();
        redrawEpochs();
    }

    /** Accuracy in percent, ranged to the data so that the last points' differences show. */
    static NumberAxis accuracyAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setLabel("%");
        axis.setForceZeroInRange(false);
        return axis;
    }

    private static NumberAxis epochAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setLabel("epoch");
        axis.setForceZeroInRange(true);
        return axis;
    }

    private VBox settings() {
        ToggleGroup dataChoice = new ToggleGroup();
        RadioButton fashion = new RadioButton("Fashion-MNIST (60,000 / 10,000 images)");
        fashion.setId("train-data-fashion");
        fashion.setToggleGroup(dataChoice);
        RadioButton folder = new RadioButton("Image folder (train/<class>/, val/<class>/)");
        folder.setId("train-data-folder");
        folder.setToggleGroup(dataChoice);
        TextField folderPath = new TextField();
        folderPath.setId("train-data-path");
        folderPath.setPromptText("folder with train/ and val/");
        Button browseData = new Button("Browse...");
        browseData.setOnAction(e -> chooseFolder("Image folder").ifPresent(f -> folderPath.setText(f.getPath())));
        boolean isFashion = DataSpec.FASHION_MNIST.equals(model.dataSource().get());
        (isFashion ? fashion : folder).setSelected(true);
        if (!isFashion) {
            folderPath.setText(model.dataSource().get());
        }
        Runnable syncData = () -> model.dataSource().set(fashion.isSelected() ? DataSpec.FASHION_MNIST
                : folderPath.getText());
        dataChoice.selectedToggleProperty().addListener((o, was, now) -> syncData.run());
        folderPath.textProperty().addListener((o, was, now) -> syncData.run());
        model.dataSource().addListener((o, was, now) -> {
            if (DataSpec.FASHION_MNIST.equals(now)) {
                fashion.setSelected(true);
            } else {
                folder.setSelected(true);
                if (!now.equals(folderPath.getText())) {
                    folderPath.setText(now);
                }
            }
        });
        folderPath.disableProperty().bind(fashion.selectedProperty());
        browseData.disableProperty().bind(fashion.selectedProperty());
        // where the Fashion-MNIST IDX files are, when not in the Debian package's folder
        TextField fashionDir = new TextField();
        fashionDir.setId("train-fashion-dir");
        fashionDir.setPromptText("IDX files folder (default: /usr/share/datasets/fashion-mnist)");
        fashionDir.textProperty().bindBidirectional(model.fashionDir());
        Button browseFashion = new Button("Browse...");
        browseFashion.setOnAction(e -> chooseFolder("Fashion-MNIST IDX files")
                .ifPresent(f -> fashionDir.setText(f.getPath())));
        fashionDir.disableProperty().bind(fashion.selectedProperty().not());
        browseFashion.disableProperty().bind(fashion.selectedProperty().not());
        HBox.setHgrow(fashionDir, Priority.ALWAYS);

        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        int row = 0;
        grid.addRow(row++, new Label("classes (0: all)"), FormControls.intSpinner("train-classes", model.classes(), 0, 1000));
        grid.addRow(row++, new Label("images per class (0: all)"),
                FormControls.intSpinner("train-per-class", model.perClass(), 0, 10_000_000));
        grid.addRow(row++, new Label("training images (0: all)"),
                FormControls.intSpinner("train-train-limit", model.trainLimit(), 0, 100_000_000));
        grid.addRow(row++, new Label("validation images (0: all)"),
                FormControls.intSpinner("train-val-limit", model.valLimit(), 0, 100_000_000));
        CheckBox augment = new CheckBox("augment (random shift or crop, flip)");
        augment.setId("train-augment");
        augment.selectedProperty().bindBidirectional(model.augment());
        grid.add(augment, 0, row++, 2, 1);
        grid.addRow(row++, new Label("epochs"), FormControls.intSpinner("train-epochs", model.epochs(), 1, 10_000));
        grid.addRow(row++, new Label("batch size"), FormControls.intSpinner("train-batch", model.batchSize(), 1, 65_536));
        TextField rate = FormControls.numberField("train-lr", model.learningRate(), Double::parseDouble);
        grid.addRow(row++, new Label("learning rate"), rate);
        ComboBox<TrainingConfig.Optimizer> optimizer = new ComboBox<>();
        optimizer.setId("train-optimizer");
        optimizer.getItems().setAll(TrainingConfig.Optimizer.values());
        optimizer.valueProperty().bindBidirectional(model.optimizer());
        grid.addRow(row++, new Label("optimizer"), optimizer);
        ComboBox<TrainingConfig.Schedule> schedule = new ComboBox<>();
        schedule.setId("train-schedule");
        schedule.getItems().setAll(TrainingConfig.Schedule.values());
        schedule.valueProperty().bindBidirectional(model.schedule());
        grid.addRow(row++, new Label("learning-rate schedule"), schedule);
        TextField momentum = FormControls.numberField("train-momentum", model.momentum(), Double::parseDouble);
        momentum.disableProperty().bind(model.optimizer().isNotEqualTo(TrainingConfig.Optimizer.NESTEROVS));
        grid.addRow(row++, new Label("momentum (Nesterov)"), momentum);
        grid.addRow(row++, new Label("weight decay (L2)"),
                FormControls.numberField("train-weight-decay", model.weightDecay(), Double::parseDouble));
        grid.addRow(row++, new Label("seed"), FormControls.numberField("train-seed", model.seed(), Long::parseLong));
        TextField runDir = new TextField();
        runDir.setId("train-run-dir");
        runDir.textProperty().bindBidirectional(model.runDirectory());
        if (runDir.getText() == null || runDir.getText().isBlank()) {
            NetworkSpec spec = network.get();
            model.runDirectory().set(model.suggestRunDirectory(spec == null ? null : spec.name()).toString());
        }
        Button browseRun = new Button("Browse...");
        browseRun.setOnAction(e -> chooseFolder("Parent folder of the run").ifPresent(parent -> {
            NetworkSpec spec = network.get();
            model.runDirectory().set(parent.toPath().resolve(
                    model.suggestRunDirectory(spec == null ? null : spec.name()).getFileName()).toString());
        }));
        HBox.setHgrow(runDir, Priority.ALWAYS);
        HBox.setHgrow(folderPath, Priority.ALWAYS);

        Button start = new Button("Start Training");
        start.setId("train-start");
        start.setDefaultButton(true);
        start.setOnAction(e -> {
            NetworkSpec spec = network.get();
            if (spec != null) {
                model.start(spec);
            }
        });
        Button stop = new Button("Stop");
        stop.setId("train-stop");
        stop.setOnAction(e -> model.stop());
        var busy = Bindings.createBooleanBinding(() -> model.state().get() == TrainingViewModel.State.RUNNING
                || model.state().get() == TrainingViewModel.State.STOPPING, model.state());
        start.disableProperty().bind(busy);
        stop.disableProperty().bind(model.state().isNotEqualTo(TrainingViewModel.State.RUNNING));
        Button newRun = new Button("New Run Directory");
        newRun.setId("train-new-dir");
        newRun.disableProperty().bind(busy);
        newRun.setOnAction(e -> {
            NetworkSpec spec = network.get();
            model.runDirectory().set(model.suggestRunDirectory(spec == null ? null : spec.name()).toString());
        });

        Label networkLabel = new Label();
        networkLabel.setId("train-network");
        NetworkSpec spec = network.get();
        networkLabel.setText("network: " + (spec == null ? "none" : spec.name()));

        VBox data = new VBox(4, fashion, new HBox(4, fashionDir, browseFashion), folder,
                new HBox(4, folderPath, browseData));
        HBox runDirRow = new HBox(4, runDir, browseRun);
        data.disableProperty().bind(busy);
        grid.disableProperty().bind(busy);
        runDirRow.disableProperty().bind(busy);
        TitledPane sparkPane = sparkSettings();
        sparkPane.disableProperty().bind(busy);
        VBox form = new VBox(6, networkLabel, new Label("data"), data, grid, sparkPane, new Label("run directory"),
                runDirRow);
        form.setPadding(new Insets(0, 8, 0, 0));
        // the form scrolls in a short window; Start and Stop stay in view below it
        ScrollPane scroll = new ScrollPane(form);
        scroll.setId("train-settings-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox box = new VBox(6, scroll, new HBox(6, start, stop, newRun));
        box.setId("train-settings");
        box.setPadding(new Insets(0, 8, 0, 0));
        box.setPrefWidth(400);
        return box;
    }

    /** Where the run trains: this machine, or a Spark cluster with its master URL, workers and averaging. */
    private TitledPane sparkSettings() {
        CheckBox spark = new CheckBox("Run on a Spark cluster (DL4J parameter averaging)");
        spark.setId("train-spark");
        spark.selectedProperty().bindBidirectional(model.onSpark());
        TextField master = new TextField();
        master.setId("train-spark-master");
        master.setPromptText("local[2], spark://host:7077, yarn");
        master.textProperty().bindBidirectional(model.sparkMaster());
        var workers = FormControls.intSpinner("train-spark-workers", model.sparkWorkers(), 0, 100_000);
        var averaging = FormControls.intSpinner("train-spark-averaging", model.averagingFrequency(), 1, 100_000);
        CheckBox sharing = new CheckBox("share gradients instead (threshold)");
        sharing.setId("train-spark-sharing");
        sharing.selectedProperty().bindBidirectional(model.gradientSharing());
        TextField threshold = FormControls.numberField("train-spark-threshold", model.threshold(), Double::parseDouble);
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        grid.add(spark, 0, 0, 2, 1);
        grid.addRow(1, new Label("master URL"), master);
        grid.addRow(2, new Label("workers (0: N of local[N])"), workers);
        grid.addRow(3, new Label("batches between averagings"), averaging);
        grid.addRow(4, sharing, threshold);
        for (var control : List.of(master, workers, averaging, sharing)) {
            control.disableProperty().bind(spark.selectedProperty().not());
        }
        threshold.disableProperty().bind(spark.selectedProperty().and(sharing.selectedProperty()).not());
        TitledPane pane = new TitledPane("", grid);
        pane.setId("train-spark-pane");
        pane.textProperty().bind(Bindings.when(model.onSpark())
                .then(Bindings.concat("where: Spark, ", model.sparkMaster()))
                .otherwise("where: this machine"));
        // open when a resumed Spark run fills it in
        pane.setExpanded(model.onSpark().get());
        model.onSpark().addListener((o, was, now) -> {
            if (now) {
                pane.setExpanded(true);
            }
        });
        return pane;
    }

    private java.util.Optional<File> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return java.util.Optional.ofNullable(chooser.showDialog(getScene() == null ? null : getScene().getWindow()));
    }

    private SplitPane liveArea() {
        ProgressBar bar = new ProgressBar();
        bar.setId("train-progress");
        bar.progressProperty().bind(model.progress());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label speed = new Label();
        speed.setId("train-speed");
        speed.textProperty().bind(model.speed());
        Label eta = new Label();
        eta.setId("train-eta");
        eta.textProperty().bind(model.eta());
        Label status = new Label();
        status.setId("train-status");
        status.textProperty().bind(model.status());
        Label error = new Label();
        error.setId("train-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #b71c1c; -fx-font-weight: bold;");
        error.textProperty().bind(model.error());
        error.visibleProperty().bind(model.error().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        trainLoss.setName(TRAIN_LOSS_SERIES);
        valLoss.setName(VAL_LOSS_SERIES);
        top1.setName(TOP1_SERIES);
        top5.setName(TOP5_SERIES);
        model.detection().addListener((obs, was, now) -> {
            top1.setName(now ? MAP_MODERATE_SERIES : TOP1_SERIES);
            top5.setName(now ? MAP_EASY_SERIES : TOP5_SERIES);
            accuracyChart.setTitle(now ? "validation mean AP (KITTI, 40-point)" : "validation accuracy");
        });
        lossChart.setId("train-loss-chart");
        lossChart.setTitle("loss");
        lossChart.setAnimated(false);
        lossChart.setCreateSymbols(false);
        lossChart.getData().add(trainLoss);
        lossChart.getData().add(valLoss);
        accuracyChart.setId("train-accuracy-chart");
        accuracyChart.setTitle("validation accuracy");
        accuracyChart.setAnimated(false);
        accuracyChart.getData().add(top1);
        accuracyChart.getData().add(top5);

        ListView<String> warnings = new ListView<>(model.warnings());
        warnings.setId("train-warnings");
        warnings.setPrefHeight(70);
        TitledPane warningPane = new TitledPane("warnings", warnings);
        warningPane.textProperty().bind(Bindings.size(model.warnings()).asString("warnings (%d)"));
        warningPane.setExpanded(false);

        VBox top = new VBox(4, new HBox(8, bar, speed, eta), status, error, warningPane);
        SplitPane charts = new SplitPane(lossChart, accuracyChart);
        VBox.setVgrow(charts, Priority.ALWAYS);
        SplitPane area = new SplitPane(new VBox(6, top, charts));
        area.setId("train-live");
        return area;
    }

    private void redrawLoss() {
        var points = model.lossCurve();
        var data = trainLoss.getData();
        if (points.size() < data.size()) {
            data.clear();
        }
        for (int i = data.size(); i < points.size(); i++) {
            data.add(new XYChart.Data<>(points.get(i).epoch(), points.get(i).loss()));
        }
    }

    private void redrawEpochs() {
        valLoss.getData().clear();
        top1.getData().clear();
        top5.getData().clear();
        for (TrainingListener.EpochMetrics m : model.epochMetrics()) {
            valLoss.getData().add(new XYChart.Data<>(m.epoch(), m.valLoss()));
            top1.getData().add(new XYChart.Data<>(m.epoch(), 100 * m.top1()));
            top5.getData().add(new XYChart.Data<>(m.epoch(), 100 * m.top5()));
        }
    }

    public TrainingViewModel model() {
        return model;
    }

    public LineChart<Number, Number> lossChart() {
        return lossChart;
    }

    public LineChart<Number, Number> accuracyChart() {
        return accuracyChart;
    }

    /** Opens (or brings to the front) the Train window for {@code model}. */
    public static Stage showWindow(Window owner, TrainingViewModel model, Supplier<NetworkSpec> network) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        NetworkSpec spec = network.get();
        stage.setTitle("Train" + (spec == null ? "" : " — " + spec.name()));
        stage.setScene(new Scene(new TrainingView(model, network), 1150, 700));
        stage.show();
        return stage;
    }
}
