package org.cnnworkbench.app.cli;

/** A mistake in what the user asked for: reported as one line on stderr, never as a stack trace. */
public final class UserException extends RuntimeException {

    public UserException(String message) {
        super(message);
    }
}
