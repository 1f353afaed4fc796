package org.cnnworkbench.app.ui.view;

import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;

/** Form controls that edit view-model properties as the settings panels (Train, Sweep) need them. */
public final class FormControls {

    private FormControls() {
    }

    /**
     * A text field editing a number property: a value that parses is set at once, one that does not is framed
     * in red and leaves the property alone (the start then uses the last good value).
     */
    public static <T extends Number> TextField numberField(String id, javafx.beans.property.Property<Number> property,
                                                          java.util.function.Function<String, T> parse) {
        TextField field = new TextField(String.valueOf(property.getValue()));
        field.setId(id);
        field.setPrefWidth(130);
        field.textProperty().addListener((o, was, now) -> {
            try {
                property.setValue(parse.apply(now.strip()));
                field.setStyle("");
            } catch (NumberFormatException e) {
                field.setStyle("-fx-border-color: #d32f2f;");
            }
        });
        property.addListener((o, was, now) -> {
            if (!field.isFocused()) {
                field.setText(String.valueOf(now));
            }
        });
        return field;
    }

    /**
     * An editable spinner of {@code min .. max} editing an integer property both ways; typed text is committed
     * when the field loses the focus, and text that is not a whole number goes back to the value.
     */
    public static Spinner<Integer> intSpinner(String id, javafx.beans.property.IntegerProperty property, int min,
                                              int max) {
        Spinner<Integer> spinner = new Spinner<>(min, max, property.get());
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(130);
        spinner.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                property.set(now);
            }
        });
        property.addListener((o, was, now) -> spinner.getValueFactory().setValue(now.intValue()));
        // commit typed text when the field loses the focus, as users expect
        spinner.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                try {
                    spinner.getValueFactory().setValue(Integer.parseInt(spinner.getEditor().getText().strip()));
                } catch (NumberFormatException e) {
                    spinner.getEditor().setText(Integer.toString(spinner.getValue()));
                }
            }
        });
        return spinner;
    }
}
