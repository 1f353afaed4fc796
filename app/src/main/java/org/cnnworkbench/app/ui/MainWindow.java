package org.cnnworkbench.app.ui;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.app.ui.view.CompareView;
import org.cnnworkbench.app.ui.view.LayerChartView;
import org.cnnworkbench.app.ui.view.LayerTableView;
import org.cnnworkbench.app.ui.view.PaletteView;
import org.cnnworkbench.app.ui.view.ProblemsView;
import org.cnnworkbench.app.ui.view.PropertyEditorView;
import org.cnnworkbench.app.ui.view.StatusBarView;
import org.cnnworkbench.app.ui.view.canvas.GraphCanvasView;
import org.cnnworkbench.app.ui.view.design.GenerateSqueezeNetDialog;
import org.cnnworkbench.app.ui.view.design.SweepView;
import org.cnnworkbench.app.ui.view.hardware.EstimateView;
import org.cnnworkbench.app.ui.view.hardware.ScalingView;
import org.cnnworkbench.app.ui.files.AppDirs;
import org.cnnworkbench.engine.dl4j.RunDirectory;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.samples.SampleNetworks;
import org.controlsfx.control.textfield.TextFields;

/**
 * The main window: palette left, graph canvas centre, properties right, layer table, chart and problems
 * below, totals in the status bar; menus and keys for every {@link WorkbenchAction}.
 */
public final class MainWindow {

    /** Canvas units an arrow key moves the selection. */
    static final double NUDGE = 10;

    private final WorkbenchViewModel vm;
    private final FileController files;
    private final GraphCanvasView canvas;
    private final BorderPane root = new BorderPane();
    private final TextField find = new TextField();
    private final Map<WorkbenchAction, Runnable> handlers = new EnumMap<>(WorkbenchAction.class);
    private final Menu recentMenu = new Menu("Open Recent");
    private final Executor background = FxRuntime.analysisThread();
    private final Executor runsThread = FxRuntime.runsThread();
    private Stage stage;
    private final CompressionWindows compression = new CompressionWindows(() -> stage, runsFolder(), runsThread);
    private final TrainingWindows training;
    private final SweepWindows sweeps;

    public MainWindow(WorkbenchViewModel vm, FileController files) {
        this.vm = vm;
        this.files = files;
        this.canvas = new GraphCanvasView(vm);
        this.training = new TrainingWindows(() -> stage, runsFolder(), runsThread, compression,
                () -> vm.document().get().spec(), this::openRunNetwork);
        this.sweeps = new SweepWindows(() -> stage, runsFolder(),
                new SweepView.Actions(this::openGenerated, training::showRuns));
        defineActions();
        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(workArea());
        root.setBottom(new StatusBarView(vm));
        root.addEventHandler(KeyEvent.KEY_PRESSED, this::singleKey);
    }

    /** Shows the window on {@code stage}; closing it with unsaved changes asks first. */
    public Scene show(Stage stage, double width, double height) {
        this.stage = stage;
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().addAll(stylesheet("workbench.css"), stylesheet("panels.css"));
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Y"), () -> run(WorkbenchAction.REDO));
        stage.setScene(scene);
        stage.titleProperty().bind(vm.title());
        files.setOwner(stage);
        stage.setOnCloseRequest(e -> {
            if (!training.confirmStop() || !sweeps.confirmStop() || !files.confirmDiscard()) {
                e.consume();
            }
        });
        stage.show();
        return scene;
    }

    private static String stylesheet(String name) {
        return MainWindow.class.getResource(name).toExternalForm();
    }

    public Parent root() {
        return root;
    }

    public GraphCanvasView canvas() {
        return canvas;
    }

    /** Runs an action as its menu item would. */
    public void run(WorkbenchAction action) {
        handlers.get(action).run();
    }

    private void defineActions() {
        handlers.put(WorkbenchAction.NEW, () -> {
            if (files.confirmDiscard()) {
                vm.newDocument();
            }
        });
        handlers.put(WorkbenchAction.OPEN, files::chooseAndOpen);
        PrototxtImportController imports = new PrototxtImportController(files, () -> stage);
        handlers.put(WorkbenchAction.IMPORT, imports::chooseAndImport);
        handlers.put(WorkbenchAction.RECOVER, files::showKeptCopies);
        handlers.put(WorkbenchAction.SAVE, files::save);
        handlers.put(WorkbenchAction.SAVE_AS, files::saveAs);
        handlers.put(WorkbenchAction.EXPORT_PNG, () -> files.exports().chooseAndExport("PNG image", "png",
                path -> files.exports().exportPng(path, canvas)));
        handlers.put(WorkbenchAction.EXPORT_CSV, () -> files.exports().chooseAndExport("CSV table", "csv",
                files.exports()::exportCsv));
        handlers.put(WorkbenchAction.QUIT, () -> {
            if (stage != null && training.confirmStop() && sweeps.confirmStop() && files.confirmDiscard()) {
                files.shutdown();
                stage.close();
            }
        });
        handlers.put(WorkbenchAction.UNDO, vm::undo);
        handlers.put(WorkbenchAction.REDO, vm::redo);
        handlers.put(WorkbenchAction.DELETE, vm::deleteSelection);
        handlers.put(WorkbenchAction.SELECT_ALL, vm::selectAll);
        handlers.put(WorkbenchAction.DUPLICATE, vm::duplicateSelection);
        handlers.put(WorkbenchAction.FIND, find::requestFocus);
        handlers.put(WorkbenchAction.FIT, canvas::zoomToFit);
        handlers.put(WorkbenchAction.ZOOM_IN, canvas::zoomIn);
        handlers.put(WorkbenchAction.ZOOM_OUT, canvas::zoomOut);
        handlers.put(WorkbenchAction.LAYOUT_ALL, () -> canvas.layOut(false));
        handlers.put(WorkbenchAction.LAYOUT_NEW, () -> canvas.layOut(true));
        handlers.put(WorkbenchAction.COMPARE_BEFORE, () -> vm.specBeforeLastEdit().ifPresent(this::compareWith));
        handlers.put(WorkbenchAction.COMPARE_FILE, () -> files.chooseNetwork("Compare with").thenAccept(
                loaded -> loaded.ifPresent(l -> compareWith(l.spec()))));
        handlers.put(WorkbenchAction.GENERATE_SQUEEZENET, () -> new GenerateSqueezeNetDialog(stage, vm.analyzer())
                .showAndWait().ifPresent(this::openGenerated));
        handlers.put(WorkbenchAction.DESIGN_SWEEP, sweeps::show);
        handlers.put(WorkbenchAction.TRAINING_SCALING, () -> ScalingView.showWindow(stage, vm));
        handlers.put(WorkbenchAction.TRAIN, training::showTraining);
        handlers.put(WorkbenchAction.TRAINING_RUNS, training::showRuns);
        handlers.put(WorkbenchAction.COMPRESS, compression::chooseAndCompress);
        handlers.put(WorkbenchAction.COMPARE_MODELS, compression::showComparison);
        handlers.put(WorkbenchAction.INFERENCE, training::showInference);
        handlers.put(WorkbenchAction.DETECTIONS, () -> DetectionWindows.chooseAndShow(stage, runsThread));
    }

    /** Opens a generated network (Generate SqueezeNet, a sweep's point) as a new, unsaved document. */
    private void openGenerated(NetworkSpec spec) {
        if (files.confirmDiscard()) {
            vm.open(DocumentState.of(spec), null);
        }
    }

    /** Where runs started from the GUI go: {@code runs/} in the workbench's folder. */
    static Path runsFolder() {
        return AppDirs.home().resolve("runs");
    }

    /** Opens a run's network in the editor as a new, untitled document (its run directory stays as it is). */
    private void openRunNetwork(Path run) {
        if (!files.confirmDiscard()) {
            return;
        }
        CompletableFuture.supplyAsync(() -> {
            try {
                return NetworkJson.read(new RunDirectory(run).specFile());
            } catch (SpecFormatException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, runsThread).whenCompleteAsync((loaded, failure) -> {
            if (failure == null) {
                vm.open(loaded, null);
            } else {
                files.showError("Cannot open the run's network", failure.getCause() == null ? failure.getMessage()
                        : failure.getCause().getMessage());
            }
        }, Platform::runLater);
    }

    /**
     * Opens a comparison of {@code other} (a) with the open network (b); the other network is analysed on the
     * analysis thread.
     */
    void compareWith(NetworkSpec other) {
        AnalysisReport current = vm.report().get();
        if (current == null) {
            return;
        }
        CompletableFuture.supplyAsync(() -> vm.analyzer().analyze(other), background)
                .thenAcceptAsync(before -> CompareView.showWindow(stage, before, current), Platform::runLater);
    }

    private MenuItem item(WorkbenchAction action) {
        MenuItem item = new MenuItem(action.label());
        item.setId("menu-" + action.name().toLowerCase().replace('_', '-'));
        if (action.accelerator() != null) {
            item.setAccelerator(action.accelerator());
        }
        item.setOnAction(e -> run(action));
        return item;
    }

    private MenuBar menuBar() {
        Menu samples = new Menu("Open Sample");
        for (SampleNetworks.Sample s : SampleNetworks.list()) {
            MenuItem item = new MenuItem(s.title() + "  (" + s.name() + ")");
            item.setOnAction(e -> {
                if (files.confirmDiscard()) {
                    files.openSample(s.name());
                }
            });
            samples.getItems().add(item);
        }
        recentMenu.setOnShowing(e -> fillRecent());
        fillRecent();
        Menu export = files.exports().menu(item(WorkbenchAction.EXPORT_PNG), item(WorkbenchAction.EXPORT_CSV));
        Menu file = new Menu("File", null, item(WorkbenchAction.NEW), item(WorkbenchAction.OPEN),
                item(WorkbenchAction.IMPORT), samples,
                recentMenu, item(WorkbenchAction.RECOVER), new SeparatorMenuItem(), item(WorkbenchAction.SAVE),
                item(WorkbenchAction.SAVE_AS), export, new SeparatorMenuItem(), item(WorkbenchAction.QUIT));
        MenuItem undo = item(WorkbenchAction.UNDO);
        undo.textProperty().bind(vm.undoText());
        undo.disableProperty().bind(vm.canUndo().not());
        MenuItem redo = item(WorkbenchAction.REDO);
        redo.textProperty().bind(vm.redoText());
        redo.disableProperty().bind(vm.canRedo().not());
        Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(), item(WorkbenchAction.DELETE),
                item(WorkbenchAction.DUPLICATE), item(WorkbenchAction.SELECT_ALL), item(WorkbenchAction.FIND));
        Menu view = new Menu("View", null, item(WorkbenchAction.FIT), item(WorkbenchAction.ZOOM_IN),
                item(WorkbenchAction.ZOOM_OUT), new SeparatorMenuItem(), item(WorkbenchAction.LAYOUT_ALL),
                item(WorkbenchAction.LAYOUT_NEW));
        Menu compareSample = new Menu("Compare with Sample");
        for (SampleNetworks.Sample sample : SampleNetworks.list()) {
            MenuItem item = new MenuItem(sample.title() + "  (" + sample.name() + ")");
            item.setOnAction(e -> files.loadSample(sample.name()).thenAccept(
                    loaded -> loaded.ifPresent(l -> compareWith(l.spec()))));
            compareSample.getItems().add(item);
        }
        MenuItem compareBefore = item(WorkbenchAction.COMPARE_BEFORE);
        compareBefore.disableProperty().bind(vm.canUndo().not());
        Menu whatIf = new Menu("What-If", null, compareBefore, compareSample, item(WorkbenchAction.COMPARE_FILE),
                new SeparatorMenuItem(), item(WorkbenchAction.GENERATE_SQUEEZENET),
                item(WorkbenchAction.DESIGN_SWEEP), item(WorkbenchAction.TRAINING_SCALING));
        Menu train = new Menu("Training", null, item(WorkbenchAction.TRAIN), item(WorkbenchAction.TRAINING_RUNS),
                item(WorkbenchAction.INFERENCE), item(WorkbenchAction.DETECTIONS), new SeparatorMenuItem(),
                item(WorkbenchAction.COMPRESS), item(WorkbenchAction.COMPARE_MODELS));
        MenuBar bar = new MenuBar(file, edit, view, whatIf, train);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : files.recentFiles()) {
            MenuItem item = new MenuItem(p.toString());
            item.setOnAction(e -> {
                if (files.confirmDiscard()) {
                    files.openFile(p);
                }
            });
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private ToolBar toolBar() {
        Button undo = button("Undo", WorkbenchAction.UNDO);
        undo.disableProperty().bind(vm.canUndo().not());
        Button redo = button("Redo", WorkbenchAction.REDO);
        redo.disableProperty().bind(vm.canRedo().not());
        find.setId("find-node");
        find.setPromptText("Find node (Ctrl+F)");
        TextFields.bindAutoCompletion(find, request -> vm.document().get().spec().nodes().stream()
                .map(n -> n.id()).filter(id -> id.toLowerCase().contains(request.getUserText().toLowerCase()))
                .toList());
        find.setOnAction(e -> findNode(find.getText().strip()));
        return new ToolBar(button("New", WorkbenchAction.NEW), button("Open", WorkbenchAction.OPEN),
                button("Save", WorkbenchAction.SAVE), undo, redo, button("Fit", WorkbenchAction.FIT),
                button("Lay Out", WorkbenchAction.LAYOUT_ALL), button("Train", WorkbenchAction.TRAIN), find);
    }

    /** Selects the node with this id (or the first whose id contains the text) and shows it. */
    void findNode(String text) {
        vm.document().get().spec().nodes().stream().map(n -> n.id())
                .filter(id -> id.equals(text)).findFirst()
                .or(() -> vm.document().get().spec().nodes().stream().map(n -> n.id())
                        .filter(id -> id.toLowerCase().contains(text.toLowerCase())).findFirst())
                .ifPresent(id -> {
                    vm.select(id);
                    canvas.reveal(id);
                    canvas.requestFocus();
                });
    }

    private Button button(String text, WorkbenchAction action) {
        Button b = new Button(text);
        b.setId("tool-" + action.name().toLowerCase().replace('_', '-'));
        b.setOnAction(e -> run(action));
        b.setFocusTraversable(false);
        return b;
    }

    private SplitPane workArea() {
        // the chart and the Hardware tab redraw on an edit only while their tab is selected (else when it is)
        TabPane bottom = new TabPane(madeWhenShown("Layers", tab -> new LayerTableView(vm)),
                madeWhenShown("Chart", tab -> {
                    LayerChartView chart = new LayerChartView(vm);
                    chart.showing().bind(tab.selectedProperty());
                    return chart;
                }),
                madeWhenShown("Problems", tab -> new ProblemsView(vm)),
                madeWhenShown("Hardware", tab -> {
                    EstimateView hardware = new EstimateView(vm);
                    hardware.showing().bind(tab.selectedProperty());
                    return hardware;
                }));
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane middle = new SplitPane(canvas, bottom);
        middle.setOrientation(Orientation.VERTICAL);
        middle.setDividerPositions(0.64);
        PaletteView palette = new PaletteView(vm);
        PropertyEditorView properties = new PropertyEditorView(vm);
        SplitPane split = new SplitPane(palette, middle, properties);
        split.setDividerPositions(0.15, 0.78);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(properties, false);
        return split;
    }

    /**
     * A tab whose view is made when the tab is first selected (each view shows the document's state as it is
     * then): the window opens without building and styling the views behind the tabs nobody has looked at yet
     * (README, "Start-up").
     */
    private static Tab madeWhenShown(String title, Function<Tab, Node> view) {
        Tab tab = new Tab(title);
        InvalidationListener make = new InvalidationListener() {
            @Override
            public void invalidated(Observable o) {
                if (tab.isSelected()) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(view.apply(tab));
                }
            }
        };
        tab.selectedProperty().addListener(make);
        return tab;
    }

    /** Delete, F and the arrows act on the canvas unless the user is typing. */
    private void singleKey(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown()
                || root.getScene().getFocusOwner() instanceof TextInputControl) {
            return;
        }
        KeyCode code = e.getCode();
        switch (code) {
            case DELETE, BACK_SPACE -> run(WorkbenchAction.DELETE);
            case F -> run(WorkbenchAction.FIT);
            case LEFT -> canvas.nudge(-NUDGE, 0);
            case RIGHT -> canvas.nudge(NUDGE, 0);
            case UP -> canvas.nudge(0, -NUDGE);
            case DOWN -> canvas.nudge(0, NUDGE);
            default -> {
                return;
            }
        }
        e.consume();
    }
}
