package org.cnnworkbench.app.ui;

/**
 * Where the file handling tells the user what went wrong: an error dialog over the main window in the
 * application, a list in tests that run without the toolkit.
 */
@FunctionalInterface
public interface Notices {

    /** Tells the user; called on the UI thread, never waits for an answer. */
    void error(String header, String message);

    /** Tells the user of something done with a caveat (a file opened with warnings); as an error by default. */
    default void warning(String header, String message) {
        error(header, message);
    }

    /** Tells the user that something asked for is done (an export written, and where); nothing by default. */
    default void info(String header, String message) {
    }
}
