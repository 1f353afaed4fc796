package org.cnnworkbench.app.ui.view;

import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * A row of the property sheet: the node's id or one parameter. The value is read-only here; edits go through
 * the editor the row creates, which validates and commits through the view model.
 */
final class SheetItem implements PropertySheet.Item {

    private final String category;
    private final String name;
    private final String description;
    private final ObservableValue<String> value;
    private final Supplier<PropertyEditor<?>> editor;

    SheetItem(String category, String name, String description, ObservableValue<String> value,
              Supplier<PropertyEditor<?>> editor) {
        this.category = category;
        this.name = name;
        this.description = description;
        this.value = value;
        this.editor = editor;
    }

    PropertyEditor<?> createEditor() {
        return editor.get();
    }

    @Override
    public Class<?> getType() {
        return String.class;
    }

    @Override
    public String getCategory() {
        return category;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Object getValue() {
        return value.getValue();
    }

    @Override
    public void setValue(Object newValue) {
        // Values are committed by the editors, which validate first.
    }

    @Override
    public Optional<ObservableValue<?>> getObservableValue() {
        return Optional.of(value);
    }
}
