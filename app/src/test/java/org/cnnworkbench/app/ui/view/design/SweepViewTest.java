package org.cnnworkbench.app.ui.view.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.viewmodel.SweepTrainingSettings;
import org.cnnworkbench.app.ui.viewmodel.SweepTrainingViewModel;
import org.cnnworkbench.app.ui.viewmodel.SweepViewModel;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The sweep window's "Train each point", headless: two points trained on a few dozen generated images fill the
 * accuracy and trade-off charts and the table; a click on a point selects it, and it opens its network and runs.
 */
@ExtendWith(ApplicationExtension.class)
class SweepViewTest {

    @TempDir
    static Path dir;

    private SweepView view;
    private final List<NetworkSpec> opened = new ArrayList<>();
    private final List<Object> shownRuns = new ArrayList<>();

    @Start
    void start(Stage stage) {
        SweepViewModel model = new SweepViewModel(dir.resolve("runs"), Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-sweep");
            t.setDaemon(true);
            return t;
        }), Platform::runLater);
        view = new SweepView(model, new SweepView.Actions(opened::add, (folder, runs) -> {
            shownRuns.add(folder);
            shownRuns.add(runs);
        }));
        stage.setScene(new Scene(view, 1400, 900));
        stage.show();
    }

    @Test
    void trainingEachPointDrawsTheMeasuredAccuracyAndThePointsOpenTheirNetworkAndRuns(FxRobot robot) throws Exception {
        SweepViewModel model = view.model();
        SweepTrainingViewModel training = model.training();
        Path idx = IdxFiles.learnableFashionMnist(dir.resolve("idx"), 40, 20);
        assertThat(robot.lookup("#sweep-training").query().isVisible()).isFalse();

        robot.clickOn("#sweep-train");

        assertThat(robot.lookup("#sweep-training").query().isVisible()).isTrue();
        assertThat(model.trunk().get()).isEqualTo(SqueezeNetMetaparameters.Trunk.SMALL);
        assertThat(robot.lookup("#sweep-run").queryButton().getText()).isEqualTo("Run and Train");
        assertThat(robot.lookup("#sweep-folder").queryTextInputControl().getText())
                .startsWith(dir.resolve("runs").resolve("sweep-sr-").toString());
        SweepTrainingSettings s = training.settings();
        robot.interact(() -> {
            robot.lookup("#sweep-param").queryAs(ComboBox.class).setValue("pct_3x3");
            robot.lookup("#sweep-from").queryAs(TextField.class).setText("0.25");
            robot.lookup("#sweep-to").queryAs(TextField.class).setText("0.75");
            robot.lookup("#sweep-steps").queryAs(TextField.class).setText("2");
            robot.lookup("#sweep-fashion-dir").queryAs(TextField.class).setText(idx.toString());
            robot.lookup("#sweep-lr").queryAs(TextField.class).setText("0.003");
            robot.lookup("#sweep-folder").queryAs(TextField.class).setText(dir.resolve("sweep").toString());
            s.trainLimit().set(0);
            s.valLimit().set(0);
            s.epochs().set(2);
            s.batchSize().set(20);
        });
        assertThat(robot.lookup("#sweep-epochs").queryAs(javafx.scene.control.Spinner.class).getValue()).isEqualTo(2);
        assertThat(s.learningRate().get()).isEqualTo(0.003);

        robot.clickOn("#sweep-run");
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> !training.isBusy());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.error().get()).isEmpty();
        assertThat(training.state().get()).isEqualTo(SweepTrainingViewModel.State.FINISHED);
        assertThat(robot.lookup("#sweep-runs-done").queryLabeled().getText()).isEqualTo("2 of 2 runs finished");
        assertThat(robot.lookup("#sweep-progress").queryAs(ProgressBar.class).getProgress()).isEqualTo(1.0);
        assertThat(robot.lookup("#sweep-status").queryLabeled().getText()).startsWith("all 2 runs trained");
        assertThat(robot.lookup("#sweep-continue").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#sweep-cancel").queryButton().isDisabled()).isTrue();
        // params / MACs / size of the trained networks, and their measured accuracy beside
        assertThat(view.chart().getData()).hasSize(1);
        assertThat(view.chart().getData().get(0).getData()).hasSize(2);
        assertThat(view.accuracyChart().getData()).hasSize(1);
        assertThat(view.accuracyChart().getData().get(0).getData()).extracting(d -> d.getYValue().doubleValue())
                .containsExactly(100 * model.accuracy().get().get(0).top1(), 100 * model.accuracy().get().get(1).top1());
        XYChart.Series<Number, Number> points = view.tradeoffChart().getData().get(0);
        XYChart.Series<Number, Number> front = view.tradeoffChart().getData().get(1);
        assertThat(points.getName()).isEqualTo(SweepResultsPane.POINTS_SERIES);
        assertThat(points.getData()).hasSize(2);
        assertThat(front.getName()).isEqualTo(SweepResultsPane.FRONT_SERIES);
        assertThat(front.getData()).hasSize((int) model.rows().stream().filter(r -> r.onFront()).count())
                .isNotEmpty();
        assertThat(view.pointsTable().getItems()).hasSize(2)
                .allSatisfy(r -> assertThat(r.top1()).endsWith("%"));

        // a click on a point of the trade-off chart selects it; it opens its network and its runs
        Node second = robot.lookup("#sweep-tradeoff-point-1").query();
        robot.clickOn(second);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.pointsTable().getSelectionModel().getSelectedIndex()).isEqualTo(1);
        assertThat(robot.lookup("#sweep-point-detail").queryLabeled().getText()).startsWith("pct_3x3 = 0.75: seed 42");
        robot.clickOn("#sweep-open-network");
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).name()).isEqualTo("squeezenet pct_3x3 = 0.75");
        robot.clickOn("#sweep-show-runs");
        assertThat(shownRuns).containsExactly(dir.resolve("sweep/runs"), model.runDirectories(1));
        assertThat(model.runDirectories(1)).hasSize(1);
    }
}
