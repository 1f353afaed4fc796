package org.cnnworkbench.app.ui.view.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.FileController;
import org.cnnworkbench.app.ui.FxRuntime;
import org.cnnworkbench.app.ui.MainWindow;
import org.cnnworkbench.app.ui.files.RecentFiles;
import org.cnnworkbench.app.ui.files.RecoveryStore;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.hardware.LayerEstimate;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Hardware tab in the main window at 1600x1000, as issue 15 found it: room for the table, bars in order. */
@ExtendWith(ApplicationExtension.class)
class HardwareTabLayoutTest {

    @TempDir
    Path home;

    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        vm = new WorkbenchViewModel(Analyzer.standard(), FxRuntime.analysisThread(), Platform::runLater);
        FileController files = new FileController(vm, new RecentFiles(home), new RecoveryStore(home));
        vm.open(SampleNetworks.load("squeezenet-v1.1"), null);
        new MainWindow(vm, files).show(stage, 1600, 1000);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTableShowsSeveralLayersAndTheChartDrawsThemInLayerOrder(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> vm.isAnalysisCurrent());
        robot.clickOn("Hardware");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<LayerEstimate> table = robot.lookup("#estimate-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSizeGreaterThan(10);
        // rows with a layer that lie wholly inside the table's visible area
        Bounds visible = table.localToScene(table.getLayoutBounds());
        long shown = robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() != null && r.isVisible() && r.getScene() != null)
                .filter(r -> {
                    Bounds b = r.localToScene(r.getLayoutBounds());
                    return b.getMinY() >= visible.getMinY() && b.getMaxY() <= visible.getMaxY();
                })
                .filter(r -> table.getItems().contains(r.getItem()))
                .count();
        assertThat(shown).as("layer rows visible in the Hardware tab at 1600x1000").isGreaterThanOrEqualTo(6);

        BarChart<String, Number> chart = robot.lookup("#estimate-chart").queryAs(BarChart.class);
        CategoryAxis axis = (CategoryAxis) chart.getXAxis();
        assertThat(axis.getCategories()).containsExactlyElementsOf(
                table.getItems().stream().map(LayerEstimate::id).toList());
        assertThat(axis.getCategories().get(0)).isEqualTo("conv1");
        // a memory-bound pool sits between compute-bound layers, not after all of them
        assertThat(axis.getCategories().indexOf("pool1")).isLessThan(axis.getCategories().indexOf("fire2"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void measureShowsEachLayersMeasuredTimeBesideItsEstimateUntilTheNetworkChanges(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> vm.isAnalysisCurrent());
        robot.clickOn("Hardware");
        TableView<LayerEstimate> table = robot.lookup("#estimate-table").queryAs(TableView.class);
        EstimateView view = robot.lookup("#estimate-view").queryAs(EstimateView.class);
        assertThat(view.measuredSeries().getData()).isEmpty();

        robot.clickOn("#estimate-measure");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !view.model().measuring().get());
        WaitForAsyncUtils.waitForFxEvents();
        String status = robot.lookup("#estimate-measure-status").queryAs(javafx.scene.control.Label.class).getText();
        assertThat(status).startsWith("measured on this machine");
        // every estimated layer has its measured time, in the table's column and as the third series, in order
        assertThat(view.measuredSeries().getData()).extracting(d -> d.getXValue())
                .containsExactlyElementsOf(table.getItems().stream().map(LayerEstimate::id).toList());
        assertThat(view.measuredSeries().getData()).allSatisfy(d -> assertThat(d.getYValue().doubleValue()).isPositive());
        javafx.scene.control.TableColumn<LayerEstimate, ?> measured = table.getColumns().stream()
                .filter(c -> c.getText().equals("measured ms")).findFirst().orElseThrow();
        assertThat((String) measured.getCellData(0)).matches("[0-9.,]+");
        javafx.scene.control.TableColumn<LayerEstimate, ?> ratio = table.getColumns().stream()
                .filter(c -> c.getText().equals("measured/estimated")).findFirst().orElseThrow();
        assertThat((String) ratio.getCellData(0)).matches("[0-9.,]+x");

        // another network: the measurement was of the old one, and goes
        robot.interact(() -> {
            try {
                vm.open(SampleNetworks.load("squeezenet-v1.0"), null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> vm.isAnalysisCurrent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.measuredSeries().getData()).isEmpty();
        assertThat((String) measured.getCellData(0)).isEmpty();
        assertThat(view.model().measureStatus().get()).isEqualTo("the network changed: measure again");
    }
}
