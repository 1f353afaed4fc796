package org.cnnworkbench.app.ui.document;

import java.util.Set;

/**
 * One undoable edit: the states before and after, and the nodes whose spec it changed (so that the analysis
 * can be updated incrementally). Undo applies {@code before}, redo {@code after}.
 */
public record Change(String description, DocumentState before, DocumentState after, Set<String> changedNodes) {

    public Change {
        changedNodes = Set.copyOf(changedNodes);
    }

    /** Whether applying it changes anything. */
    public boolean isEffective() {
        return !before.equals(after);
    }
}
