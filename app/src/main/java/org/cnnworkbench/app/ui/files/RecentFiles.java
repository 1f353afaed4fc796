package org.cnnworkbench.app.ui.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.io.AtomicFiles;

/**
 * The most recently opened or saved files, newest first, kept in {@code recent.txt}. Failures are thrown for the
 * caller to tell the user; a list that cannot be read or written costs only the list, never an open or a save.
 */
public final class RecentFiles {

    static final int MAX = 10;
    private final Path store;

    public RecentFiles(Path dir) {
        this.store = dir.resolve("recent.txt");
    }

    /** Where the list is kept, for messages. */
    public Path file() {
        return store;
    }

    /** The files, newest first; empty when there is no list yet. */
    public List<Path> list() throws IOException {
        List<String> bad = new ArrayList<>();
        List<Path> files = read(bad);
        if (!bad.isEmpty()) {
            throw new IOException(String.join("; ", bad));
        }
        return files;
    }

    /** Puts {@code file} first. Lines of a damaged list that are not paths are dropped, after saying so. */
    public void add(Path file) throws IOException {
        List<String> bad = new ArrayList<>();
        List<Path> files = new ArrayList<>(read(bad));
        Path absolute = file.toAbsolutePath().normalize();
        files.remove(absolute);
        files.add(0, absolute);
        List<String> lines = files.stream().limit(MAX).map(Path::toString).toList();
        AtomicFiles.writeString(store, String.join("\n", lines) + "\n");
        if (!bad.isEmpty()) {
            throw new IOException(String.join("; ", bad) + "; those lines were dropped");
        }
    }

    private List<Path> read(List<String> bad) throws IOException {
        if (!Files.exists(store)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(store, StandardCharsets.UTF_8);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                files.add(Path.of(lines.get(i)));
            } catch (InvalidPathException e) {
                bad.add(store + ":" + (i + 1) + ": not a file path (" + e.getReason() + ")");
            }
        }
        return files;
    }
}
