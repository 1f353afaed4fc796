package org.cnnworkbench.app.ui.view.hardware;

import static org.assertj.core.api.Assertions.assertThat;

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
}
