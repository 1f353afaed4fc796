package org.cnnworkbench.app.ui.view;

import java.util.Map;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import org.cnnworkbench.app.ui.viewmodel.ParamField;
import org.cnnworkbench.app.ui.viewmodel.PropertyEditorViewModel;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The editors of the property sheet. Text fields commit on Enter or when they lose focus, and revert on
 * Escape; a refused value stays in the field, styled as an error, until corrected. Every editor has the id
 * {@code prop-<name>}.
 */
final class ParamEditors {

    static final String ERROR_STYLE = "prop-invalid";
    static final String DEFAULT_STYLE = "prop-default";

    private ParamEditors() {
    }

    /** The editor of one parameter, chosen by its type. */
    static SheetItem item(PropertyEditorViewModel vm, ParamField field, Map<String, Control> registry) {
        return new SheetItem("Parameters", field.name(), field.help(), field.text(), () -> switch (field.type()) {
            case BOOLEAN -> flag(vm, field, registry);
            case CHOICE -> choice(vm, field, registry);
            default -> text(vm, registry, field.name(), field.text(), field.defaultText(), field.help(),
                    t -> vm.field(field.name()) == field && vm.commit(field.name(), t));
        });
    }

    /** The id row: a rename on commit. */
    static SheetItem idItem(PropertyEditorViewModel vm, String id, Map<String, Control> registry) {
        ObservableValue<String> current = new ReadOnlyStringWrapper(id);
        String help = "unique name of the node; renaming updates every connection to it";
        return new SheetItem("Node", PropertyEditorViewModel.ID_FIELD, help, current,
                () -> text(vm, registry, PropertyEditorViewModel.ID_FIELD, current, "required", help,
                        t -> vm.node().get() != null && vm.node().get().id().equals(id) && vm.rename(t)));
    }

    private static PropertyEditor<?> text(PropertyEditorViewModel vm, Map<String, Control> registry, String name,
                                          ObservableValue<String> value, String prompt, String help,
                                          Predicate<String> commit) {
        TextField field = new TextField(value.getValue());
        field.setPromptText(prompt);
        field.setTooltip(new Tooltip(help));
        value.addListener((o, a, b) -> field.setText(b));
        Runnable apply = () -> {
            if (commit.test(field.getText())) {
                field.setText(value.getValue());
            }
        };
        field.setOnAction(e -> apply.run());
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                field.setText(value.getValue());
                vm.clearError();
                e.consume();
            }
        });
        field.focusedProperty().addListener((o, was, is) -> {
            if (!is && !field.getText().equals(value.getValue())) {
                apply.run();
            }
        });
        return editor(registry, name, field);
    }

    private static PropertyEditor<?> flag(PropertyEditorViewModel vm, ParamField param,
                                          Map<String, Control> registry) {
        CheckBox box = new CheckBox();
        box.setTooltip(new Tooltip(param.help()));
        Runnable show = () -> {
            box.setSelected(param.effectiveFlag());
            box.setText(param.usingDefault().get() ? "(default)" : "");
            styleDefault(box, param.usingDefault().get());
        };
        show.run();
        param.text().addListener((o, a, b) -> show.run());
        box.setOnAction(e -> {
            if (vm.field(param.name()) == param && !vm.commit(param.name(), Boolean.toString(box.isSelected()))) {
                show.run();
            }
        });
        return editor(registry, param.name(), box);
    }

    private static PropertyEditor<?> choice(PropertyEditorViewModel vm, ParamField param,
                                            Map<String, Control> registry) {
        ComboBox<String> combo = new ComboBox<>();
        combo.getItems().setAll(param.spec().choices());
        combo.setTooltip(new Tooltip(param.help()));
        boolean[] updating = {false};
        Runnable show = () -> {
            updating[0] = true;
            combo.setValue(param.effectiveText());
            styleDefault(combo, param.usingDefault().get());
            updating[0] = false;
        };
        show.run();
        param.text().addListener((o, a, b) -> show.run());
        combo.setOnAction(e -> {
            if (!updating[0] && combo.getValue() != null && vm.field(param.name()) == param
                    && !param.effectiveText().equals(combo.getValue())) {
                vm.commit(param.name(), combo.getValue());
            }
        });
        return editor(registry, param.name(), combo);
    }

    private static void styleDefault(Node node, boolean usingDefault) {
        node.getStyleClass().remove(DEFAULT_STYLE);
        if (usingDefault) {
            node.getStyleClass().add(DEFAULT_STYLE);
        }
    }

    /** Wraps a control: gives it its id and registers it so that the view can style it as refused. */
    private static PropertyEditor<?> editor(Map<String, Control> registry, String name, Control control) {
        control.setId("prop-" + name);
        registry.put(name, control);
        return new PropertyEditor<Object>() {
            @Override
            public Node getEditor() {
                return control;
            }

            @Override
            public Object getValue() {
                return control instanceof TextField t ? t.getText() : null;
            }

            @Override
            public void setValue(Object value) {
                // The control follows the view model itself.
            }
        };
    }

    /** Marks the control of {@code refused} (a parameter name or "id") as invalid, and only that one. */
    static void styleRefused(Map<String, Control> registry, String refused) {
        registry.forEach((name, control) -> {
            control.getStyleClass().remove(ERROR_STYLE);
            if (name.equals(refused)) {
                control.getStyleClass().add(ERROR_STYLE);
            }
        });
    }
}
