package org.cnnworkbench.app.ui.view.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.cnnworkbench.app.ui.view.canvas.CanvasTestSupport.screenBounds;
import static org.cnnworkbench.app.ui.view.canvas.CanvasTestSupport.screenCentre;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Parent;
import javafx.scene.text.Text;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.document.Edits;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The canvas showing SqueezeNet v1.0, driven with the mouse (headless, through Monocle). */
@ExtendWith(ApplicationExtension.class)
class GraphCanvasViewTest {

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
    void showsOneCardPerNodeAndOneEdgePerConnection() {
        NetworkSpec spec = vm.document().get().spec();
        for (Node n : spec.nodes()) {
            assertThat(canvas.cardFor(n.id())).as(n.id()).isNotNull();
            for (String in : n.inputs()) {
                assertThat(canvas.edgeFor(in, n.id())).as(in + " -> " + n.id()).isNotNull();
            }
        }
        assertThat(canvas.edgeCount()).isEqualTo(spec.nodes().stream().mapToInt(n -> n.inputs().size()).sum());
    }

    @Test
    void cardsShowIdKindKeyParametersShapeAndParameterCount() {
        assertThat(texts(canvas.cardFor("conv1"))).contains("conv1", "conv", "96 filters 7x7 /2", "96x111x111",
                "14,208 params");
        assertThat(texts(canvas.cardFor("fire2"))).contains("s16 e64+64", "128x55x55", "11,920 params");
        assertThat(texts(canvas.cardFor("data"))).contains("3x227x227");
        assertThat(canvas.cardFor("conv1").getStyleClass()).contains("node-card", "category-convolution");
    }

    @Test
    void aCardIsSevenSceneNodesWithItsCategoryStripeInItsOwnBackground() {
        NodeCard conv1 = canvas.cardFor("conv1");
        // JavaFX visits every scene node at each pulse that changes anything: a 2,000-node network pays per node
        assertThat(sceneNodes(conv1)).isEqualTo(7);
        assertThat(conv1.getBackground().getFills().get(0).getFill()).isEqualTo(Color.web("#1e6fd9"));
        assertThat(canvas.cardFor("pool1").getBackground().getFills().get(0).getFill())
                .isEqualTo(Color.web("#00897b"));
        // the texts stack inside the card, the shape and the count side by side on the last line
        Bounds card = conv1.getLayoutBounds();
        List<Text> lines = conv1.getChildrenUnmodifiable().stream().filter(Text.class::isInstance)
                .map(Text.class::cast).toList();
        assertThat(lines).hasSize(4);
        for (Text t : lines) {
            assertThat(card.contains(t.getBoundsInParent())).as(t.getText()).isTrue();
        }
        Bounds id = lines.get(0).getBoundsInParent();
        Bounds kind = lines.get(1).getBoundsInParent();
        Bounds shape = lines.get(2).getBoundsInParent();
        Bounds count = lines.get(3).getBoundsInParent();
        assertThat(kind.getMinY()).isGreaterThan(id.getMaxY());
        assertThat(shape.getMinY()).isGreaterThan(kind.getMaxY());
        assertThat(count.getMinX()).isGreaterThan(shape.getMaxX());
        assertThat(count.getMinY()).isEqualTo(shape.getMinY());
    }

    private static int sceneNodes(javafx.scene.Node node) {
        int n = 1;
        if (node instanceof Parent p) {
            for (javafx.scene.Node child : p.getChildrenUnmodifiable()) {
                n += sceneNodes(child);
            }
        }
        return n;
    }

    @Test
    void clickSelectsACardAndShortcutClickTogglesAnother(FxRobot robot) {
        robot.clickOn(screenCentre(canvas.cardFor("conv1")));
        assertThat(vm.selection()).containsExactly("conv1");
        assertThat(canvas.cardFor("conv1").getStyleClass()).contains("node-card-selected");
        assertThat(canvas.isFocused()).isTrue();

        robot.press(KeyCode.CONTROL).clickOn(screenCentre(canvas.cardFor("fire2"))).release(KeyCode.CONTROL);
        assertThat(vm.selection()).containsExactlyInAnyOrder("conv1", "fire2");

        robot.clickOn(backgroundLeftOf("pool4"));
        assertThat(vm.selection()).isEmpty();
        assertThat(canvas.cardFor("conv1").getStyleClass()).doesNotContain("node-card-selected");
    }

    @Test
    void selectionMadeElsewhereIsShownOnTheCards(FxRobot robot) {
        robot.interact(() -> vm.select("fire9"));
        assertThat(canvas.cardFor("fire9").isSelected()).isTrue();
        robot.interact(() -> vm.select("conv10"));
        assertThat(canvas.cardFor("fire9").isSelected()).isFalse();
        assertThat(canvas.cardFor("conv10").isSelected()).isTrue();
    }

    @Test
    void rubberBandSelectsTheCardsItTouches(FxRobot robot) {
        Bounds first = screenBounds(canvas.cardFor("fire2"));
        Bounds last = screenBounds(canvas.cardFor("fire4"));
        Point2D from = new Point2D(first.getMinX() - 30, first.getMinY() + 8);
        Point2D to = new Point2D(last.getMaxX() + 30, last.getMaxY() - 8);
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).drop();
        assertThat(vm.selection()).containsExactlyInAnyOrder("fire2", "fire3", "fire4");
    }

    @Test
    void draggingACardMovesItInOneUndoableStep(FxRobot robot) {
        NodePosition before = vm.document().get().position("fire3");
        Point2D grab = screenCentre(canvas.cardFor("fire3"));
        robot.drag(grab, MouseButton.PRIMARY).moveBy(40, 10).moveBy(60, 20).drop();

        NodePosition after = vm.document().get().position("fire3");
        double zoom = canvas.zoom();
        assertThat(after.x() - before.x()).isCloseTo(100 / zoom, offset(2 / zoom));
        assertThat(after.y() - before.y()).isCloseTo(30 / zoom, offset(2 / zoom));
        assertThat(canvas.cardFor("fire3").getLayoutX()).isEqualTo(after.x());
        assertThat(vm.undoText().get()).isEqualTo("Undo Move fire3");

        robot.interact(() -> assertThat(vm.undo()).isTrue());
        assertThat(vm.document().get().position("fire3")).isEqualTo(before);
        assertThat(vm.canUndo().get()).isFalse();
        assertThat(canvas.cardFor("fire3").getLayoutX()).isEqualTo(before.x());
    }

    @Test
    void draggingFromAnOutputPortToACardConnectsThem(FxRobot robot) {
        robot.drag(screenCentre(canvas.cardFor("pool1").outputPort()), MouseButton.PRIMARY)
                .moveTo(screenCentre(canvas.cardFor("fire4"))).drop();
        // fire takes a single input, so the new connection replaces the old one
        assertThat(vm.document().get().spec().node("fire4").orElseThrow().inputs()).containsExactly("pool1");
        assertThat(canvas.edgeFor("pool1", "fire4")).isNotNull();
        assertThat(canvas.edgeFor("fire3", "fire4")).isNull();
        assertThat(vm.undoText().get()).isEqualTo("Undo Connect pool1 -> fire4");
    }

    @Test
    void anInvalidNodeIsDrawnInTheErrorColourWithItsDiagnosticAsTooltip(FxRobot robot) {
        robot.interact(() -> vm.apply(Edits.setParam(vm.document().get(), "conv1", "kernel", 500L)));
        NodeCard conv1 = canvas.cardFor("conv1");
        assertThat(conv1.getStyleClass()).contains("node-card-error");
        assertThat(conv1.tooltip()).isNotNull();
        assertThat(conv1.tooltip().getText()).contains("conv1").contains("500");
        assertThat(canvas.cardFor("pool1").getStyleClass()).contains("node-card-blocked");

        robot.interact(() -> vm.undo());
        assertThat(conv1.getStyleClass()).doesNotContain("node-card-error");
        assertThat(conv1.tooltip()).isNull();
        assertThat(canvas.cardFor("pool1").getStyleClass()).doesNotContain("node-card-blocked");
    }

    @Test
    void zoomToFitKeepsEveryCardVisible(FxRobot robot) {
        robot.interact(() -> {
            canvas.zoomIn();
            canvas.zoomIn();
            canvas.zoomIn();
        });
        Bounds view = screenBounds(canvas);
        assertThat(vm.document().get().spec().nodes())
                .anyMatch(n -> !view.contains(screenBounds(canvas.cardFor(n.id()))));

        robot.interact(canvas::zoomToFit);
        for (Node n : vm.document().get().spec().nodes()) {
            assertThat(view.contains(screenBounds(canvas.cardFor(n.id())))).as(n.id()).isTrue();
        }
    }

    @Test
    void wheelZoomsAroundTheCursorWithinLimits(FxRobot robot) {
        double before = canvas.zoom();
        robot.moveTo(screenCentre(canvas.cardFor("fire5"))).scroll(3, VerticalDirection.UP);
        assertThat(canvas.zoom()).isNotEqualTo(before);
        robot.interact(() -> canvas.setZoom(100));
        assertThat(canvas.zoom()).isEqualTo(4.0);
        robot.interact(() -> canvas.setZoom(0.001));
        assertThat(canvas.zoom()).isEqualTo(0.1);
    }

    @Test
    void layOutPlacesEveryNodeBelowItsInputsOrInALaterColumn(FxRobot robot) {
        robot.interact(() -> vm.apply(Edits.move(vm.document().get(),
                Map.of("fire5", new NodePosition(900, -400), "data", new NodePosition(-300, 2000)))));
        robot.interact(() -> canvas.layOut(false));
        NetworkSpec spec = vm.document().get().spec();
        for (Node n : spec.nodes()) {
            for (String in : n.inputs()) {
                var card = canvas.cardFor(n.id());
                var input = canvas.cardFor(in);
                assertThat(card.getLayoutY() > input.getLayoutY() || card.getLayoutX() > input.getLayoutX())
                        .as(n.id() + " below " + in + " or in a column to its right").isTrue();
            }
        }
        assertThat(vm.undoText().get()).isEqualTo("Undo Lay out");
    }

    @Test
    void nudgeMovesTheSelectionInOneStep(FxRobot robot) {
        NodePosition fire2 = vm.document().get().position("fire2");
        robot.interact(() -> {
            vm.selection().addAll(Set.of("fire2", "fire3"));
            canvas.nudge(10, -5);
        });
        assertThat(vm.document().get().position("fire2")).isEqualTo(new NodePosition(fire2.x() + 10, fire2.y() - 5));
        assertThat(vm.undoText().get()).isEqualTo("Undo Move 2 nodes");
    }

    private Point2D backgroundLeftOf(String id) {
        Bounds b = screenBounds(canvas.cardFor(id));
        return new Point2D(b.getMinX() - 40, b.getCenterY());
    }

    /** Every line of every text of the card. */
    private static List<String> texts(Parent parent) {
        List<String> all = new ArrayList<>();
        for (javafx.scene.Node child : parent.getChildrenUnmodifiable()) {
            if (child instanceof Text t) {
                all.addAll(List.of(t.getText().split("\n")));
            } else if (child instanceof Parent p) {
                all.addAll(texts(p));
            }
        }
        return all;
    }
}
