package org.cnnworkbench.app.ui.viewmodel;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.cnnworkbench.app.ui.document.ParamText;
import org.cnnworkbench.engine.kinds.ParamSpec;
import org.cnnworkbench.engine.kinds.ParamType;

/**
 * One parameter of the selected node as the property editor shows it: the raw value as written in the spec
 * (empty when the kind's default applies) and the default for a hint. Updated in place when the node changes.
 */
public final class ParamField {

    private final ParamSpec spec;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper usingDefault = new ReadOnlyBooleanWrapper(true);

    ParamField(ParamSpec spec, Object raw) {
        this.spec = spec;
        update(raw);
    }

    void update(Object raw) {
        text.set(raw == null ? "" : ParamText.format(raw));
        usingDefault.set(raw == null);
    }

    public ParamSpec spec() {
        return spec;
    }

    public ParamType type() {
        return spec.type();
    }

    public String name() {
        return spec.name();
    }

    /** The value as written in the spec, ready for editing; empty when the default applies. */
    public ReadOnlyStringProperty text() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty usingDefault() {
        return usingDefault.getReadOnlyProperty();
    }

    /** What an empty field means: "default: 1", or "required" when there is no default. */
    public String defaultText() {
        return spec.required() ? "required" : "default: " + ParamText.format(spec.defaultValue());
    }

    /** The value in effect as text: the written one, else the default (empty when required and absent). */
    public String effectiveText() {
        if (!text.get().isEmpty() || spec.required()) {
            return text.get();
        }
        return ParamText.format(spec.defaultValue());
    }

    /** For a BOOLEAN parameter: whether it is on (written value, else the default). */
    public boolean effectiveFlag() {
        return spec.type() == ParamType.BOOLEAN && Boolean.parseBoolean(effectiveText());
    }

    /** Tooltip: the description and what is accepted. */
    public String help() {
        return spec.description() + " (" + spec.accepted() + "; " + defaultText() + ")";
    }
}
