package org.cnnworkbench.app.ui.view;

import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Diagnostic;

/** The diagnostics of the analysis; clicking one (or Enter) selects the node it concerns. */
public final class ProblemsView extends ListView<Diagnostic> {

    public ProblemsView(WorkbenchViewModel vm) {
        super(vm.problems());
        setId("problems");
        getStyleClass().add("problems");
        Label empty = new Label("No problems");
        empty.setId("problems-empty");
        setPlaceholder(empty);
        setCellFactory(l -> {
            DiagnosticCell cell = new DiagnosticCell(true);
            cell.setOnMouseClicked(e -> {
                if (!cell.isEmpty()) {
                    reveal(vm, cell.getItem());
                }
            });
            return cell;
        });
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                reveal(vm, getSelectionModel().getSelectedItem());
            }
        });
    }

    private static void reveal(WorkbenchViewModel vm, Diagnostic d) {
        if (d != null && d.node() != null && vm.document().get().spec().contains(d.node())) {
            vm.select(d.node());
        }
    }
}
