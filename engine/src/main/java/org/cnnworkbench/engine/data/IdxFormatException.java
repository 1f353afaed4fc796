package org.cnnworkbench.engine.data;

import java.io.IOException;
import java.nio.file.Path;

/** An IDX file that is not one: wrong magic number, impossible dimensions or fewer bytes than its header promises. */
public final class IdxFormatException extends IOException {

    private final transient Path file;
    private final long offset;

    public IdxFormatException(Path file, long offset, String problem) {
        super(file + ": " + problem + " (at byte " + offset + ")");
        this.file = file;
        this.offset = offset;
    }

    /** The file that was read. */
    public Path file() {
        return file;
    }

    /** The byte offset (in the uncompressed data) where the problem was found. */
    public long offset() {
        return offset;
    }
}
