package org.cnnworkbench.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
        return readText(file, MAX_BYTES);
    }

    /**
     * The UTF-8 text of a file of at most {@code maxBytes}; a missing, unreadable, oversized or binary file is a
     * {@link SpecFormatException} naming it. At most {@code maxBytes + 1} bytes are read, whatever size the file
     * claims (a device such as {@code /dev/zero} claims none), so the read always ends.
     */
    public static String readText(Path file, long maxBytes) throws SpecFormatException {
        try {
            if (Files.isDirectory(file)) {
                throw new SpecFormatException(file.toString(), null, "is a directory, not a file");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // a device or a named pipe: reading it may never end
                throw new SpecFormatException(file.toString(), null, "is not a regular file (a device or a pipe?)");
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(file, mib(size), maxBytes);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
            if (bytes.length > maxBytes) {
                throw tooLarge(file, "more than " + mib(maxBytes), maxBytes);
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new SpecFormatException(file.toString(), null, "no such file");
        } catch (CharacterCodingException e) {
            throw new SpecFormatException(file.toString(), null, "is not a UTF-8 text file (is it binary?); "
                    + "expected a network spec (JSON)");
        } catch (IOException e) {
            throw new SpecFormatException(file.toString(), null, "cannot be read: " + e.getMessage());
        }
    }

    private static SpecFormatException tooLarge(Path file, String size, long maxBytes) {
        return new SpecFormatException(file.toString(), null, "is " + size + "; a network spec is at most "
                + mib(maxBytes) + " (is this the right file?)");
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
