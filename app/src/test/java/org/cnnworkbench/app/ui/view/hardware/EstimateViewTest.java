package org.cnnworkbench.app.ui.view.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.hardware.Estimate;
import org.cnnworkbench.engine.hardware.LayerEstimate;
import org.cnnworkbench.engine.hardware.RooflineEstimator;
import org.cnnworkbench.samples.HardwareProfiles;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class EstimateViewTest {

    private WorkbenchViewModel vm;
    private EstimateView view;

    @Start
    void start(Stage stage) throws Exception {
        vm = new WorkbenchViewModel(Analyzer.standard(), Runnable::run, Runnable::run);
        vm.open(SampleNetworks.load("squeezenet-v1.0"), null);
        view = new EstimateView(vm);
        stage.setScene(new Scene(view, 1000, 800));
        stage.show();
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void showsTheEnginesNumbersAndFollowsTheProfileAndTheNetwork(FxRobot robot) throws Exception {
        Estimate e = RooflineEstimator.estimate(vm.report().get(), HardwareProfiles.load("titan-x"), 1, null);
        assertThat(text(robot, "#estimate-ms")).isEqualTo(String.format("%.3f ms/frame", e.secondsPerFrame() * 1e3));
        assertThat(text(robot, "#estimate-fps")).isEqualTo(String.format("%,.0f frames/s", e.framesPerSecond()));
        assertThat(text(robot, "#estimate-mj")).isEqualTo(String.format("%.2f mJ/frame", e.joulesPerFrame() * 1e3));
        assertThat(view.table().getItems()).isEqualTo(e.layers());
        long computeBound = e.layers().stream().filter(LayerEstimate::computeBound).count();
        assertThat(view.computeSeries().getData()).hasSize((int) computeBound);
        assertThat(view.memorySeries().getData()).hasSize(e.layers().size() - (int) computeBound);
        assertThat(view.computeSeries().getData().get(0).getYValue().doubleValue())
                .isEqualTo(e.layers().stream().filter(LayerEstimate::computeBound).findFirst().orElseThrow()
                        .seconds() * 1e3);

        robot.clickOn("#estimate-profile").clickOn("jetson-tx1");
        Estimate tx1 = RooflineEstimator.estimate(vm.report().get(), HardwareProfiles.load("jetson-tx1"), 1, null);
        assertThat(text(robot, "#estimate-ms")).isEqualTo(String.format("%.3f ms/frame", tx1.secondsPerFrame() * 1e3));

        robot.interact(() -> {
            try {
                vm.open(SampleNetworks.load("alexnet"), null);
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        assertThat(view.table().getItems()).extracting(LayerEstimate::id).contains("fc6", "fc8");
    }
}
