package org.cnnworkbench.app.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.document.Edits;
import org.cnnworkbench.app.ui.viewmodel.LayerRow;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ProblemsAndChartViewTest {

    private WorkbenchViewModel vm;
    private LayerChartView chart;

    @Start
    void start(Stage stage) {
        vm = PanelTestSupport.squeezeNet();
        chart = new LayerChartView(vm);
        VBox root = new VBox(new ProblemsView(vm), chart, new StatusBarView(vm));
        Scene scene = new Scene(root, 900, 800);
        scene.getStylesheets().add(getClass().getResource(PanelTestSupport.PANELS_CSS).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @Test
    void listsTheDiagnosticOfAnInvalidEditAndClickingItSelectsTheNode(FxRobot robot) {
        assertThat(robot.lookup("#problems-empty").queryAs(Label.class).getText()).isEqualTo("No problems");
        assertThat(text(robot, "#status-validity")).isEqualTo("valid");
        robot.interact(() -> vm.apply(Edits.setParam(vm.document().get(), "conv1", "groups", 5L)));
        assertThat(vm.problems()).isNotEmpty();
        assertThat(text(robot, "#status-validity")).matches("\\d+ errors?, \\d+ warnings?");

        robot.clickOn(DiagnosticCell.text(vm.problems().get(0)));
        assertThat(vm.selection()).containsExactly("conv1");
    }

    @Test
    void statusTextFollowsTheBitWidth(FxRobot robot) {
        String at8 = text(robot, "#status-totals");
        assertThat(at8).isEqualTo(vm.status().get().text()).contains("at 8-bit");
        robot.clickOn("#status-bits").clickOn("4-bit");
        assertThat(vm.bits().get()).isEqualTo(4);
        assertThat(text(robot, "#status-totals")).isNotEqualTo(at8).contains("at 4-bit")
                .isEqualTo(vm.status().get().text());
    }

    @Test
    void chartHasAParamsAndAMacsBarPerLayerWithWeightsAndUpdatesThemInPlace(FxRobot robot) {
        long withWork = vm.layers().stream().filter(r -> r.params() > 0 || r.macs() > 0).count();
        assertThat(chart.getData()).extracting(XYChart.Series::getName)
                .containsExactly(LayerChartView.PARAMS_SERIES, LayerChartView.MACS_SERIES);
        assertThat(chart.paramsSeries().getData()).hasSize((int) withWork);
        assertThat(chart.macsSeries().getData()).hasSize((int) withWork);
        assertThat(chart.getAnimated()).isFalse();

        XYChart.Data<String, Number> fire2 = chart.paramsSeries().getData().stream()
                .filter(d -> d.getXValue().equals("fire2")).findFirst().orElseThrow();
        double before = fire2.getYValue().doubleValue();
        robot.interact(() -> vm.apply(Edits.setParam(vm.document().get(), "fire2", "s1x1", 64L)));
        XYChart.Data<String, Number> after = chart.paramsSeries().getData().stream()
                .filter(d -> d.getXValue().equals("fire2")).findFirst().orElseThrow();
        assertThat(after).isSameAs(fire2);
        LayerRow row = vm.layers().stream().filter(r -> r.id().equals("fire2")).findFirst().orElseThrow();
        assertThat(after.getYValue().doubleValue()).isNotEqualTo(before).isEqualTo(row.paramShare() * 100);
    }
}
