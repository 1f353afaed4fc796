package org.cnnworkbench.app.ui.view;

/** What the palette puts on the dragboard, so that the canvas knows a kind is being dropped. */
public final class DragFormats {

    /** Dragboard string content {@code kind:<name>} means "create a node of this kind". */
    public static final String KIND_PREFIX = "kind:";

    private DragFormats() {
    }

    public static String kind(String name) {
        return KIND_PREFIX + name;
    }

    /** The kind name carried by a dragboard string, or null if it carries none. */
    public static String kindOf(String dragboardString) {
        return dragboardString != null && dragboardString.startsWith(KIND_PREFIX)
                ? dragboardString.substring(KIND_PREFIX.length()) : null;
    }
}
