package org.cnnworkbench.engine.kinds;

/** The value type of a kind parameter, as written in a spec file. */
public enum ParamType {
    /** A whole number. */
    INT,
    /** A whole number for a square window, or {@code [height, width]}. */
    INT_PAIR,
    /** A real number. */
    DOUBLE,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of a fixed list of words. */
    CHOICE,
    /**
     * A non-empty list of box sizes {@code [[width, height], ...]} of positive numbers (decimals allowed), such as
     * the anchor shapes of a detection head; read as a list of {@link BoxSize}.
     */
    SIZE_LIST
}
