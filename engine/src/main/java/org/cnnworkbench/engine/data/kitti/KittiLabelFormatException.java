package org.cnnworkbench.engine.data.kitti;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A KITTI label line that is not one: wrong number of fields, a field that is not a number, or a value out of its
 * range. The message is one line, {@code FILE:LINE: problem}, naming the field; {@code FILE: problem} (line 0) for
 * a file that is refused as a whole (too large, not text, unreadable).
 */
public final class KittiLabelFormatException extends IOException {

    private final transient Path file;
    private final int line;
    private final String problem;

    public KittiLabelFormatException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The label file. */
    public Path file() {
        return file;
    }

    /** The line number, from 1; 0 for the file as a whole. */
    public int line() {
        return line;
    }

    /** What is wrong, without the file and line. */
    public String problem() {
        return problem;
    }
}
