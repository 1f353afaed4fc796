package org.cnnworkbench.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.app.ui.view.canvas.GraphCanvasView;
import org.cnnworkbench.app.ui.view.canvas.NodeCard;
import org.cnnworkbench.app.ui.viewmodel.PropertyEditorViewModel;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.testing.FuzzCampaign.Outcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The canvas, which needs the toolkit (headless, through Monocle): a few mutated samples that read, with
 * hostile layouts, are drawn, edited at random as in {@link WorkbenchFuzzTest} and zoomed to fit. Nothing may
 * throw on the FX thread; every node has its card where the layout puts it, and zoom and pan stay finite.
 * Only {@code fuzz.cases / 20} cases (at most {@value #MAX_CASES}): the view models are fuzzed without the
 * toolkit in {@link WorkbenchFuzzTest}.
 */
@Tag("fuzz")
@ExtendWith(ApplicationExtension.class)
class CanvasFuzzTest {

    private static final long CASE_SECONDS = 30;
    private static final int MAX_CASES = 50;
    private static final FuzzCases CASES = new FuzzCases("canvas", CASE_SECONDS);
    private static final AtomicInteger EDITS = new AtomicInteger();
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        stage.setScene(new Scene(new BorderPane(), 900, 700));
        stage.show();
    }

    @Test
    void noSpecOrEditBreaksTheCanvas() throws Exception {
        int count = Math.max(1, Math.min(MAX_CASES, FuzzCases.count() / 20));
        CASES.runAll(count, this::check, () -> " (" + EDITS.get() + " edits)");
    }

    private Outcome check(FuzzCases.Mutant mutant) throws Exception {
        LoadedNetwork read;
        try {
            read = NetworkJson.read(mutant.text(), "fuzz.json");
        } catch (SpecFormatException e) {
            return Outcome.DIAGNOSED;
        }
        LoadedNetwork loaded = WorkbenchFuzzTest.withLayout(read, mutant);
        uncaught.clear();
        return WaitForAsyncUtils.asyncFx(() -> {
            WorkbenchViewModel vm = new WorkbenchViewModel(Analyzer.standard(), Runnable::run, Runnable::run);
            PropertyEditorViewModel editor = new PropertyEditorViewModel(vm);
            GraphCanvasView canvas = new GraphCanvasView(vm);
            stage.getScene().setRoot(new BorderPane(canvas));
            vm.open(loaded, null);
            canvas.applyCss();
            canvas.layout();
            drawn(vm, canvas, "opened");
            Random random = mutant.random();
            List<String> done = new ArrayList<>();
            for (int i = 1 + random.nextInt(6); i > 0; i--) {
                done.add(WorkbenchFuzzTest.edit(vm, editor, random));
                EDITS.incrementAndGet();
                canvas.layout();
                drawn(vm, canvas, "after " + done);
            }
            canvas.zoomToFit();
            drawn(vm, canvas, "zoomed to fit after " + done);
            assertThat(uncaught).as("nothing thrown on the FX thread after %s", done).isEmpty();
            return vm.report().get().isValid() ? Outcome.ACCEPTED : Outcome.DIAGNOSED;
        }).get(CASE_SECONDS, TimeUnit.SECONDS);
    }

    /** One card per node, where the document places it; zoom and pan finite. */
    private void drawn(WorkbenchViewModel vm, GraphCanvasView canvas, String when) {
        DocumentState doc = vm.document().get();
        assertThat(canvas.cardCount()).as("one card per node %s", when).isEqualTo(doc.spec().size());
        for (Node n : doc.spec().nodes()) {
            NodeCard card = canvas.cardFor(n.id());
            assertThat(card).as("card of %s %s", n.id(), when).isNotNull();
            NodePosition at = doc.position(n.id());
            assertThat(new NodePosition(card.getLayoutX(), card.getLayoutY())).as("card of %s %s", n.id(), when)
                    .isEqualTo(at);
        }
        assertThat(Double.isFinite(canvas.zoom())).as("zoom %s", when).isTrue();
        Point2D origin = canvas.canvasToScene(0, 0);
        assertThat(Double.isFinite(origin.getX()) && Double.isFinite(origin.getY()))
                .as("pan %s: %s", when, origin).isTrue();
        assertThat(uncaught).as("nothing thrown on the FX thread %s", when).isEmpty();
    }
}
