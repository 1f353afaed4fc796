package org.cnnworkbench.engine.detection;

import org.cnnworkbench.engine.io.SourceLocation;

/**
 * A KITTI label or result file cannot be read: the message is {@code FILE:LINE:COLUMN: reason}, or
 * {@code FILE: reason} for a problem with the file as a whole (missing, binary, too large).
 */
public final class KittiFormatException extends Exception {

    private final String source;
    private final SourceLocation location;
    private final String reason;

    public KittiFormatException(String source, SourceLocation location, String reason) {
        super(SourceLocation.where(source, location) + ": " + reason);
        this.source = source;
        this.location = location;
        this.reason = reason;
    }

    /** The file. */
    public String source() {
        return source;
    }

    /** The line (1-based) and the column where the offending field starts, or {@code null} for the whole file. */
    public SourceLocation location() {
        return location;
    }

    /** The problem without the file and position. */
    public String reason() {
        return reason;
    }
}
