package org.cnnworkbench.engine.io;

/**
 * A spec file cannot be read: it is missing, malformed JSON, or not a network of a version this workbench
 * reads. The message names the file and, where known, the line and column.
 */
public final class SpecFormatException extends Exception {

    private final String source;
    private final SourceLocation location;
    private final String reason;

    public SpecFormatException(String source, SourceLocation location, String reason) {
        super(SourceLocation.where(source, location) + ": " + reason);
        this.source = source;
        this.location = location;
        this.reason = reason;
    }

    /** The file name or other description of where the text came from. */
    public String source() {
        return source;
    }

    /** Where the problem is, or {@code null} when it concerns the file as a whole. */
    public SourceLocation location() {
        return location;
    }

    /** The problem without the file and position. */
    public String reason() {
        return reason;
    }
}
