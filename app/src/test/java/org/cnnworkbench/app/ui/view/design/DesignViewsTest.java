package org.cnnworkbench.app.ui.view.design;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.viewmodel.GenerateSqueezeNetViewModel;
import org.cnnworkbench.app.ui.viewmodel.SweepViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.design.SqueezeNetGenerator;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class DesignViewsTest {

    private Stage stage;
    private SweepView sweep;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        sweep = new SweepView(new SweepViewModel());
        stage.setScene(new Scene(sweep, 1000, 640));
        stage.show();
    }

    @Test
    void changingSqueezeRatioUpdatesThePreviewToTheEnginesNumbers(FxRobot robot) {
        GenerateSqueezeNetDialog[] dialog = new GenerateSqueezeNetDialog[1];
        robot.interact(() -> {
            dialog[0] = new GenerateSqueezeNetDialog(stage, Analyzer.standard());
            dialog[0].show();
        });
        Label preview = robot.lookup("#generate-preview").queryAs(Label.class);
        assertThat(preview.getText()).startsWith("1,248,424 params");

        TextField sr = robot.lookup("#meta-sr").queryAs(TextField.class);
        robot.interact(() -> sr.setText("0.75"));
        var expected = Analyzer.standard().analyze(SqueezeNetGenerator.generate(
                SqueezeNetMetaparameters.defaults().withSqueezeRatio(0.75))).totals();
        assertThat(preview.getText()).isEqualTo(GenerateSqueezeNetViewModel.previewText(expected))
                .startsWith("4,841,704 params");

        robot.interact(() -> sr.setText("-1"));
        assertThat(robot.lookup("#meta-sr-error").queryAs(Label.class).getText()).startsWith("SR is -1");
        assertThat(preview.getText()).isEmpty();
        robot.interact(() -> dialog[0].close());
    }

    /** Sweeps run off the UI thread; wait until the Run button is enabled again and the chart redrawn. */
    private void awaitSweep() {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                    () -> !sweep.lookup("#sweep-run").isDisabled());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the sweep did not finish", e);
        }
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void runningASweepDrawsOnePointPerValue(FxRobot robot) {
        robot.interact(() -> {
            robot.lookup("#sweep-param").queryAs(ComboBox.class).setValue("pct_3x3");
            robot.lookup("#sweep-from").queryAs(TextField.class).setText("0.01");
            robot.lookup("#sweep-to").queryAs(TextField.class).setText("0.99");
            robot.lookup("#sweep-steps").queryAs(TextField.class).setText("5");
        });
        robot.clickOn("#sweep-run");
        awaitSweep();
        LineChart<Number, Number> chart = sweep.chart();
        assertThat(chart.getData()).hasSize(1);
        assertThat(chart.getData().get(0).getData()).hasSize(5);
        assertThat(chart.getXAxis().getLabel()).isEqualTo("pct_3x3");

        robot.interact(() -> {
            robot.lookup("#sweep-second").queryAs(javafx.scene.control.CheckBox.class).setSelected(true);
            robot.lookup("#sweep-param2").queryAs(ComboBox.class).setValue("sr");
        });
        robot.clickOn("#sweep-run");
        awaitSweep();
        assertThat(chart.getData()).hasSize(3);
        assertThat(chart.getData().get(0).getName()).isEqualTo("sr = 0.25");
        assertThat(chart.getData()).allSatisfy(series -> assertThat(series.getData()).hasSize(5));
    }
}
