package org.cnnworkbench.app.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.cnnworkbench.app.ui.viewmodel.CompareViewModel;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class CompareViewTest {

    private Stage window;

    @Start
    void start(Stage stage) throws Exception {
        NetworkSpec before = SampleNetworks.load("squeezenet-v1.0").spec();
        NetworkSpec after = before.withNode(before.node("conv1").orElseThrow().withParam("stride", 1L))
                .withName("squeezenet-stride1");
        AnalysisReport a = CompareViewModel.analyze(before);
        AnalysisReport b = CompareViewModel.analyze(after);
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.Pane(), 200, 100));
        stage.show();
        window = CompareView.showWindow(stage, a, b);
    }

    @Test
    void showsTheRatiosTheTypeAndTheChangedLayersOfAnEditedSqueezeNet(FxRobot robot) {
        assertThat(window.getTitle()).isEqualTo("Compare squeezenet-v1.0 and squeezenet-stride1");
        assertThat(window.getOwner()).isInstanceOf(Window.class);
        CompareView view = (CompareView) window.getScene().getRoot();
        var comparison = view.model().comparison().orElseThrow();
        assertThat(robot.lookup("#compare-type").queryAs(Label.class).getText()).isEqualTo("Change: GLOBAL");
        assertThat(robot.lookup("#compare-explanation").queryAs(Label.class).getText())
                .startsWith("Global change: the edit of conv1");
        // stride 2 -> 1 quadruples every later height x width; the parameters stay
        assertThat(robot.lookup("#ratio-params").queryAs(Label.class).getText()).isEqualTo("1.00 (1x)");
        String macs = robot.lookup("#ratio-macs").queryAs(Label.class).getText();
        assertThat(macs).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f (%.1fx)", comparison.macsRatio(),
                comparison.macsRatio()));
        assertThat(comparison.macsRatio()).isGreaterThan(3.5);
        TableView<?> layers = robot.lookup("#compare-layers").queryAs(TableView.class);
        assertThat(layers.getItems()).hasSize(comparison.changedLayers().size());
        assertThat(((CompareViewModel.ChangedRow) layers.getItems().get(0)).id()).isEqualTo("conv1");
        assertThat(((CompareViewModel.ChangedRow) layers.getItems().get(0)).change()).isEqualTo("edited");
    }
}
