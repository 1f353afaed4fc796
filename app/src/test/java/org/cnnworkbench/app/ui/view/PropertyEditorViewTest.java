package org.cnnworkbench.app.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Totals;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
@SuppressWarnings("unchecked")
class PropertyEditorViewTest {

    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) {
        vm = PanelTestSupport.squeezeNet();
        StatusBarView status = new StatusBarView(vm);
        BorderPane root = new BorderPane(new PropertyEditorView(vm));
        root.setBottom(status);
        Scene scene = new Scene(root, 500, 700);
        scene.getStylesheets().add(getClass().getResource(PanelTestSupport.PANELS_CSS).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private NetworkSpec spec() {
        return vm.document().get().spec();
    }

    private void select(FxRobot robot, String id) {
        robot.interact(() -> vm.select(id));
    }

    private String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @Test
    void showsAHintWithoutASelection(FxRobot robot) {
        assertThat(robot.lookup("#prop-hint").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#prop-s1x1").tryQuery()).isEmpty();
    }

    @Test
    void typingAValidValueEditsTheSpecAndTheTotals(FxRobot robot) {
        select(robot, "fire2");
        assertThat(robot.lookup("#prop-s1x1").queryAs(TextField.class).getText()).isEqualTo("16");
        String before = text(robot, "#status-totals");
        robot.doubleClickOn("#prop-s1x1").eraseText(2).write("32").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(spec().node("fire2").orElseThrow().param("s1x1")).isEqualTo(32L);
        Totals expected = Analyzer.standard().analyze(spec()).totals();
        String totals = text(robot, "#status-totals");
        assertThat(totals).isNotEqualTo(before)
                .startsWith(String.format(Locale.ROOT, "%,d params · %,d MACs", expected.paramTotal(),
                        expected.macs()))
                .isEqualTo(vm.status().get().text());
        assertThat(text(robot, "#prop-summary")).contains("params");
    }

    @Test
    void refusesZeroAndTextWithTheReasonAndLeavesTheSpecUnchanged(FxRobot robot) {
        select(robot, "fire2");
        NetworkSpec before = spec();
        robot.doubleClickOn("#prop-s1x1").eraseText(2).write("0").type(KeyCode.ENTER);
        TextField field = robot.lookup("#prop-s1x1").queryAs(TextField.class);
        assertThat(field.getStyleClass()).contains(ParamEditors.ERROR_STYLE);
        assertThat(field.getText()).isEqualTo("0");
        Label error = robot.lookup("#prop-error").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains("'0'");
        robot.eraseText(1).write("abc").type(KeyCode.ENTER);
        assertThat(error.getText()).contains("'abc' is not a whole number");
        assertThat(spec()).isSameAs(before);

        robot.eraseText(3).write("20").type(KeyCode.ENTER);
        assertThat(spec().node("fire2").orElseThrow().param("s1x1")).isEqualTo(20L);
        assertThat(error.isVisible()).isFalse();
        assertThat(field.getStyleClass()).doesNotContain(ParamEditors.ERROR_STYLE);
    }

    @Test
    void renamesAndRefusesADuplicateId(FxRobot robot) {
        select(robot, "fire2");
        robot.doubleClickOn("#prop-id").eraseText(5).write("fire3").type(KeyCode.ENTER);
        assertThat(text(robot, "#prop-error")).contains("already a node 'fire3'");
        assertThat(spec().contains("fire2")).isTrue();

        robot.eraseText(5).write("squeeze2").type(KeyCode.ENTER);
        assertThat(spec().contains("squeeze2")).isTrue();
        assertThat(spec().contains("fire2")).isFalse();
        assertThat(vm.selection()).containsExactly("squeeze2");
        assertThat(robot.lookup("#prop-id").queryAs(TextField.class).getText()).isEqualTo("squeeze2");
    }

    @Test
    void checkBoxTogglesAFlag(FxRobot robot) {
        select(robot, "fire2");
        robot.clickOn("#prop-bypass");
        assertThat(spec().node("fire2").orElseThrow().param("bypass")).isEqualTo(true);
    }

    @Test
    void commitsWhenTheFieldLosesFocusAndRevertsOnEscape(FxRobot robot) {
        select(robot, "fire2");
        robot.doubleClickOn("#prop-e1x1").eraseText(2).write("48");
        robot.clickOn("#prop-e3x3");
        assertThat(spec().node("fire2").orElseThrow().param("e1x1")).isEqualTo(48L);

        robot.eraseText(2).write("x").type(KeyCode.ESCAPE);
        assertThat(robot.lookup("#prop-e3x3").queryAs(TextField.class).getText()).isEqualTo("64");
        assertThat(spec().node("fire2").orElseThrow().param("e3x3")).isEqualTo(64L);
    }

    @Test
    void choiceParametersUseAComboBoxAndDefaultsArePrompts(FxRobot robot) {
        select(robot, "conv1");
        ComboBox<?> activation = robot.lookup("#prop-activation")
                .queryAs(ComboBox.class);
        assertThat(activation.getValue()).isEqualTo("relu");
        TextField pad = robot.lookup("#prop-pad").queryAs(TextField.class);
        assertThat(pad.getText()).isEmpty();
        assertThat(pad.getPromptText()).isEqualTo("default: 0");
        robot.interact(() -> ((ComboBox<String>) (Object) activation).setValue("none"));
        assertThat(spec().node("conv1").orElseThrow().param("activation")).isEqualTo("none");
        assertThat(text(robot, "#prop-description")).isNotBlank();
    }
}
