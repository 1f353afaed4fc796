package org.cnnworkbench.app.ui.view.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.cnnworkbench.app.bench.SyntheticNetworks;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.app.ui.document.Edits;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

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
    void aLocalEditShowsNewNumbersOnlyOnTheCardsWhoseNumbersChanged(FxRobot robot) {
        Map<String, NodeResult> before = new HashMap<>();
        for (int i = 0; i < SIZE; i++) {
            before.put("n" + i, canvas.cardFor("n" + i).result());
        }
        // n1997's filters reach its batch norm (channels) and the next convolution (input channels) only
        robot.interact(() -> vm.apply(Edits.setParam(vm.document().get(), "n1997", "filters", 24L)));
        Set<String> shownAnew = new TreeSet<>();
        for (int i = 0; i < SIZE; i++) {
            if (canvas.cardFor("n" + i).result() != before.get("n" + i)) {
                shownAnew.add("n" + i);
            }
        }
        assertThat(shownAnew).containsExactly("n1997", "n1998", "n1999");
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
