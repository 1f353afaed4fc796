package org.cnnworkbench.app.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.testing.MonocleDragState;
import org.cnnworkbench.engine.kinds.Category;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class PaletteViewTest {

    private final AtomicReference<String> dropped = new AtomicReference<>();

    @Start
    void start(Stage stage) {
        MonocleDragState.reset();
        Pane target = new Pane();
        target.setId("drop-target");
        target.setPrefSize(200, 700);
        target.setOnDragOver(e -> {
            e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        target.setOnDragDropped(e -> {
            dropped.set(e.getDragboard().getString());
            e.setDropCompleted(true);
            e.consume();
        });
        Scene scene = new Scene(new HBox(new PaletteView(PanelTestSupport.squeezeNet()), target), 500, 700);
        scene.getStylesheets().add(getClass().getResource(PanelTestSupport.PANELS_CSS).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @SuppressWarnings("unchecked")
    private TreeView<Object> tree(FxRobot robot) {
        return robot.lookup("#palette .tree-view").queryAs(TreeView.class);
    }

    @Test
    void showsFireUnderItsCategory(FxRobot robot) {
        assertThat(robot.lookup("Fire module").tryQuery()).isPresent();
        TreeItem<Object> modules = tree(robot).getRoot().getChildren().stream()
                .filter(c -> c.getValue() == Category.MODULE).findFirst().orElseThrow();
        assertThat(modules.getChildren()).extracting(c -> ((LayerKind) c.getValue()).name()).contains("fire");
    }

    @Test
    void filteringKeepsOnlyMatchingKinds(FxRobot robot) {
        robot.clickOn("#palette-search").write("pool");
        assertThat(robot.lookup("Max pooling").tryQuery()).isPresent();
        assertThat(robot.lookup("Fire module").tryQuery()).isEmpty();
        assertThat(tree(robot).getRoot().getChildren()).extracting(TreeItem::getValue)
                .containsExactly(Category.POOLING);
    }

    @Test
    void draggingAKindCarriesItsName(FxRobot robot) {
        robot.drag("Fire module").dropTo("#drop-target");
        assertThat(dropped.get()).isEqualTo(DragFormats.kind("fire"));
    }
}
