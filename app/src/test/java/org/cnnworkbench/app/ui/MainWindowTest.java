package org.cnnworkbench.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.files.RecentFiles;
import org.cnnworkbench.app.ui.files.RecoveryStore;
import org.cnnworkbench.app.ui.testing.MonocleDragState;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.analysis.Totals;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole main window, as a user drives it, with the analysis on its own thread as in the application.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @TempDir
    Path home;

    private WorkbenchViewModel vm;
    private FileController files;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        MonocleDragState.reset();
        vm = new WorkbenchViewModel(Analyzer.standard(), FxRuntime.analysisThread(), Platform::runLater);
        files = new FileController(vm, new RecentFiles(home), new RecoveryStore(home));
        vm.open(SampleNetworks.load("squeezenet-v1.0"), null);
        window = new MainWindow(vm, files);
        window.show(stage, 1400, 900);
    }

    private void awaitAnalysis() throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> vm.isAnalysisCurrent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String totalsText(FxRobot robot) {
        return robot.lookup("#status-totals").queryAs(Label.class).getText();
    }

    /** The status bar's totals as the engine computes them for the spec, formatted independently here. */
    private String expectedTotals(NetworkSpec spec) {
        Totals t = Analyzer.standard().analyze(spec).totals();
        return String.format(Locale.ROOT, "%,d params · %,d MACs · %,d activations", t.paramTotal(), t.macs(),
                t.activations());
    }

    /** The dialog that is showing now (closed dialogs of earlier tests may linger in the lookup). */
    private static java.util.Optional<DialogPane> showingDialog(FxRobot robot) {
        return robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .filter(d -> d.getScene() != null && d.getScene().getWindow() != null
                        && d.getScene().getWindow().isShowing()).findFirst();
    }

    private static Point2D centre(Node node) {
        Bounds b = node.localToScreen(node.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    @Test
    void dragFireFromThePaletteConnectItEditItAndUndo(FxRobot robot) throws Exception {
        awaitAnalysis();
        String original = totalsText(robot);
        assertThat(original).startsWith(expectedTotals(vm.document().get().spec())).contains("1,248,424 params");

        // Drag the Fire module from the palette onto an empty corner of the canvas.
        Node fireItem = robot.from(robot.lookup("#palette")).lookup((TreeCell<?> c) -> "Fire module".equals(c.getText()))
                .query();
        Bounds canvas = window.canvas().localToScreen(window.canvas().getBoundsInLocal());
        Point2D empty = new Point2D(canvas.getMaxX() - 60, canvas.getMaxY() - 40);
        robot.drag(centre(fireItem), MouseButton.PRIMARY).moveBy(30, 0).moveTo(empty).drop();
        awaitAnalysis();
        assertThat(vm.document().get().spec().node("fire1")).isPresent();
        assertThat(vm.selection()).containsExactly("fire1");

        // Connect fire9's output to it.
        robot.drag(centre(window.canvas().cardFor("fire9").outputPort()), MouseButton.PRIMARY)
                .moveTo(centre(window.canvas().cardFor("fire1"))).drop();
        awaitAnalysis();
        assertThat(vm.document().get().spec().node("fire1").orElseThrow().inputs()).containsExactly("fire9");
        AnalysisReport connected = vm.report().get();
        assertThat(connected.result("fire1").orElseThrow().output().toChw()).containsExactly(128L, 13L, 13L);
        String beforeEdit = totalsText(robot);
        assertThat(beforeEdit).startsWith(expectedTotals(vm.document().get().spec()));

        // Change its squeeze filters in the property editor.
        robot.interact(() -> vm.select("fire1"));
        robot.doubleClickOn("#prop-s1x1").eraseText(2).write("32").type(KeyCode.ENTER);
        awaitAnalysis();
        assertThat(vm.document().get().spec().node("fire1").orElseThrow().param("s1x1")).isEqualTo(32L);
        String edited = totalsText(robot);
        assertThat(edited).startsWith(expectedTotals(vm.document().get().spec())).isNotEqualTo(beforeEdit);
        assertThat(vm.title().get()).startsWith("*");

        // Undo with the keyboard restores the previous totals exactly; undo everything restores the original.
        robot.interact(window.canvas()::zoomToFit);
        robot.clickOn(window.canvas().cardFor("conv1"));
        assertThat(vm.selection()).containsExactly("conv1");
        robot.press(KeyCode.SHORTCUT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHORTCUT);
        awaitAnalysis();
        assertThat(totalsText(robot)).isEqualTo(beforeEdit);
        while (vm.canUndo().get()) {
            robot.interact(vm::undo);
        }
        awaitAnalysis();
        assertThat(totalsText(robot)).isEqualTo(original);
        assertThat(vm.dirty().get()).isFalse();
    }

    @Test
    void openingAMalformedFileShowsTheErrorAndKeepsTheNetwork(FxRobot robot) throws Exception {
        awaitAnalysis();
        Path bad = home.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"cnn-workbench-network\",\n \"version\": 1\n \"nodes\": []}");
        NetworkSpec before = vm.document().get().spec();
        robot.interact(() -> files.openFile(bad));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> showingDialog(robot).isPresent());
        DialogPane dialog = showingDialog(robot).orElseThrow();
        assertThat(dialog.getHeaderText()).isEqualTo("Cannot open bad.json");
        assertThat(dialog.getContentText()).contains("bad.json:3:2: malformed JSON");
        robot.interact(() -> ((javafx.scene.control.Button) dialog.lookupButton(javafx.scene.control.ButtonType.OK))
                .fire());
        assertThat(vm.document().get().spec()).isSameAs(before);
        assertThat(totalsText(robot)).contains("1,248,424 params");
    }

    @Test
    void keysDeleteDuplicateAndSelectAllActOnTheCanvas(FxRobot robot) throws Exception {
        awaitAnalysis();
        robot.clickOn(window.canvas().cardFor("drop9"));
        robot.type(KeyCode.DELETE);
        assertThat(vm.document().get().spec().contains("drop9")).isFalse();
        assertThat(vm.document().get().spec().node("conv10").orElseThrow().inputs()).containsExactly("fire9");
        robot.clickOn(window.canvas().cardFor("fire9"));
        robot.press(KeyCode.SHORTCUT, KeyCode.D).release(KeyCode.D, KeyCode.SHORTCUT);
        assertThat(vm.selection()).containsExactly("fire1");
        robot.press(KeyCode.SHORTCUT, KeyCode.A).release(KeyCode.A, KeyCode.SHORTCUT);
        assertThat(vm.selection()).hasSize(17);
        double before = vm.document().get().position("fire1").x();
        robot.clickOn(window.canvas().cardFor("fire1"));
        robot.type(KeyCode.RIGHT);
        assertThat(vm.document().get().position("fire1").x()).isEqualTo(before + MainWindow.NUDGE);
        awaitAnalysis();
    }

    @Test
    void redoWithEitherShortcutAndClosingWithUnsavedChangesAsksFirst(FxRobot robot) throws Exception {
        awaitAnalysis();
        robot.clickOn(window.canvas().cardFor("drop9"));
        robot.type(KeyCode.DELETE);
        robot.press(KeyCode.SHORTCUT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHORTCUT);
        assertThat(vm.document().get().spec().contains("drop9")).isTrue();
        robot.press(KeyCode.SHORTCUT, KeyCode.Y).release(KeyCode.Y, KeyCode.SHORTCUT);
        assertThat(vm.document().get().spec().contains("drop9")).isFalse();
        robot.press(KeyCode.SHORTCUT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHORTCUT);
        robot.press(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.SHORTCUT);
        assertThat(vm.document().get().spec().contains("drop9")).isFalse();

        Stage stage = (Stage) window.root().getScene().getWindow();
        Platform.runLater(() -> stage.fireEvent(new javafx.stage.WindowEvent(stage,
                javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> showingDialog(robot).isPresent());
        DialogPane dialog = showingDialog(robot).orElseThrow();
        assertThat(dialog.getHeaderText()).isEqualTo("The network has unsaved changes.");
        robot.interact(() -> ((javafx.scene.control.Button) dialog.lookupButton(javafx.scene.control.ButtonType.CANCEL))
                .fire());
        assertThat(stage.isShowing()).isTrue();
        assertThat(vm.document().get().spec().contains("drop9")).isFalse();
        awaitAnalysis();
    }

    @Test
    void comparingWithTheStateBeforeTheLastEditShowsALocalChange(FxRobot robot) throws Exception {
        awaitAnalysis();
        robot.interact(() -> vm.apply(org.cnnworkbench.app.ui.document.Edits.setParam(vm.document().get(), "fire5",
                "e3x3", 96L)));
        awaitAnalysis();
        robot.interact(() -> window.run(WorkbenchAction.COMPARE_BEFORE));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#compare-type").tryQuery().isPresent());
        Label type = robot.lookup("#compare-type").queryAs(Label.class);
        assertThat(type.getText()).containsIgnoringCase("local");
        assertThat(robot.lookup("#compare-affected").queryAs(Label.class).getText()).contains("fire5", "fire6");
        robot.interact(() -> ((Stage) type.getScene().getWindow()).close());
    }

    @Test
    void findNodeWithCtrlFSelectsIt(FxRobot robot) throws Exception {
        awaitAnalysis();
        robot.clickOn(window.canvas().cardFor("conv1"));
        robot.press(KeyCode.SHORTCUT, KeyCode.F).release(KeyCode.F, KeyCode.SHORTCUT);
        assertThat(window.root().getScene().getFocusOwner().getId()).isEqualTo("find-node");
        robot.write("fire7").type(KeyCode.ENTER);
        assertThat(vm.selection()).containsExactly("fire7");
        awaitAnalysis();
    }

    @Test
    void trainingMenuOpensTheTrainWindowForTheOpenNetworkOnceAndTheRunsList(FxRobot robot) throws Exception {
        awaitAnalysis();
        robot.clickOn("Training").clickOn(WorkbenchAction.TRAIN.label());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#train-network").queryLabeled().getText()).isEqualTo("network: squeezenet-v1.0");
        assertThat(robot.lookup("#train-run-dir").queryTextInputControl().getText())
                .contains("runs").contains("squeezenet-v1.0-");
        robot.interact(() -> window.run(WorkbenchAction.TRAIN));   // brings the same window to the front
        assertThat(robot.lookup("#training-view").queryAll()).hasSize(1);
        robot.interact(() -> window.run(WorkbenchAction.TRAINING_RUNS));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#runs-table").queryAll()).hasSize(1);
        assertThat(robot.lookup("#runs-open").queryButton().isDisabled()).isTrue();
    }

    @Test
    void theSweepWindowOpensOnceAndAPointOpensItsNetworkAsANewUnsavedDocument(FxRobot robot) throws Exception {
        awaitAnalysis();
        robot.interact(() -> window.run(WorkbenchAction.DESIGN_SWEEP));
        robot.interact(() -> window.run(WorkbenchAction.DESIGN_SWEEP));   // the same window, to the front
        assertThat(robot.lookup("#sweep-view").queryAll()).hasSize(1);
        robot.clickOn("#sweep-run");
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<Object> points = robot.lookup("#sweep-points").queryAs(
                javafx.scene.control.TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> points.getItems().size() == 8);
        robot.interact(() -> points.getSelectionModel().select(1));
        assertThat(robot.lookup("#sweep-show-runs").queryButton().isDisabled()).isTrue();   // not trained

        robot.clickOn("#sweep-open-network");
        awaitAnalysis();

        assertThat(vm.document().get().spec().name()).isEqualTo("squeezenet sr = 0.25");
        assertThat(vm.file().get()).isNull();
        assertThat(vm.report().get().totals().paramTotal()).isEqualTo(1_967_080);   // docs/design-space.md
    }

    @Test
    void exportsWriteTheSpecTheLayerTableAndAPictureOfTheCanvas(FxRobot robot) throws Exception {
        awaitAnalysis();
        Path json = home.resolve("export.json");
        Path csv = home.resolve("export.csv");
        Path png = home.resolve("export.png");
        ExportController exports = files.exports();
        var jsonExporter = org.cnnworkbench.app.export.Exporters.available().require("json");
        assertThat(WaitForAsyncUtils.asyncFx(() -> exports.export(jsonExporter, json)).get().get(5, TimeUnit.SECONDS))
                .isTrue();
        assertThat(WaitForAsyncUtils.asyncFx(() -> exports.exportCsv(csv)).get().get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(WaitForAsyncUtils.asyncFx(() -> exports.exportPng(png, window.canvas())).get()
                .get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(org.cnnworkbench.engine.io.NetworkJson.read(json).spec()).isEqualTo(vm.document().get().spec());
        assertThat(org.cnnworkbench.engine.io.NetworkJson.read(json).layout())
                .isEqualTo(vm.document().get().layout());   // the canvas positions go with the exported spec
        assertThat(Files.readAllLines(csv)).hasSize(18).first().asString().startsWith("id,kind,status,channels");
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo((int) Math.ceil(window.canvas().getWidth()));
        assertThat(vm.dirty().get()).isFalse();
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane told = showingDialog(robot).orElseThrow();   // each export says where it went
        assertThat(told.getContentText()).startsWith("Wrote ");
        closeShowingDialogs(robot);
    }

    @Test
    void theTrainingMenuOffersTheDetectionViewerAfterClassifying(FxRobot robot) {
        javafx.scene.control.MenuBar bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.Menu training = bar.getMenus().stream().filter(m -> m.getText().equals("Training"))
                .findFirst().orElseThrow();
        java.util.List<String> ids = training.getItems().stream().map(javafx.scene.control.MenuItem::getId).toList();
        assertThat(ids.indexOf("menu-detections")).isEqualTo(ids.indexOf("menu-inference") + 1);
        assertThat(training.getItems().get(ids.indexOf("menu-detections")).getText()).isEqualTo("Detections...");
    }

    @Test
    void theExportSubmenuListsEveryExporterThenTheCanvasAndTableExports(FxRobot robot) {
        javafx.scene.control.MenuBar bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.Menu export = (javafx.scene.control.Menu) bar.getMenus().get(0).getItems().stream()
                .filter(i -> "menu-export".equals(i.getId())).findFirst().orElseThrow();
        assertThat(export.getItems().stream().map(javafx.scene.control.MenuItem::getText).toList()).containsExactly(
                "Network spec (JSON)...", "DL4J model...", "Caffe prototxt...", "Report (Markdown + HTML)...", null,
                "Canvas as PNG...", "Layer Table as CSV...");
        assertThat(export.getItems().stream().map(javafx.scene.control.MenuItem::getId).limit(4).toList())
                .containsExactly("menu-export-json", "menu-export-dl4j", "menu-export-prototxt", "menu-export-report");
        assertThat(files.exports().exporters().stream().map(e -> e.id()).toList())
                .isEqualTo(org.cnnworkbench.app.export.Exporters.available().ids());
    }

    @Test
    void theReportAndTheDl4jModelAreWrittenFromTheWindowAndAFailureIsTold(FxRobot robot) throws Exception {
        awaitAnalysis();
        ExportController exports = files.exports();
        var available = org.cnnworkbench.app.export.Exporters.available();
        Path report = home.resolve("report");
        assertThat(WaitForAsyncUtils.asyncFx(() -> exports.export(available.require("report"), report)).get()
                .get(60, TimeUnit.SECONDS)).isTrue();   // the charts are drawn on this toolkit's thread
        assertThat(report.resolve("report.md")).content().contains("1,248,424");
        assertThat(javax.imageio.ImageIO.read(report.resolve("params.png").toFile()).getWidth()).isPositive();
        Path zip = home.resolve("sq.zip");
        assertThat(WaitForAsyncUtils.asyncFx(() -> exports.export(available.require("dl4j"), zip)).get()
                .get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(zip).isNotEmptyFile();
        closeShowingDialogs(robot);

        Path taken = Files.writeString(home.resolve("taken"), "a file");
        assertThat(WaitForAsyncUtils.asyncFx(() -> exports.export(available.require("report"), taken)).get()
                .get(60, TimeUnit.SECONDS)).isFalse();
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane told = showingDialog(robot).orElseThrow();
        assertThat(told.getHeaderText()).isEqualTo("Cannot export Report (Markdown + HTML) to taken");
        assertThat(told.getContentText()).contains("is a file").doesNotContain("Exception");
        closeShowingDialogs(robot);
    }

    private static void closeShowingDialogs(FxRobot robot) {
        for (DialogPane d : robot.lookup(".dialog-pane").queryAllAs(DialogPane.class)) {
            if (d.getScene() != null && d.getScene().getWindow() != null && d.getScene().getWindow().isShowing()) {
                robot.interact(() -> d.getScene().getWindow().hide());
            }
        }
    }

    /** A spec using a kind of a plugin that is not installed: shown, reported by plugin name, saved intact. */
    @Test
    void aNodeOfAMissingPluginIsShownNamedAndSavedUnchanged(FxRobot robot) throws Exception {
        Path file = java.nio.file.Files.writeString(home.resolve("mobile.json"), """
                {"format": "cnn-workbench-network", "version": 1, "name": "mobile", "nodes": [
                  {"id": "data", "kind": "input", "channels": 3, "height": 32, "width": 32},
                  {"id": "sep1", "kind": "dwsep", "plugin": "depthwise-separable", "inputs": ["data"],
                   "filters": 64, "alpha": 0.5, "stride": 2},
                  {"id": "pool", "kind": "globalavgpool", "inputs": ["sep1"]}]}
                """);
        assertThat(WaitForAsyncUtils.asyncFx(() -> files.openFile(file)).get().get(5, TimeUnit.SECONDS)).isTrue();
        awaitAnalysis();
        assertThat(window.canvas().cardFor("sep1")).isNotNull();
        assertThat(vm.problems()).anySatisfy(d -> {
            assertThat(d.node()).isEqualTo("sep1");
            assertThat(d.message()).contains("plugin 'depthwise-separable'", "not installed");
        });
        // its counts are unknown, not zero
        var row = robot.lookup((javafx.scene.control.TableRow<?> r) -> r.getItem() instanceof
                org.cnnworkbench.app.ui.view.LayerTableView.Line l && l.id().equals("sep1"))
                .queryAs(javafx.scene.control.TableRow.class);
        assertThat(robot.from(row).lookup(".numeric-cell").queryAllAs(javafx.scene.control.TableCell.class))
                .isNotEmpty().allSatisfy(c -> assertThat(c.getText()).isEqualTo("-"));
        Path saved = home.resolve("saved.json");
        assertThat(WaitForAsyncUtils.asyncFx(() -> files.saveTo(saved)).get().get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(NetworkJson.read(saved).spec()).isEqualTo(NetworkJson.read(file).spec());
        assertThat(java.nio.file.Files.readString(saved))
                .contains("{\"id\":\"sep1\",\"kind\":\"dwsep\",\"plugin\":\"depthwise-separable\",\"inputs\":[\"data\"],"
                        + "\"filters\":64,\"alpha\":0.5,\"stride\":2}");
    }

    @Test
    void savedFileReopensWithItsLayoutAndTitleShowsUnsavedChanges(FxRobot robot) throws Exception {
        awaitAnalysis();
        robot.clickOn(window.canvas().cardFor("conv1"));
        robot.type(KeyCode.DOWN);
        assertThat(vm.title().get()).isEqualTo("*squeezenet-v1.0 - CNN Workbench");
        Path file = home.resolve("mine.json");
        assertThat(WaitForAsyncUtils.asyncFx(() -> files.saveTo(file)).get().get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(vm.title().get()).isEqualTo("mine.json - CNN Workbench");
        var layout = vm.document().get().layout();
        robot.interact(vm::newDocument);
        assertThat(WaitForAsyncUtils.asyncFx(() -> files.openFile(file)).get().get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(vm.document().get().layout()).isEqualTo(layout);
        assertThat(files.recent().list()).containsExactly(file.toAbsolutePath());
        awaitAnalysis();
    }

    @Test
    void unsavedWorkIsRecoveredAfterAnAbnormalExit(FxRobot robot) throws Exception {
        awaitAnalysis();
        robot.clickOn(window.canvas().cardFor("drop9"));
        robot.type(KeyCode.DELETE);
        NetworkSpec edited = vm.document().get().spec();
        Path folder = home.resolve("recovery");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> jsonFiles(folder).size() == 1);
        Path copy = jsonFiles(folder).get(0);

        // This window is running: a second one does not offer its work.
        WorkbenchViewModel second = new WorkbenchViewModel(Analyzer.standard(), Runnable::run, Runnable::run);
        FileController secondFiles = new FileController(second, new RecentFiles(home), new RecoveryStore(home));
        WaitForAsyncUtils.asyncFx(secondFiles::offerRecovery).get().get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(showingDialog(robot)).isEmpty();
        robot.interact(secondFiles::shutdown);

        // The "next start" after a crash: the copy as a window whose process died leaves it (nobody holds its lock).
        Files.copy(copy, folder.resolve("999999999-crashed.json"));
        WorkbenchViewModel next = new WorkbenchViewModel(Analyzer.standard(), Runnable::run, Runnable::run);
        FileController nextFiles = new FileController(next, new RecentFiles(home), new RecoveryStore(home));
        Platform.runLater(nextFiles::offerRecovery);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> showingDialog(robot).isPresent());
        DialogPane dialog = showingDialog(robot).orElseThrow();
        assertThat(dialog.getContentText()).contains("did not close normally", "squeezenet-v1.0");
        robot.interact(() -> ((javafx.scene.control.Button) dialog.lookupButton(javafx.scene.control.ButtonType.YES))
                .fire());
        assertThat(next.document().get().spec()).isEqualTo(edited);
        assertThat(next.dirty().get()).isTrue();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !Files.exists(folder.resolve("999999999-crashed.json")));

        robot.interact(files::shutdown);
        robot.interact(nextFiles::shutdown);
        assertThat(jsonFiles(folder)).isEmpty();
    }

    @Test
    void theChartInAnUnselectedTabCatchesUpWhenItsTabIsSelected(FxRobot robot) throws Exception {
        awaitAnalysis();
        javafx.scene.control.TabPane tabs = robot.lookup(".tab-pane").queryAllAs(javafx.scene.control.TabPane.class)
                .stream().filter(p -> p.getTabs().stream().anyMatch(t -> t.getText().equals("Chart")))
                .findFirst().orElseThrow();
        javafx.scene.control.Tab chartTab = tabs.getTabs().stream().filter(t -> t.getText().equals("Chart"))
                .findFirst().orElseThrow();
        javafx.scene.control.Tab layersTab = tabs.getTabs().get(0);
        assertThat(layersTab.isSelected()).isTrue();
        // the views behind the tabs nobody has selected yet are not made when the window opens
        assertThat(tabs.getTabs()).filteredOn(t -> !t.isSelected()).allMatch(t -> t.getContent() == null);
        robot.interact(() -> tabs.getSelectionModel().select(chartTab));
        org.cnnworkbench.app.ui.view.LayerChartView chart =
                (org.cnnworkbench.app.ui.view.LayerChartView) chartTab.getContent();
        double before = paramPercent(chart, "fire5");
        robot.interact(() -> tabs.getSelectionModel().select(layersTab));

        robot.interact(() -> vm.apply(org.cnnworkbench.app.ui.document.Edits.setParam(vm.document().get(), "fire5",
                "e3x3", 96)));
        awaitAnalysis();
        double expected = org.cnnworkbench.app.ui.viewmodel.LayerShares.of(vm.layers()).stream()
                .filter(b -> b.id().equals("fire5")).findFirst().orElseThrow().paramPercent();
        assertThat(expected).isNotEqualTo(before);
        // the Layers tab is selected: the chart has not been redrawn for the edit it cannot show
        assertThat(paramPercent(chart, "fire5")).isEqualTo(before);

        robot.interact(() -> tabs.getSelectionModel().select(chartTab));
        assertThat(paramPercent(chart, "fire5")).isEqualTo(expected);
        // while it shows, it follows each edit at once
        robot.interact(() -> vm.apply(org.cnnworkbench.app.ui.document.Edits.setParam(vm.document().get(), "fire5",
                "e3x3", 128)));
        awaitAnalysis();
        assertThat(paramPercent(chart, "fire5")).isEqualTo(before);
    }

    private static double paramPercent(org.cnnworkbench.app.ui.view.LayerChartView chart, String id) {
        return chart.paramsSeries().getData().stream().filter(d -> d.getXValue().equals(id)).findFirst()
                .orElseThrow().getYValue().doubleValue();
    }

    private static java.util.List<Path> jsonFiles(Path folder) throws java.io.IOException {
        if (!Files.isDirectory(folder)) {
            return java.util.List.of();
        }
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json")).toList();
        }
    }
}
