package org.cnnworkbench.engine.io;

import java.io.IOException;
import java.nio.file.Path;

/** Reading the text of a workbench file, with the same messages for every format. */
public final class SpecFiles {

    /**
     * The largest file read as a spec: 32 MiB. SqueezeNet's spec is 3 KB and a generated 2,000-node chain
     * 250 KB, so anything near this is not a network description; the limit keeps a wrong file from
     * exhausting memory.
     */
    public static final long MAX_BYTES = 32L * 1024 * 1024;

    private SpecFiles() {
    }

    /**
     * The file's UTF-8 text; a missing, unreadable, oversized or binary file is a {@link SpecFormatException}
     * naming it.
     */
    public static String readText(Path file) throws SpecFormatException {
        return readText(file, MAX_BYTES);
    }

    /**
     * The UTF-8 text of a file of at most {@code maxBytes} ({@link BoundedText}: the read always ends, even on a
     * device); a missing, unreadable, oversized or binary file is a {@link SpecFormatException} naming it.
     */
    private static String readText(Path file, long maxBytes) throws SpecFormatException {
        try {
            return BoundedText.read(file, maxBytes);
        } catch (BoundedText.Unreadable e) {
            throw new SpecFormatException(file.toString(), null, switch (e.problem()) {
                case MISSING -> "no such file";
                case DIRECTORY -> "is a directory, not a file";
                case NOT_REGULAR -> "is not a regular file (a device or a pipe?)";
                case TOO_LARGE -> "is " + (e.size() >= 0 ? mib(e.size()) : "more than " + mib(maxBytes))
                        + "; a network spec is at most " + mib(maxBytes) + " (is this the right file?)";
                case NOT_UTF8 -> "is not a UTF-8 text file (is it binary?); expected a network spec (JSON)";
            });
        } catch (IOException e) {
            throw new SpecFormatException(file.toString(), null, "cannot be read: " + e.getMessage());
        }
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
