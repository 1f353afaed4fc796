package org.cnnworkbench.engine.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        try {
            if (Files.isDirectory(file)) {
                throw new SpecFormatException(file.toString(), null, "is a directory, not a file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new SpecFormatException(file.toString(), null, "is " + mib(size) + "; a network spec is at "
                        + "most " + mib(MAX_BYTES) + " (is this the right file?)");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SpecFormatException(file.toString(), null, "no such file");
        } catch (CharacterCodingException e) {
            throw new SpecFormatException(file.toString(), null, "is not a UTF-8 text file (is it binary?); "
                    + "expected a network spec (JSON)");
        } catch (IOException e) {
            throw new SpecFormatException(file.toString(), null, "cannot be read: " + e.getMessage());
        }
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
