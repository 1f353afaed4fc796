package org.cnnworkbench.engine.plugin;

/** A network that an exporter cannot write, with a message for the user (which node, why, what to do). */
public final class ExportException extends Exception {

    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
