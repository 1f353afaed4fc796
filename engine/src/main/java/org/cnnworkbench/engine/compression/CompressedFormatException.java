package org.cnnworkbench.engine.compression;

import java.io.IOException;
import java.nio.file.Path;

/** A compressed-model file that cannot be read: not one, from a newer version, damaged, truncated or forged. */
public final class CompressedFormatException extends IOException {

    private final transient Path file;

    public CompressedFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public CompressedFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that was read. */
    public Path file() {
        return file;
    }
}
