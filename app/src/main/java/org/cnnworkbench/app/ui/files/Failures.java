package org.cnnworkbench.app.ui.files;

import org.cnnworkbench.engine.plugin.ExportException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.cnnworkbench.engine.io.SpecFormatException;

/** Says in a few words why a file operation failed, for a dialog: no stack traces, no bare class names. */
public final class Failures {

    private Failures() {
    }

    public static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof SpecFormatException || e instanceof ExportException) {
            return message;
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file or folder: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof NotDirectoryException f) {
            return "not a folder: " + f.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + ": " + f.getFile();
        }
        if (e instanceof java.io.IOException) {
            return message != null ? message : "input/output error";
        }
        if (e instanceof OutOfMemoryError) {
            return "not enough memory";
        }
        if (e instanceof StackOverflowError) {
            return "nested too deeply";
        }
        return "unexpected " + e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
