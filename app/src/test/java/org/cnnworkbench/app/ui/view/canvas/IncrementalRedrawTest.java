package org.cnnworkbench.app.ui.view.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.cnnworkbench.app.bench.SyntheticNetworks;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.app.ui.document.Edits;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A 2,000-node chain: an edit replaces no card and no edge it does not concern, so the canvas never rebuilds
 * everything (adding JavaFX nodes is what is slow).
 */
@ExtendWith(ApplicationExtension.class)
class IncrementalRedrawTest {

    private static final int SIZE = 2000;
    private WorkbenchViewModel vm;
    private GraphCanvasView canvas;

    @Start
    void start(Stage stage) {
        vm = new WorkbenchViewModel(Analyzer.standard(), Runnable::run, Runnable::run);
        vm.open(DocumentState.of(SyntheticNetworks.chain(SIZE)), null);
        canvas = new GraphCanvasView(vm);
        stage.setScene(CanvasTestSupport.styled(new Scene(new BorderPane(canvas), 800, 600)));
        stage.show();
    }

    @Test
    void twoThousandNodesGetACardEachAndAnEditReplacesOnlyWhatItConcerns(FxRobot robot) {
        assertThat(canvas.cardCount()).isEqualTo(SIZE);
        assertThat(canvas.edgeCount()).isEqualTo(SIZE - 1);
        Map<String, Object> before = snapshot();

        // a global edit: wider filters change the shapes downstream, but no card is rebuilt
        robot.interact(() -> vm.apply(Edits.setParam(vm.document().get(), "n1", "filters", 32L)));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(canvas.cardFor("n1").node().param("filters")).isEqualTo(32L);

        // deleting a node removes its card and bridges its edges; the rest stay
        robot.interact(() -> vm.apply(Edits.delete(vm.document().get(), Set.of("n1000"))));
        assertThat(canvas.cardCount()).isEqualTo(SIZE - 1);
        assertThat(canvas.cardFor("n1000")).isNull();
        assertThat(canvas.edgeFor("n999", "n1001")).isNotNull();
        assertThat(canvas.edgeFor("n999", "n1000")).isNull();
        assertThat(canvas.edgeCount()).isEqualTo(SIZE - 2);
        assertThat(canvas.cardFor("n5")).isSameAs(before.get("n5"));
        assertThat(canvas.edgeFor("n5", "n6")).isSameAs(before.get("n5->n6"));

        robot.interact(() -> vm.undo());
        assertThat(canvas.cardCount()).isEqualTo(SIZE);
        assertThat(canvas.edgeCount()).isEqualTo(SIZE - 1);
        assertThat(canvas.cardFor("n5")).isSameAs(before.get("n5"));

        // moving one card redraws only its own edges
        EdgeView into = canvas.edgeFor("n9", "n10");
        EdgeView elsewhere = canvas.edgeFor("n20", "n21");
        var elsewhereBounds = elsewhere.getBoundsInParent();
        var intoBounds = into.getBoundsInParent();
        robot.interact(() -> vm.select("n10"));
        robot.interact(() -> canvas.nudge(300, 0));
        assertThat(into.getBoundsInParent()).isNotEqualTo(intoBounds);
        assertThat(elsewhere.getBoundsInParent()).isEqualTo(elsewhereBounds);
    }

    @Test
    void onlyTheCardsAndEdgesNearTheViewAreInTheSceneAndTheyFollowPanZoomAndEdits(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.cardCount()).isEqualTo(SIZE);
        // zoomed to fit (10 %, the least), the whole folded chain is near enough the view to be in the scene
        assertThat(canvas.cardsInScene()).isEqualTo(SIZE);
        robot.interact(() -> {
            canvas.setZoom(1);
            canvas.reveal("n0");
        });
        WaitForAsyncUtils.waitForFxEvents();
        int cards = canvas.cardsInScene();
        assertThat(cards).isPositive().isLessThan(SIZE / 10);
        assertThat(canvas.edgesInScene()).isPositive().isLessThan(SIZE / 10);
        assertThat(inScene("n0")).isTrue();
        assertThat(inScene("n1999")).isFalse();

        robot.interact(() -> canvas.reveal("n1999"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inScene("n1999")).isTrue();
        assertThat(inScene("n0")).isFalse();
        assertThat(canvas.edgeFor("n1998", "n1999").getScene()).isNotNull();
        assertThat(canvas.edgeFor("n0", "n1").getScene()).isNull();
        NodeCard last = canvas.cardFor("n1999");
        assertThat(last.getHeight()).isPositive();          // styled and laid out when it came in
        assertThat(last.getBackground()).isNotNull();                // workbench.css applied

        // an edit far from the view updates its card outside the scene; it shows when scrolled to
        robot.interact(() -> vm.apply(Edits.setParam(vm.document().get(), "n3", "filters", 24L)));
        assertThat(canvas.cardFor("n3").node().param("filters")).isEqualTo(24L);
        assertThat(inScene("n3")).isFalse();
        robot.interact(() -> canvas.reveal("n3"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inScene("n3")).isTrue();

        // selecting a card scrolls to it; moved far away it leaves the scene, and is there where it was moved to
        robot.interact(() -> vm.select("n1500"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inScene("n1500")).isTrue();
        assertThat(inScene("n3")).isFalse();
        var at = vm.document().get().position("n3");
        var from = vm.document().get().position("n1500");
        robot.interact(() -> canvas.nudge(at.x() + 400 - from.x(), at.y() - from.y()));
        assertThat(inScene("n1500")).isFalse();
        robot.interact(() -> canvas.reveal("n3"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inScene("n1500")).isTrue();
        assertThat(canvas.edgeFor("n1499", "n1500").getScene()).isNotNull();   // it reaches back to n1499
        assertThat(inScene("n1499")).isFalse();

        // zoomed out, more of the chain is in the scene
        robot.interact(() -> canvas.setZoom(0.3));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.cardsInScene()).isGreaterThan(cards).isLessThan(SIZE);
    }

    private boolean inScene(String id) {
        return canvas.cardFor(id).getScene() != null;
    }

    private Map<String, Object> snapshot() {
        Map<String, Object> views = new HashMap<>();
        for (int i = 0; i < SIZE; i++) {
            views.put("n" + i, canvas.cardFor("n" + i));
            if (i > 0) {
                views.put("n" + (i - 1) + "->n" + i, canvas.edgeFor("n" + (i - 1), "n" + i));
            }
        }
        return views;
    }
}
