package org.cnnworkbench.app.ui.view.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.cnnworkbench.app.ui.view.canvas.CanvasTestSupport.screenBounds;
import static org.cnnworkbench.app.ui.view.canvas.CanvasTestSupport.screenCentre;
import static org.cnnworkbench.app.ui.view.canvas.CanvasTestSupport.screenOf;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Panning, revealing the selection, moving several cards, and selecting and removing a connection. */
@ExtendWith(ApplicationExtension.class)
class CanvasNavigationTest {

    private WorkbenchViewModel vm;
    private GraphCanvasView canvas;

    @Start
    void start(Stage stage) {
        vm = CanvasTestSupport.squeezeNet();
        canvas = new GraphCanvasView(vm);
        stage.setScene(CanvasTestSupport.styled(new Scene(new BorderPane(canvas), 900, 760)));
        stage.show();
    }

    @Test
    void draggingTheBackgroundWithTheSecondaryButtonPansWithoutEditing(FxRobot robot) {
        Bounds before = screenBounds(canvas.cardFor("fire5"));
        Point2D background = new Point2D(before.getMinX() - 60, before.getCenterY());
        robot.drag(background, MouseButton.SECONDARY).moveBy(50, 20).moveBy(50, 20).drop();
        Bounds after = screenBounds(canvas.cardFor("fire5"));
        assertThat(after.getMinX() - before.getMinX()).isCloseTo(100, offset(1.0));
        assertThat(after.getMinY() - before.getMinY()).isCloseTo(40, offset(1.0));
        assertThat(vm.canUndo().get()).isFalse();
    }

    @Test
    void draggingTheBackgroundWithSpaceHeldPans(FxRobot robot) {
        Bounds before = screenBounds(canvas.cardFor("fire5"));
        Point2D background = new Point2D(before.getMinX() - 60, before.getCenterY());
        robot.clickOn(background).press(KeyCode.SPACE);
        robot.drag(background, MouseButton.PRIMARY).moveBy(-30, 0).moveBy(-30, 0).drop().release(KeyCode.SPACE);
        assertThat(screenBounds(canvas.cardFor("fire5")).getMinX() - before.getMinX())
                .isCloseTo(-60, offset(1.0));
        assertThat(vm.selection()).isEmpty();
    }

    @Test
    void selectingANodeElsewhereBringsItsCardIntoView(FxRobot robot) {
        robot.interact(() -> {
            canvas.setZoom(2);
            vm.select("data");
        });
        Bounds view = screenBounds(canvas);
        assertThat(view.contains(screenBounds(canvas.cardFor("prob")))).isFalse();
        robot.interact(() -> vm.select("prob"));
        assertThat(view.contains(screenBounds(canvas.cardFor("prob")))).isTrue();
    }

    @Test
    void draggingOneOfSeveralSelectedCardsMovesThemAllInOneStep(FxRobot robot) {
        NodePosition fire2 = vm.document().get().position("fire2");
        NodePosition fire3 = vm.document().get().position("fire3");
        robot.interact(() -> vm.selection().addAll(List.of("fire2", "fire3")));
        robot.drag(screenCentre(canvas.cardFor("fire2")), MouseButton.PRIMARY).moveBy(40, 0).moveBy(40, 0).drop();
        double dx = vm.document().get().position("fire2").x() - fire2.x();
        assertThat(dx).isGreaterThan(0);
        assertThat(vm.document().get().position("fire3").x() - fire3.x()).isEqualTo(dx);
        assertThat(vm.undoText().get()).isEqualTo("Undo Move 2 nodes");
        assertThat(vm.selection()).containsExactlyInAnyOrder("fire2", "fire3");
    }

    @Test
    void clickingAConnectionSelectsItAndItCanBeRemoved(FxRobot robot) {
        NodeCard fire6 = canvas.cardFor("fire6");
        NodeCard fire7 = canvas.cardFor("fire7");
        double midY = (fire6.outputPoint().getY() + fire7.inputPoint().getY()) / 2;
        robot.clickOn(screenOf(canvas, fire6.outputPoint().getX(), midY));
        assertThat(canvas.selectedEdge()).isSameAs(canvas.edgeFor("fire6", "fire7"));
        assertThat(canvas.selectedEdge().getStyleClass()).contains("edge-selected");

        robot.interact(() -> assertThat(canvas.disconnectSelectedEdge()).isTrue());
        assertThat(vm.document().get().spec().node("fire7").orElseThrow().inputs()).isEmpty();
        assertThat(canvas.edgeFor("fire6", "fire7")).isNull();
        assertThat(canvas.selectedEdge()).isNull();
        assertThat(canvas.cardFor("fire7").getStyleClass()).contains("node-card-error");
    }

    @Test
    void openingAnotherNetworkReplacesTheCardsAndFitsThemIntoView(FxRobot robot) throws Exception {
        var other = SampleNetworks.load("squeezenet-v1.1");
        robot.interact(() -> {
            canvas.setZoom(4);
            vm.open(other, null);
        });
        assertThat(canvas.cardCount()).isEqualTo(other.spec().size());
        Bounds view = screenBounds(canvas);
        other.spec().nodes().forEach(n ->
                assertThat(view.contains(screenBounds(canvas.cardFor(n.id())))).as(n.id()).isTrue());
    }
}
