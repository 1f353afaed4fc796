package org.cnnworkbench.app.ui.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.engine.io.AtomicFiles;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;

/**
 * The crash-recovery copies of one workbench instance (one window, one process), in {@code recovery/} of the
 * workbench's folder. Each instance writes {@code <id>.json} (the network) and {@code <id>.origin} (the file it
 * came from) and holds a lock on {@code <id>.lock} for as long as it runs, so another window never mistakes its
 * live work for a crash: only copies whose lock nobody holds are {@link #pending() offered}. While a copy is
 * offered this instance holds its lock, so two windows starting at once do not both offer it, and the copy is
 * not touched until the user has answered. A declined copy is {@link #setAside kept} in {@code recovery/kept/}
 * until the user deletes it (File > Recover); an unreadable one is moved to {@code recovery/damaged/}. A
 * {@code recovery.json} left by an older version is moved in and offered once.
 *
 * <p>Where the file system has no locks, an owner counts as alive while its process id (the start of the
 * instance id) is. The methods do file I/O: call them off the UI thread.
 */
public final class RecoveryStore {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

    private final Path home;
    private final Path dir;
    private final Path keptDir;
    private final String id;
    private final Map<String, FileChannel> claims = new HashMap<>();
    private FileChannel ownLock;

    /** A copy that can be restored: the network and the file it had been opened from (null if never saved). */
    public record Recovered(String id, LoadedNetwork network, Path originalFile, Instant savedAt) {
    }

    /** A copy the user declined, as listed by File > Recover. */
    public record KeptCopy(String id, String networkName, Instant savedAt, Path originalFile) {
    }

    /** The copies of instances that ended abnormally, and what went wrong looking for them (to tell the user). */
    public record Pending(List<Recovered> copies, List<String> problems) {
    }

    /** The store of a new instance, in the workbench folder {@code home} (see {@link AppDirs}). */
    public RecoveryStore(Path home) {
        this.home = home;
        this.dir = home.resolve("recovery");
        this.keptDir = dir.resolve("kept");
        this.id = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Where the copies are, for messages. */
    public Path folder() {
        return dir;
    }

    /** Writes this instance's copy (atomically), taking the instance's lock first. */
    public synchronized void save(DocumentState state, Path originalFile) throws IOException {
        holdOwnLock();
        AtomicFiles.writeString(dir.resolve(id + ".origin"),
                originalFile == null ? "" : originalFile.toAbsolutePath().toString());
        NetworkJson.write(state.spec(), state.layout(), dir.resolve(id + ".json"));
    }

    /** Deletes this instance's copy (the network was saved, or nothing is unsaved); never another's. */
    public synchronized void clear() throws IOException {
        Files.deleteIfExists(dir.resolve(id + ".json"));
        Files.deleteIfExists(dir.resolve(id + ".origin"));
    }

    /** A normal exit: deletes this instance's copy and lets go of every lock; offered copies stay as they are. */
    public synchronized void close() throws IOException {
        try {
            clear();
        } finally {
            for (String claimed : List.copyOf(claims.keySet())) {
                release(claimed);
            }
            if (ownLock != null) {
                Files.deleteIfExists(lockFile(id));
                ownLock.close();
                ownLock = null;
            }
        }
    }

    /**
     * The copies of instances that are no longer running (oldest first), each now claimed by this instance
     * until it is {@link #adopted}, {@link #setAside set aside} or {@link #release released}.
     */
    public synchronized Pending pending() {
        List<String> problems = new ArrayList<>();
        migrateLegacy(problems);
        List<Recovered> copies = new ArrayList<>();
        List<String> ids;
        try {
            ids = ids(dir);
        } catch (IOException e) {
            problems.add("The recovery folder " + dir + " cannot be read: " + Failures.describe(e));
            return new Pending(List.of(), problems);
        }
        for (String other : ids) {
            if (other.equals(id) || claims.containsKey(other) || !claim(other)) {
                continue;
            }
            try {
                copies.add(read(dir, other));
            } catch (NoSuchFileException e) {
                releaseOrReport(other, problems);   // its owner closed normally after we listed it
            } catch (SpecFormatException | IOException | RuntimeException e) {
                problems.add(moveToDamaged(other, Failures.describe(e)));
                releaseOrReport(other, problems);
            }
        }
        copies.sort(Comparator.comparing(Recovered::savedAt));
        return new Pending(copies, problems);
    }

    /** The user restored {@code copy} and this instance now has its own copy of it: the old one goes. */
    public synchronized void adopted(Recovered copy) throws IOException {
        Files.deleteIfExists(dir.resolve(copy.id() + ".json"));
        Files.deleteIfExists(dir.resolve(copy.id() + ".origin"));
        release(copy.id());
    }

    /** The user declined to restore {@code copy}: it is kept in {@code recovery/kept/}, listed by File > Recover. */
    public synchronized void setAside(Recovered copy) throws IOException {
        moveCopy(copy.id(), keptDir);
        release(copy.id());
    }

    /** Lets go of an offered copy without touching it (it is offered again at the next start). */
    public synchronized void release(Recovered copy) throws IOException {
        release(copy.id());
    }

    /** The kept copies, newest first. */
    public synchronized List<KeptCopy> kept() throws IOException {
        List<KeptCopy> kept = new ArrayList<>();
        for (String keptId : ids(keptDir)) {
            String name;
            try {
                name = NetworkJson.read(keptDir.resolve(keptId + ".json")).spec().name();
            } catch (SpecFormatException e) {
                name = "(unreadable: " + e.reason() + ")";
            }
            kept.add(new KeptCopy(keptId, name, Files.getLastModifiedTime(keptDir.resolve(keptId + ".json"))
                    .toInstant(), origin(keptDir, keptId)));
        }
        kept.sort(Comparator.comparing(KeptCopy::savedAt).reversed());
        return kept;
    }

    /** Reads a kept copy (it stays kept). */
    public synchronized Recovered openKept(String keptId) throws SpecFormatException, IOException {
        return read(keptDir, checked(keptId));
    }

    /** Deletes a kept copy for good (the user asked to). */
    public synchronized void deleteKept(String keptId) throws IOException {
        Files.delete(keptDir.resolve(checked(keptId) + ".json"));
        Files.deleteIfExists(keptDir.resolve(keptId + ".origin"));
    }

    // --- locks ---

    private void holdOwnLock() throws IOException {
        if (ownLock != null) {
            return;
        }
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(lockFile(id), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        boolean held;
        try {
            held = channel.tryLock() != null;
        } catch (IOException e) {
            held = true;   // no locks on this file system: other instances judge this one by its process id
        }
        if (!held) {
            channel.close();
            throw new IOException("the lock " + lockFile(id) + " is held by another process");
        }
        ownLock = channel;
    }

    /** Takes the lock of another instance's copy: true if its owner is gone (and the copy is now ours to offer). */
    private boolean claim(String other) {
        try {
            FileChannel channel = FileChannel.open(lockFile(other), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                if (channel.tryLock() != null) {
                    claims.put(other, channel);
                    return true;
                }
                channel.close();
                return false;   // held by a running process
            } catch (OverlappingFileLockException e) {
                channel.close();
                return false;   // held by a running instance in this very process
            } catch (IOException e) {
                channel.close();
                return !ownerProcessAlive(other);   // a file system without locks
            }
        } catch (IOException e) {
            return !ownerProcessAlive(other);
        }
    }

    private static boolean ownerProcessAlive(String other) {
        int dash = other.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? other : other.substring(0, dash));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;   // legacy copies have no owner
        }
    }

    private void releaseOrReport(String claimed, List<String> problems) {
        try {
            release(claimed);
        } catch (IOException e) {
            problems.add("The lock of recovery copy " + claimed + " cannot be let go: " + Failures.describe(e));
        }
    }

    /** Lets go of a claimed copy; its lock file goes too once the copy is gone. */
    private void release(String claimed) throws IOException {
        FileChannel channel = claims.remove(claimed);
        if (channel == null) {
            return;
        }
        try (channel) {
            if (!Files.exists(dir.resolve(claimed + ".json"))) {
                Files.deleteIfExists(lockFile(claimed));
            }
        }
    }

    private Path lockFile(String owner) {
        return dir.resolve(owner + ".lock");
    }

    // --- files ---

    private static List<String> ids(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).filter(n -> ID.matcher(n).matches())
                    .sorted().toList();
        }
    }

    private static Recovered read(Path folder, String copyId) throws SpecFormatException, IOException {
        Path json = folder.resolve(copyId + ".json");
        if (!Files.exists(json)) {
            throw new NoSuchFileException(json.toString());
        }
        LoadedNetwork network = NetworkJson.read(json);
        return new Recovered(copyId, network, origin(folder, copyId), Files.getLastModifiedTime(json).toInstant());
    }

    private static Path origin(Path folder, String copyId) throws IOException {
        Path origin = folder.resolve(copyId + ".origin");
        String from = Files.exists(origin) ? Files.readString(origin, StandardCharsets.UTF_8).strip() : "";
        return from.isEmpty() ? null : Path.of(from);
    }

    private static String checked(String copyId) {
        if (!ID.matcher(copyId).matches()) {
            throw new IllegalArgumentException("not a recovery copy id: " + copyId);
        }
        return copyId;
    }

    /** Moves an unreadable copy out of the way (never deletes it); returns what to tell the user. */
    private String moveToDamaged(String other, String reason) {
        Path damaged = dir.resolve("damaged");
        try {
            moveCopy(other, damaged);
            return "A recovery copy cannot be read (" + reason + "); it was moved to " + damaged + ".";
        } catch (IOException e) {
            return "A recovery copy cannot be read (" + reason + ") nor moved aside (" + Failures.describe(e)
                    + "); it stays in " + dir + ".";
        }
    }

    /** Moves the copy {@code copyId} (its network and, if any, its origin) from the folder into {@code to}. */
    private void moveCopy(String copyId, Path to) throws IOException {
        Files.createDirectories(to);
        Files.move(dir.resolve(copyId + ".json"), to.resolve(copyId + ".json"));
        Path origin = dir.resolve(copyId + ".origin");
        if (Files.exists(origin)) {
            Files.move(origin, to.resolve(copyId + ".origin"));
        }
    }

    /** Moves the copy of a version before per-instance copies into the folder, where it is offered once. */
    private void migrateLegacy(List<String> problems) {
        Path legacy = home.resolve("recovery.json");
        try {
            if (Files.exists(legacy)) {
                String legacyId = "legacy-" + System.currentTimeMillis();
                Files.createDirectories(dir);
                if (moveIfPresent(legacy, dir.resolve(legacyId + ".json"))) {
                    moveIfPresent(home.resolve("recovery-origin.txt"), dir.resolve(legacyId + ".origin"));
                }
            }
            List<Path> declined;
            try (Stream<Path> files = Files.isDirectory(home) ? Files.list(home) : Stream.empty()) {
                declined = files.filter(p -> p.getFileName().toString().matches("recovery-declined-\\d+\\.json"))
                        .toList();
            }
            for (Path old : declined) {
                Files.createDirectories(keptDir);
                moveIfPresent(old, keptDir.resolve("legacy-" + old.getFileName().toString().substring(9)));
            }
        } catch (IOException e) {
            problems.add("The recovery copy of an older version (" + legacy + ") cannot be moved into " + dir
                    + ": " + Failures.describe(e));
        }
    }

    /** False when {@code from} is gone (another window moved it first). */
    private static boolean moveIfPresent(Path from, Path to) throws IOException {
        try {
            Files.move(from, to);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
