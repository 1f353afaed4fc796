package org.cnnworkbench.app.ui.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.cnnworkbench.app.ui.viewmodel.PropertyEditorViewModel;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.controlsfx.control.PropertySheet;

/**
 * The properties of the selected node: a property sheet with its id and its kind's parameters, the reason
 * when a typed value is refused, the kind's description, the node's analysis summary and its diagnostics.
 * With no node or several selected it shows a hint instead.
 */
public final class PropertyEditorView extends VBox {

    private final PropertyEditorViewModel viewModel;
    private final PropertySheet sheet = new PropertySheet();
    private final Map<String, Control> editors = new HashMap<>();
    private final Label hint = new Label();
    private final Label error = new Label();
    private final VBox details = new VBox(6);

    public PropertyEditorView(WorkbenchViewModel vm) {
        this(new PropertyEditorViewModel(vm));
    }

    public PropertyEditorView(PropertyEditorViewModel viewModel) {
        this.viewModel = viewModel;
        setId("properties");
        getStyleClass().add("properties");
        setSpacing(6);

        hint.setId("prop-hint");
        hint.setWrapText(true);
        hint.getStyleClass().add("prop-hint");
        hint.textProperty().bind(viewModel.hint());

        sheet.setId("prop-sheet");
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setPropertyEditorFactory(item -> ((SheetItem) item).createEditor());

        error.setId("prop-error");
        error.setWrapText(true);
        error.getStyleClass().add("prop-error");
        error.textProperty().bind(viewModel.error());
        bindShown(error, viewModel.error().isNotNull());
        viewModel.errorField().addListener((o, a, b) -> ParamEditors.styleRefused(editors, b));

        Label description = label("prop-description", "prop-description");
        description.textProperty().bind(viewModel.description());
        Label summary = label("prop-summary", "prop-summary");
        summary.textProperty().bind(viewModel.summary());
        ListView<Diagnostic> diagnostics = new ListView<>(viewModel.diagnostics());
        diagnostics.setId("prop-diagnostics");
        diagnostics.setCellFactory(l -> new DiagnosticCell(false));
        diagnostics.setPrefHeight(90);
        diagnostics.setPlaceholder(new Label("No problems"));
        details.getChildren().addAll(sheet, error, description, summary, diagnostics);
        VBox.setVgrow(details, Priority.ALWAYS);
        VBox.setVgrow(sheet, Priority.ALWAYS);

        bindShown(hint, viewModel.hint().isNotNull());
        bindShown(details, viewModel.node().isNotNull());
        getChildren().addAll(hint, details);

        // The view model sets the node after its fields, so a new node means the fields are ready.
        viewModel.node().addListener((o, a, b) -> {
            if (a == null || b == null || !a.id().equals(b.id()) || !a.kind().equals(b.kind())) {
                rebuild();
            }
        });
        rebuild();
    }

    public PropertyEditorViewModel viewModel() {
        return viewModel;
    }

    private void rebuild() {
        editors.clear();
        List<PropertySheet.Item> items = new ArrayList<>();
        if (viewModel.node().get() != null) {
            items.add(ParamEditors.idItem(viewModel, viewModel.node().get().id(), editors));
            viewModel.fields().forEach(f -> items.add(ParamEditors.item(viewModel, f, editors)));
        }
        sheet.getItems().setAll(items);
        ParamEditors.styleRefused(editors, viewModel.errorField().get());
    }

    private static Label label(String id, String style) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        return l;
    }

    private static void bindShown(javafx.scene.Node node, javafx.beans.value.ObservableBooleanValue shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(shown);
    }
}
