package org.cnnworkbench.app.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
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
class LayerTableViewTest {

    private WorkbenchViewModel vm;
    private LayerTableView table;

    @Start
    void start(Stage stage) {
        vm = PanelTestSupport.squeezeNet();
        table = new LayerTableView(vm);
        Scene scene = new Scene(table, 900, 500);
        scene.getStylesheets().add(getClass().getResource(PanelTestSupport.PANELS_CSS).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private List<String> ids() {
        return table.getItems().stream().map(LayerTableView.Line::id).toList();
    }

    @Test
    void hasOneRowPerNodeWithFormattedNumbers(FxRobot robot) {
        assertThat(table.getItems()).hasSize(vm.document().get().spec().size());
        LayerRow conv1 = table.getItems().stream().filter(r -> r.id().equals("conv1")).findFirst().orElseThrow()
                .row();
        assertThat(robot.lookup(String.format(Locale.ROOT, "%,d", conv1.params())).tryQuery()).isPresent();
    }

    @Test
    void sortsByParamsWhenTheHeaderIsClicked(FxRobot robot) {
        robot.clickOn("params");
        List<Long> params = table.getItems().stream().map(l -> l.row().params()).toList();
        assertThat(params).isSortedAccordingTo(Comparator.naturalOrder());
        robot.clickOn("params");
        assertThat(table.getItems().stream().map(l -> l.row().params()).toList())
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(table.getSortOrder()).extracting(TableColumn::getText).containsExactly("params");
    }

    @Test
    void clickingARowSelectsTheNodeAndSelectingANodeSelectsTheRow(FxRobot robot) {
        robot.clickOn("fire4");
        assertThat(vm.selection()).containsExactly("fire4");

        robot.interact(() -> vm.select("conv10"));
        assertThat(table.getSelectionModel().getSelectedItems()).extracting(LayerTableView.Line::id)
                .containsExactly("conv10");
    }

    @Test
    void aNewAnalysisKeepsTheSelectionAndTheSortOrder(FxRobot robot) {
        robot.clickOn("params");
        robot.interact(() -> {
            vm.select("fire2");
            vm.apply(Edits.setParam(vm.document().get(), "fire2", "s1x1", 32L));
        });
        assertThat(vm.selection()).containsExactly("fire2");
        assertThat(table.getSelectionModel().getSelectedItems()).extracting(LayerTableView.Line::id)
                .containsExactly("fire2");
        assertThat(table.getItems().stream().map(l -> l.row().params()).toList())
                .isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(ids()).hasSize(vm.layers().size());
    }

    @Test
    void rowsOfNodesWithErrorsAreStyled(FxRobot robot) {
        robot.interact(() -> vm.apply(Edits.setParam(vm.document().get(), "conv1", "groups", 5L)));
        assertThat(robot.lookup(".layer-error").tryQuery()).isPresent();
        assertThat(robot.lookup(".layer-blocked").tryQuery()).isPresent();
        var conv1 = robot.lookup((javafx.scene.control.TableRow<?> r) -> r.getItem() instanceof LayerTableView.Line l
                && l.id().equals("conv1")).queryAs(javafx.scene.control.TableRow.class);
        assertThat(conv1.getStyleClass()).contains("layer-error");
        assertThat(robot.from(conv1).lookup(".numeric-cell").queryAllAs(javafx.scene.control.TableCell.class))
                .isNotEmpty().allSatisfy(c -> assertThat(c.getText()).isEqualTo("-"));   // unknown, not zero
        robot.interact(() -> vm.undo());
        assertThat(robot.lookup(".layer-error").tryQuery()).isEmpty();
        assertThat(robot.lookup(".layer-blocked").tryQuery()).isEmpty();
        assertThat(robot.from(conv1).lookup(".numeric-cell").queryAllAs(javafx.scene.control.TableCell.class))
                .noneSatisfy(c -> assertThat(c.getText()).isEqualTo("-"));
    }

    @Test
    void anEditChangesTheLinesInPlaceAndTheirCellsFollow(FxRobot robot) {
        List<LayerTableView.Line> before = List.copyOf(table.getItems());
        robot.interact(() -> vm.apply(Edits.setParam(vm.document().get(), "conv1", "filters", 64L)));
        assertThat(table.getItems()).containsExactlyElementsOf(before);      // the same lines, not new ones
        LayerRow conv1 = before.stream().filter(l -> l.id().equals("conv1")).findFirst().orElseThrow().row();
        assertThat(conv1).isEqualTo(vm.layers().stream().filter(r -> r.id().equals("conv1")).findFirst()
                .orElseThrow());
        assertThat(conv1.output()).isEqualTo("64x111x111");
        assertThat(robot.lookup("64x111x111").tryQuery()).isPresent();
        assertThat(robot.lookup(String.format(Locale.ROOT, "%,d", conv1.params())).tryQuery()).isPresent();

        robot.interact(() -> vm.apply(Edits.delete(vm.document().get(), java.util.Set.of("fire9"))));
        assertThat(ids()).hasSize(vm.layers().size()).doesNotContain("fire9");   // another set of nodes: anew
    }
}
