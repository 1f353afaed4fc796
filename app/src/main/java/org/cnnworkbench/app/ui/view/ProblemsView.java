package org.cnnworkbench.app.ui.view;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
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
            ProblemCell cell = new ProblemCell();
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

    /** How a problem reads in the list: "fire2: message" ("network" when it concerns no node). */
    static String text(Diagnostic d) {
        return (d.node() == null ? "network" : d.node()) + ": " + d.message();
    }

    private static final class ProblemCell extends ListCell<Diagnostic> {
        @Override
        protected void updateItem(Diagnostic d, boolean empty) {
            super.updateItem(d, empty);
            getStyleClass().removeAll("problem-error", "problem-warning");
            if (empty || d == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            Label icon = new Label(d.isError() ? "\u2716" : "\u26A0");
            icon.getStyleClass().addAll("problem-icon", d.isError() ? "problem-icon-error" : "problem-icon-warning");
            icon.setAccessibleText(d.severity().label());
            setGraphic(icon);
            setText(text(d));
            setTooltip(new Tooltip(d.severity().label() + " in " + text(d)));
            getStyleClass().add(d.isError() ? "problem-error" : "problem-warning");
        }
    }
}
