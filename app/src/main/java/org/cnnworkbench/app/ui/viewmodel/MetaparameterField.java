package org.cnnworkbench.app.ui.viewmodel;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One text field of the metaparameter form: its paper name, label, text, and why its value is refused. */
public final class MetaparameterField {

    private final String name;
    private final String label;
    private final String help;
    private final StringProperty text;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    MetaparameterField(String name, String label, String help, String initial) {
        this.name = name;
        this.label = label;
        this.help = help;
        this.text = new SimpleStringProperty(this, "text", initial);
    }

    /** The paper / command-line name, e.g. {@code sr}. */
    public String name() {
        return name;
    }

    public String label() {
        return label;
    }

    /** What the value means and what is accepted, for a tooltip. */
    public String help() {
        return help;
    }

    public StringProperty text() {
        return text;
    }

    /** Why the current text is refused; empty when it is accepted. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    void setError(String message) {
        error.set(message == null ? "" : message);
    }
}
