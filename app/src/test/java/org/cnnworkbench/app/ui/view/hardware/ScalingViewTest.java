package org.cnnworkbench.app.ui.view.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.scaling.Scheme;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ScalingViewTest {

    private WorkbenchViewModel vm;
    private ScalingView view;

    @Start
    void start(Stage stage) throws Exception {
        vm = new WorkbenchViewModel(Analyzer.standard(), Runnable::run, Runnable::run);
        vm.open(SampleNetworks.load("nin"), null);
        view = new ScalingView(vm);
        stage.setScene(new Scene(view, 1000, 700));
        stage.show();
    }

    @Test
    void drawsOneSpeedupCurvePerNetworkWithTheEnginesPoints(FxRobot robot) {
        var chart = view.chart();
        assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly(ScalingView.IDEAL_SERIES,
                "current: nin (7,595,176 params)", "squeezenet-v1.0 (1,248,424 params)",
                "alexnet (60,965,224 params)", "vgg16 (138,357,544 params)");
        ScalingViewModel.Curve alexnet = view.model().curves().get().get(2);
        XYChart.Series<Number, Number> shown = chart.getData().get(3);
        assertThat(shown.getData()).hasSize(128);
        assertThat(shown.getData().get(127).getYValue().doubleValue())
                .isEqualTo(alexnet.points().get(127).speedup());

        robot.clickOn("#scaling-scheme").clickOn(Scheme.PARAMETER_SERVER.toString());
        assertThat(view.model().scheme().get()).isEqualTo(Scheme.PARAMETER_SERVER);
        ScalingViewModel.Curve viaServer = view.model().curves().get().get(2);
        assertThat(viaServer.points().get(127).speedup()).isLessThan(alexnet.points().get(127).speedup());
        assertThat(view.chart().getData().get(3).getData().get(127).getYValue().doubleValue())
                .isEqualTo(viaServer.points().get(127).speedup());
    }

    @Test
    void measuresTheCurrentNetworkOnSparkAndDrawsTheMeasuredPointsOverTheModelsCurve(FxRobot robot)
            throws Exception {
        robot.interact(() -> {
            try {
                vm.open(SampleNetworks.load("fashion-squeezenet"), null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            view.model().batch().set(8);
        });
        robot.doubleClickOn("#scaling-measure-workers").eraseText(3).write("2");
        robot.clickOn("#scaling-measure");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !view.model().measuring().get());
        WaitForAsyncUtils.waitForFxEvents();

        String status = robot.lookup("#scaling-measure-status").queryLabeled().getText();
        assertThat(status).startsWith("measured fashion-squeezenet on local[N], batch 8, averaging every 5 batches: "
                + "N=1 ").contains(", N=2 ");
        ScalingViewModel.Measured m = view.model().measured().get();
        assertThat(m.points()).extracting(p -> p.workers()).containsExactly(1, 2);
        var chart = view.chart();
        var names = chart.getData().stream().map(XYChart.Series::getName).toList();
        assertThat(names).contains(ScalingView.MEASURED_PREFIX + "fashion-squeezenet",
                ScalingView.MEASURED_MODEL_PREFIX + "fashion-squeezenet");
        XYChart.Series<Number, Number> measured = chart.getData().get(names.indexOf(
                ScalingView.MEASURED_PREFIX + "fashion-squeezenet"));
        assertThat(measured.getData()).hasSize(2);
        assertThat(measured.getData().get(0).getYValue().doubleValue()).isEqualTo(1.0);
        assertThat(measured.getData().get(1).getYValue().doubleValue()).isEqualTo(m.speedup(m.points().get(1)))
                .isPositive();
        assertThat(measured.getData().get(1).getNode().isVisible()).isTrue();
        // the model's curve for the measured setting: 8 x 5 images per worker between averagings, the measured
        // 1-worker time per image, the window's bandwidth and scheme
        double expected = org.cnnworkbench.engine.scaling.DataParallelScaling.curve(61_834,
                new org.cnnworkbench.engine.scaling.ScalingSetup(40, m.points().get(0).secondsPerImagePerWorker(),
                        56e9 / 8, 4), view.model().scheme().get(), 2).get(1).speedup();
        assertThat(m.estimate().get(1).speedup()).isEqualTo(expected);
        // the x axis narrows to the measured range
        assertThat(view.model().shownWorkers().get()).isEqualTo(4);
        assertThat(((javafx.scene.chart.NumberAxis) chart.getXAxis()).getUpperBound()).isEqualTo(4);
    }
}
