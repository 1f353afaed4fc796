package org.cnnworkbench.engine.data.kitti;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A KITTI label line that is not one: wrong number of fields, a field that is not a number, or a value out of its
 * range. The message is one line, {@code FILE:LINE:COLUMN: problem}, naming the field (the column is where it
 * starts); {@code FILE: problem} (line 0) for a file that is refused as a whole (missing, too large, not text,
 * unreadable).
 */
public final class KittiLabelFormatException extends IOException {

    private final transient Path file;
    private final int line;
    private final int column;
    private final String problem;

    /** A problem with the file as a whole ({@code line} 0) or with a line, without a column. */
    public KittiLabelFormatException(Path file, int line, String problem) {
        this(file, line, 0, problem);
    }

    public KittiLabelFormatException(Path file, int line, int column, String problem) {
        super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = line > 0 ? column : 0;
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

    /** The column (from 1) where the offending field starts; 0 when there is none. */
    public int column() {
        return column;
    }

    /** What is wrong, without the file and line. */
    public String problem() {
        return problem;
    }
}
