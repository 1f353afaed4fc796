package org.cnnworkbench.app.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.cnnworkbench.app.report.ReportView;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.app.ui.files.RecentFiles;
import org.cnnworkbench.app.ui.files.RecoveryStore;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.io.AtomicFiles;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.samples.SampleNetworks;

/**
 * Opening, saving, exporting, recent files and crash recovery. Reading and writing run on an I/O thread and
 * report back on the UI thread, which never waits for the disk (except when the user saves while closing).
 * A file that cannot be read is reported in a dialog and the open network stays as it was; saves are atomic.
 */
public final class FileController {

    private static final Duration AUTOSAVE_DELAY = Duration.millis(500);

    private final WorkbenchViewModel vm;
    private final RecentFiles recent;
    private final RecoveryStore recovery;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-io");
        t.setDaemon(true);
        return t;
    });
    private final Executor ui;
    private final PauseTransition autosave = new PauseTransition(AUTOSAVE_DELAY);
    private Window owner;

    public FileController(WorkbenchViewModel vm, RecentFiles recent, RecoveryStore recovery) {
        this(vm, recent, recovery, Platform::runLater);
    }

    /** With {@code ui} the executor of the UI thread (tests that run without the toolkit pass a direct one). */
    public FileController(WorkbenchViewModel vm, RecentFiles recent, RecoveryStore recovery, Executor ui) {
        this.vm = vm;
        this.recent = recent;
        this.recovery = recovery;
        this.ui = ui;
        autosave.setOnFinished(e -> writeRecoveryCopy());
        vm.addEditListener(autosave::playFromStart);
    }

    void setOwner(Window owner) {
        this.owner = owner;
    }

    public RecentFiles recent() {
        return recent;
    }

    // --- open ---

    /**
     * Opens a spec file (read on the I/O thread); on failure shows why (with line and column) and keeps the
     * current network. Completes with whether it was opened.
     */
    public CompletableFuture<Boolean> openFile(Path file) {
        return open(() -> {
            LoadedNetwork loaded = NetworkJson.read(file);
            recent.add(file);
            return loaded;
        }, file, "Cannot open " + file.getFileName());
    }

    public CompletableFuture<Boolean> openSample(String name) {
        return open(() -> SampleNetworks.load(name), null, "Cannot open sample " + name);
    }

    private interface Reader {
        LoadedNetwork read() throws SpecFormatException;
    }

    private CompletableFuture<Boolean> open(Reader reader, Path file, String failure) {
        return load(reader, failure).thenApply(loaded -> {
            loaded.ifPresent(l -> vm.open(l, file));
            return loaded.isPresent();
        });
    }

    /** Reads a sample without opening it (e.g. to compare with), on the I/O thread; empty if it fails. */
    public CompletableFuture<Optional<LoadedNetwork>> loadSample(String name) {
        return load(() -> SampleNetworks.load(name), "Cannot read sample " + name);
    }

    /** Asks for a spec file and reads it without opening it; empty when cancelled or unreadable. */
    CompletableFuture<Optional<LoadedNetwork>> chooseNetwork(String title) {
        File chosen = chooser(title).showOpenDialog(owner);
        if (chosen == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Path file = chosen.toPath();
        return load(() -> NetworkJson.read(file), "Cannot read " + file.getFileName());
    }

    private CompletableFuture<Optional<LoadedNetwork>> load(Reader reader, String failure) {
        CompletableFuture<Optional<LoadedNetwork>> done = new CompletableFuture<>();
        io.execute(() -> {
            try {
                LoadedNetwork loaded = reader.read();
                ui.execute(() -> done.complete(Optional.of(loaded)));
            } catch (SpecFormatException e) {
                ui.execute(() -> {
                    error(failure, e.getMessage());
                    done.complete(Optional.empty());
                });
            }
        });
        return done;
    }

    void chooseAndOpen() {
        File chosen = chooser("Open Network").showOpenDialog(owner);
        if (chosen != null && confirmDiscard()) {
            openFile(chosen.toPath());
        }
    }

    // --- save ---

    /** Saves to the document's file, asking for one if it has none. */
    public CompletableFuture<Boolean> save() {
        Path file = vm.file().get();
        return file == null ? saveAs() : saveTo(file);
    }

    CompletableFuture<Boolean> saveAs() {
        FileChooser chooser = chooser("Save Network As");
        chooser.setInitialFileName(vm.document().get().spec().name() + ".json");
        File chosen = chooser.showSaveDialog(owner);
        return chosen == null ? CompletableFuture.completedFuture(false) : saveTo(withJsonExtension(chosen.toPath()));
    }

    /**
     * Saves atomically on the I/O thread; on failure the previous file is intact and the user is told why.
     * Edits made while it is written stay marked unsaved.
     */
    public CompletableFuture<Boolean> saveTo(Path file) {
        DocumentState state = vm.document().get();
        long revision = vm.revision();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        io.execute(() -> {
            try {
                NetworkJson.write(state.spec(), state.layout(), file);
                recent.add(file);
                ui.execute(() -> {
                    vm.markSaved(file, revision);
                    if (!vm.dirty().get()) {
                        autosave.stop();
                        recovery.clear();
                    }
                    done.complete(true);
                });
            } catch (IOException e) {
                ui.execute(() -> {
                    error("Cannot save " + file.getFileName(), "The file was not changed: " + e.getMessage());
                    done.complete(false);
                });
            }
        });
        return done;
    }

    /** Saving as part of closing: the window waits for it, since it must not close before the file is safe. */
    private boolean saveBeforeClosing() {
        Path file = vm.file().get();
        if (file == null) {
            FileChooser chooser = chooser("Save Network As");
            chooser.setInitialFileName(vm.document().get().spec().name() + ".json");
            File chosen = chooser.showSaveDialog(owner);
            if (chosen == null) {
                return false;
            }
            file = withJsonExtension(chosen.toPath());
        }
        try {
            vm.save(file);
            recent.add(file);
            recovery.clear();
            return true;
        } catch (IOException e) {
            error("Cannot save " + file.getFileName(), "The file was not changed: " + e.getMessage());
            return false;
        }
    }

    // --- export ---

    public CompletableFuture<Boolean> exportJson(Path file) {
        DocumentState state = vm.document().get();
        return write(file, () -> NetworkJson.write(state.spec(), state.layout(), file));
    }

    public CompletableFuture<Boolean> exportCsv(Path file) {
        if (vm.report().get() == null) {
            return CompletableFuture.completedFuture(false);
        }
        String csv = new ReportView(vm.report().get(), vm.bits().get(), 1).toCsv();
        return write(file, () -> AtomicFiles.writeString(file, csv));
    }

    /** A PNG of {@code node} (the canvas) as it is shown; the snapshot is taken now, the file written later. */
    public CompletableFuture<Boolean> exportPng(Path file, Node node) {
        WritableImage image = node.snapshot(null, null);
        return write(file, () -> writePng(image, file));
    }

    static void writePng(WritableImage image, Path file) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".export", ".png");
        try {
            if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", temp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    void chooseAndExport(String what, String extension,
                         java.util.function.Function<Path, CompletableFuture<Boolean>> export) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + what);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, "*." + extension));
        chooser.setInitialFileName(vm.document().get().spec().name() + "." + extension);
        File chosen = chooser.showSaveDialog(owner);
        if (chosen != null) {
            export.apply(chosen.toPath());
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private CompletableFuture<Boolean> write(Path file, IoAction action) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        io.execute(() -> {
            try {
                action.run();
                ui.execute(() -> done.complete(true));
            } catch (IOException e) {
                ui.execute(() -> {
                    error("Cannot write " + file.getFileName(), e.getMessage());
                    done.complete(false);
                });
            }
        });
        return done;
    }

    // --- unsaved changes and recovery ---

    /** Asks whether to save unsaved changes; false when the user cancels (or saving fails). */
    public boolean confirmDiscard() {
        if (!vm.dirty().get()) {
            return true;
        }
        ButtonType saveButton = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Save the changes to "
                + vm.document().get().spec().name() + " first?", saveButton, discard, ButtonType.CANCEL);
        alert.setHeaderText("The network has unsaved changes.");
        alert.initOwner(owner);
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return false;
        }
        return answer.get() != saveButton || saveBeforeClosing();
    }

    /** At start-up: offers to restore the network a crashed session left unsaved. */
    public void offerRecovery() {
        recovery.pending().ifPresent(found -> {
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
                    "The workbench did not close normally last time. Restore the unsaved network '"
                            + found.network().spec().name() + "'?", ButtonType.YES, ButtonType.NO);
            alert.setHeaderText("Unsaved work was recovered");
            alert.initOwner(owner);
            if (alert.showAndWait().orElse(ButtonType.NO) == ButtonType.YES) {
                restore(found);
            } else {
                recovery.setAside();
            }
        });
    }

    /** Opens a recovered network as unsaved work. */
    public void restore(RecoveryStore.Recovered found) {
        vm.open(found.network(), found.originalFile());
        vm.markUnsaved();
    }

    /** Writes the recovery copy now if there are unsaved changes (normally done shortly after each edit). */
    public void writeRecoveryCopy() {
        if (!vm.dirty().get()) {
            recovery.clear();
            return;
        }
        DocumentState state = vm.document().get();
        Path file = vm.file().get();
        io.execute(() -> {
            try {
                recovery.save(state, file);
            } catch (IOException e) {
                // the next edit tries again; the user's work is still in memory
            }
        });
    }

    /** A normal exit: nothing needs recovering. */
    public void shutdown() {
        autosave.stop();
        io.shutdown();
        try {
            io.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recovery.clear();
    }

    // --- helpers ---

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Network specs", "*.json"));
        recent.list().stream().findFirst().map(Path::getParent).filter(Files::isDirectory)
                .ifPresent(dir -> chooser.setInitialDirectory(dir.toFile()));
        return chooser;
    }

    private static Path withJsonExtension(Path file) {
        return file.getFileName().toString().contains(".") ? file
                : file.resolveSibling(file.getFileName() + ".json");
    }

    /** Shows an error dialog over the main window (on the UI thread). */
    public void showError(String header, String message) {
        error(header, message);
    }

    private void error(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.setHeaderText(header);
        alert.setTitle("CNN Workbench");
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
    }
}
