package org.cnnworkbench.engine.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading the text of a workbench file, with the same messages for every format. */
public final class SpecFiles {

    private SpecFiles() {
    }

    /** The file's UTF-8 text; a missing or unreadable file is a {@link SpecFormatException} naming it. */
    public static String readText(Path file) throws SpecFormatException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SpecFormatException(file.toString(), null, "no such file");
        } catch (IOException e) {
            throw new SpecFormatException(file.toString(), null, "cannot be read: " + e.getMessage());
        }
    }
}
