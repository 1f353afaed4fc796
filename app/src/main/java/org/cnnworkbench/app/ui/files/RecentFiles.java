package org.cnnworkbench.app.ui.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.io.AtomicFiles;

/** The most recently opened or saved files, newest first, kept in {@code recent.txt}. */
public final class RecentFiles {

    static final int MAX = 10;
    private final Path store;

    public RecentFiles(Path dir) {
        this.store = dir.resolve("recent.txt");
    }

    public List<Path> list() {
        try {
            if (!Files.exists(store)) {
                return List.of();
            }
            return Files.readAllLines(store, StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank())
                    .map(Path::of).toList();
        } catch (IOException e) {
            return List.of();   // a damaged list only costs the user their recent files
        }
    }

    /** Puts {@code file} first. Failing to remember it is not worth bothering the user about. */
    public void add(Path file) {
        List<Path> files = new ArrayList<>(list());
        Path absolute = file.toAbsolutePath().normalize();
        files.remove(absolute);
        files.add(0, absolute);
        List<String> lines = files.stream().limit(MAX).map(Path::toString).toList();
        try {
            AtomicFiles.writeString(store, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            // see above
        }
    }
}
