package org.cnnworkbench.app.ui.view.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.cnnworkbench.app.ui.view.canvas.CanvasTestSupport.screenCentre;
import static org.cnnworkbench.app.ui.view.canvas.CanvasTestSupport.screenOf;

import java.util.Set;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.testing.MonocleDragState;
import org.cnnworkbench.app.ui.view.DragFormats;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Dragging a kind from a palette item onto the canvas: a real drag and drop, driven by the robot. */
@ExtendWith(ApplicationExtension.class)
class PaletteDropTest {

    private WorkbenchViewModel vm;
    private GraphCanvasView canvas;
    private Label fireItem;
    private Label reluItem;

    @Start
    void start(Stage stage) {
        vm = CanvasTestSupport.squeezeNet();
        canvas = new GraphCanvasView(vm);
        fireItem = paletteItem("fire");
        reluItem = paletteItem("relu");
        BorderPane root = new BorderPane(canvas);
        root.setLeft(new VBox(12, fireItem, reluItem));
        stage.setScene(CanvasTestSupport.styled(new Scene(root, 900, 760)));
        stage.show();
        MonocleDragState.reset();
    }

    /** What the palette does: puts {@code kind:<name>} on the dragboard. */
    private static Label paletteItem(String kind) {
        Label item = new Label(kind);
        item.setMinSize(80, 30);
        item.setOnDragDetected(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(DragFormats.kind(kind));
            item.startDragAndDrop(TransferMode.COPY).setContent(content);
            e.consume();
        });
        return item;
    }

    @Test
    void droppingAKindOnTheBackgroundCreatesASelectedNodeThere(FxRobot robot) {
        NodePosition data = vm.document().get().position("data");
        Point2D target = screenOf(canvas, data.x() + 600, data.y() + 300);
        robot.drag(screenCentre(fireItem), MouseButton.PRIMARY).moveBy(30, 0).moveTo(target).drop();

        NetworkSpec spec = vm.document().get().spec();
        Node fire = spec.node("fire1").orElseThrow();
        assertThat(fire.kind()).isEqualTo("fire");
        assertThat(fire.inputs()).isEmpty();
        assertThat(canvas.cardFor("fire1")).isNotNull();
        assertThat(vm.selection()).containsExactly("fire1");
        NodePosition at = vm.document().get().position("fire1");
        // the card is centred horizontally on the drop point
        assertThat(at.x() + NodeCard.WIDTH / 2).isCloseTo(data.x() + 600, offset(4.0));
        assertThat(vm.undoText().get()).isEqualTo("Undo Add fire1");
    }

    @Test
    void droppingAKindOnAnEdgeInsertsItIntoTheEdge(FxRobot robot) {
        NodeCard conv1 = canvas.cardFor("conv1");
        NodeCard pool1 = canvas.cardFor("pool1");
        double midY = (conv1.outputPoint().getY() + pool1.inputPoint().getY()) / 2;
        Point2D onEdge = screenOf(canvas, conv1.outputPoint().getX(), midY);
        robot.drag(screenCentre(reluItem), MouseButton.PRIMARY).moveBy(30, 0).moveTo(onEdge).drop();

        NetworkSpec spec = vm.document().get().spec();
        assertThat(spec.node("relu1").orElseThrow().inputs()).containsExactly("conv1");
        assertThat(spec.node("pool1").orElseThrow().inputs()).containsExactly("relu1");
        assertThat(canvas.edgeFor("conv1", "pool1")).isNull();
        assertThat(canvas.edgeFor("conv1", "relu1")).isNotNull();
        assertThat(canvas.edgeFor("relu1", "pool1")).isNotNull();
        assertThat(vm.selection()).isEqualTo(Set.of("relu1"));
    }

    @Test
    void dropKindWithoutTheMouseUsesTheSameCodePath(FxRobot robot) {
        NodeCard fire2 = canvas.cardFor("fire2");
        NodeCard fire3 = canvas.cardFor("fire3");
        double midY = (fire2.outputPoint().getY() + fire3.inputPoint().getY()) / 2;
        robot.interact(() -> assertThat(canvas.dropKind("batchnorm", fire2.outputPoint().getX(), midY))
                .isEqualTo("batchnorm1"));
        assertThat(vm.document().get().spec().node("fire3").orElseThrow().inputs()).containsExactly("batchnorm1");
        robot.interact(() -> assertThat(canvas.dropKind("no-such-kind", 0, 0)).isNull());
    }
}
