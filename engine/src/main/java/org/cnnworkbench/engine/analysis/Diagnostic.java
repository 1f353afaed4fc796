package org.cnnworkbench.engine.analysis;

import java.util.Objects;

/**
 * A problem found by the analysis, tied to the node it concerns ({@code null} for the network as a whole).
 * The message is for people: what is wrong, the arithmetic behind it, and how to fix it.
 */
public record Diagnostic(String node, Severity severity, String message) {

    public Diagnostic {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(message);
    }

    public static Diagnostic error(String node, String message) {
        return new Diagnostic(node, Severity.ERROR, message);
    }

    public static Diagnostic warning(String node, String message) {
        return new Diagnostic(node, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity.label() + (node == null ? "" : " in '" + node + "'") + ": " + message;
    }
}
