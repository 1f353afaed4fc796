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

/**
 * Reads a text file that a user may have replaced by anything: at most {@code maxBytes + 1} bytes are read,
 * whatever size the file claims, devices and pipes are refused before they are opened, and the bytes must be
 * UTF-8. Each caller words the {@link Unreadable} problems for its own kind of file.
 *
 * <pre>{@code
 * try {
 *     String text = BoundedText.read(file, 1 << 20);
 * } catch (BoundedText.Unreadable e) {
 *     switch (e.problem()) { case MISSING -> ...; case TOO_LARGE -> ...; ... }
 * }
 * }</pre>
 */
public final class BoundedText {

    /** Why a file was not read as text. */
    public enum Problem { MISSING, DIRECTORY, NOT_REGULAR, TOO_LARGE, NOT_UTF8 }

    /** A file that is not a readable text file of the allowed size; other I/O failures stay plain IOExceptions. */
    public static final class Unreadable extends IOException {
        private final Problem problem;
        private final long size;

        Unreadable(Path file, Problem problem, long size) {
            super(file + ": " + problem);
            this.problem = problem;
            this.size = size;
        }

        public Problem problem() {
            return problem;
        }

        /** For {@link Problem#TOO_LARGE}: the size the file claims, or -1 when it claimed less than it held. */
        public long size() {
            return size;
        }
    }

    private BoundedText() {
    }

    /** The UTF-8 text of {@code file}, which may hold at most {@code maxBytes}. */
    public static String read(Path file, long maxBytes) throws IOException {
        if (Files.isDirectory(file)) {
            throw new Unreadable(file, Problem.DIRECTORY, -1);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a device or a named pipe: reading it may never end
            throw new Unreadable(file, Problem.NOT_REGULAR, -1);
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new Unreadable(file, Problem.TOO_LARGE, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
        } catch (NoSuchFileException e) {
            throw new Unreadable(file, Problem.MISSING, -1);
        }
        if (bytes.length > maxBytes) {
            throw new Unreadable(file, Problem.TOO_LARGE, -1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable(file, Problem.NOT_UTF8, -1);
        }
    }
}
