package org.cnnworkbench.app.ui.view;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import org.cnnworkbench.engine.analysis.Diagnostic;

/**
 * A diagnostic in a list: a severity icon and the message, prefixed by its node in the problems panel
 * ({@code withNode}) and wrapped under the property sheet, where the node is the selected one.
 */
final class DiagnosticCell extends ListCell<Diagnostic> {

    private final boolean withNode;

    DiagnosticCell(boolean withNode) {
        this.withNode = withNode;
        setWrapText(!withNode);
    }

    /** How a problem reads in the list: "fire2: message" ("network" when it concerns no node). */
    static String text(Diagnostic d) {
        return (d.node() == null ? "network" : d.node()) + ": " + d.message();
    }

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
        setText(withNode ? text(d) : d.message());
        setTooltip(new Tooltip(d.severity().label() + " in " + text(d)));
        getStyleClass().add(d.isError() ? "problem-error" : "problem-warning");
    }
}
