package org.cnnworkbench.app.ui.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.engine.io.AtomicFiles;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;

/**
 * The crash-recovery copy of the open network. It is written (atomically) after edits that are not saved yet
 * and deleted when the document is saved or the workbench closes normally, so a copy found at start-up means
 * the previous session ended abnormally with unsaved work.
 */
public final class RecoveryStore {

    private final Path copy;
    private final Path origin;

    /** What was recovered, and the file it had been opened from (or null for an unsaved network). */
    public record Recovered(LoadedNetwork network, Path originalFile) {
    }

    public RecoveryStore(Path dir) {
        this.copy = dir.resolve("recovery.json");
        this.origin = dir.resolve("recovery-origin.txt");
    }

    public void save(DocumentState state, Path originalFile) throws IOException {
        AtomicFiles.writeString(origin, originalFile == null ? "" : originalFile.toAbsolutePath().toString());
        NetworkJson.write(state.spec(), state.layout(), copy);
    }

    /**
     * The copy left by an abnormal exit, if any. An unreadable copy is reported as absent and moved aside
     * (to {@code recovery-damaged-<time>.json}), never deleted.
     */
    public Optional<Recovered> pending() {
        if (!Files.exists(copy)) {
            return Optional.empty();
        }
        try {
            String from = Files.exists(origin) ? Files.readString(origin, StandardCharsets.UTF_8).strip() : "";
            return Optional.of(new Recovered(NetworkJson.read(copy), from.isEmpty() ? null : Path.of(from)));
        } catch (SpecFormatException | IOException e) {
            try {
                Files.move(copy, copy.resolveSibling("recovery-damaged-" + System.currentTimeMillis() + ".json"));
                Files.deleteIfExists(origin);
            } catch (IOException ignored) {
                // left where it is; it will be offered again
            }
            return Optional.empty();
        }
    }

    /** The user declined to restore: keep the copy aside (never lose work), out of the way of the next start. */
    public void setAside() {
        try {
            if (Files.exists(copy)) {
                Files.move(copy, copy.resolveSibling("recovery-declined-" + System.currentTimeMillis() + ".json"));
            }
            Files.deleteIfExists(origin);
        } catch (IOException e) {
            // left in place: it is offered again at the next start rather than lost
        }
    }

    public void clear() {
        try {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(origin);
        } catch (IOException e) {
            // nothing to recover from; the next save overwrites it
        }
    }
}
