package org.cnnworkbench.app.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.cnnworkbench.app.export.Exporters;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.app.ui.files.Failures;
import org.cnnworkbench.app.ui.files.RecentFiles;
import org.cnnworkbench.app.ui.files.RecoveryStore;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.prototxt.PrototxtImporter;
import org.cnnworkbench.engine.plugin.Plugins;
import org.cnnworkbench.samples.SampleNetworks;

/**
 * Opening, saving and recent files; crash recovery is the {@link RecoveryController}'s, exports the
 * {@link ExportController}'s. Reading and
 * writing run on an I/O thread and report back on the UI thread, which never waits for the disk (except when the
 * user saves while closing). Whatever goes wrong on that thread (a malformed file, a full disk, an unexpected
 * exception) is told to the user and the operation finishes: nothing is left waiting. A file that cannot be read
 * leaves the open network as it was; saves are atomic.
 */
public final class FileController {

    private final WorkbenchViewModel vm;
    private final RecentFiles recent;
    private final RecoveryController recovery;
    private final Executor ui;
    private final Notices notices;
    private final IoThread io;
    private final ExportController exports;
    private boolean recentFailureTold;
    private boolean shutDown;
    private Window owner;

    public FileController(WorkbenchViewModel vm, RecentFiles recent, RecoveryStore recovery) {
        this(vm, recent, recovery, Platform::runLater);
    }

    /** With {@code ui} the executor of the UI thread (tests that run without the toolkit pass a direct one). */
    public FileController(WorkbenchViewModel vm, RecentFiles recent, RecoveryStore recovery, Executor ui) {
        this(vm, recent, recovery, ui, null, null, true);
    }

    /**
     * @param notices    where failures are told (null: error dialogs over the window)
     * @param askRestore the start-up question for each recovery copy (null: a dialog)
     * @param timer      whether edits start the autosave timer (which needs the toolkit)
     */
    FileController(WorkbenchViewModel vm, RecentFiles recent, RecoveryStore recovery, Executor ui,
                   Notices notices, java.util.function.Predicate<RecoveryStore.Recovered> askRestore,
                   boolean timer) {
        this.vm = vm;
        this.recent = recent;
        this.ui = ui;
        this.notices = notices != null ? notices : new Notices() {
            @Override
            public void error(String header, String message) {
                alert(Alert.AlertType.ERROR, header, message);
            }

            @Override
            public void warning(String header, String message) {
                alert(Alert.AlertType.WARNING, header, message);
            }

            @Override
            public void info(String header, String message) {
                alert(Alert.AlertType.INFORMATION, header, message);
            }
        };
        this.io = new IoThread(ui, this.notices);
        this.exports = new ExportController(vm, io, this.notices, Exporters.available());
        this.recovery = new RecoveryController(vm, recovery, io, ui, this.notices, askRestore, timer);
    }

    void setOwner(Window owner) {
        this.owner = owner;
        recovery.setOwner(owner);
        exports.setOwner(owner);
    }

    /** File &gt; Export, which writes on this window's I/O thread and tells failures the same way. */
    public ExportController exports() {
        return exports;
    }

    public RecentFiles recent() {
        return recent;
    }

    public RecoveryController recovery() {
        return recovery;
    }

    // --- open ---

    /**
     * Opens a spec file (read on the I/O thread); on failure shows why (with line and column) and keeps the
     * current network. Completes with whether it was opened. A {@code .prototxt} is imported instead, as a new
     * untitled document ({@link PrototxtImportController}).
     */
    public CompletableFuture<Boolean> openFile(Path file) {
        if (PrototxtImporter.isPrototxt(file)) {
            return openUntitled(() -> PrototxtImportController.read(file), "Cannot import " + file.getFileName());
        }
        return open(() -> {
            LoadedNetwork loaded = NetworkJson.read(file);
            remember(file);
            return loaded;
        }, file, "Cannot open " + file.getFileName());
    }

    /**
     * Opens what {@code reader} makes (an import) as a new untitled document, with its warnings told as for a
     * file; on failure shows why and keeps the current network.
     */
    CompletableFuture<Boolean> openUntitled(IoThread.Task<LoadedNetwork> reader, String failure) {
        return open(reader, null, failure);
    }

    public CompletableFuture<Boolean> openSample(String name) {
        return open(() -> SampleNetworks.load(name), null, "Cannot open sample " + name);
    }

    private CompletableFuture<Boolean> open(IoThread.Task<LoadedNetwork> reader, Path file, String failure) {
        return io.submit(reader, failure).thenApply(loaded -> {
            if (loaded.isEmpty()) {
                return false;
            }
            try {
                vm.open(loaded.get(), file);
                List<String> warnings = loaded.get().warnings();
                if (!warnings.isEmpty()) {
                    notices.warning("Opened " + loaded.get().spec().name() + " with "
                            + (warnings.size() == 1 ? "a warning" : warnings.size() + " warnings"),
                            String.join("\n", warnings));
                }
                return true;
            } catch (RuntimeException e) {
                notices.error(failure, Failures.describe(e));
                return false;
            }
        });
    }

    /** Reads a sample without opening it (e.g. to compare with), on the I/O thread; empty if it fails. */
    public CompletableFuture<Optional<LoadedNetwork>> loadSample(String name) {
        return io.submit(() -> SampleNetworks.load(name), "Cannot read sample " + name);
    }

    /**
     * Asks for a spec file (or a prototxt, imported) and reads it without opening it; empty when cancelled or
     * unreadable.
     */
    CompletableFuture<Optional<LoadedNetwork>> chooseNetwork(String title) {
        File chosen = openChooser(title).showOpenDialog(owner);
        if (chosen == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Path file = chosen.toPath();
        return io.submit(() -> PrototxtImporter.isPrototxt(file) ? PrototxtImportController.read(file)
                : NetworkJson.read(file), "Cannot read " + file.getFileName());
    }

    /** Puts a file first in the recent list (on the I/O thread); a failure is told once, never fails the caller. */
    private void remember(Path file) {
        try {
            recent.add(file);
        } catch (Throwable e) {
            String why = Failures.describe(e);
            ui.execute(() -> {
                if (!recentFailureTold) {
                    recentFailureTold = true;
                    notices.error("The recent files list cannot be updated", recent.file() + ": " + why
                            + ". Opening and saving still work.");
                }
            });
        }
    }

    void chooseAndOpen() {
        File chosen = openChooser("Open Network").showOpenDialog(owner);
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
        Path file = chooseSaveFile();
        return file == null ? CompletableFuture.completedFuture(false) : saveTo(file);
    }

    /** Asks where to save the network; null when cancelled. */
    private Path chooseSaveFile() {
        FileChooser chooser = chooser("Save Network As");
        chooser.setInitialFileName(vm.document().get().spec().name() + ".json");
        File chosen = chooser.showSaveDialog(owner);
        return chosen == null ? null : withJsonExtension(chosen.toPath());
    }

    /**
     * Saves atomically on the I/O thread; on failure the previous file is intact and the user is told why.
     * Edits made while it is written stay marked unsaved.
     */
    public CompletableFuture<Boolean> saveTo(Path file) {
        DocumentState state = vm.document().get();
        long revision = vm.revision();
        return io.submit(() -> {
            try {
                NetworkJson.write(state.spec(), state.layout(), file);
            } catch (IOException e) {
                throw new IOException("The file was not changed: " + Failures.describe(e), e);
            }
            remember(file);
            return true;
        }, "Cannot save " + file.getFileName()).thenApply(saved -> {
            if (saved.isPresent()) {
                vm.markSaved(file, revision);
                if (!vm.dirty().get()) {
                    recovery.documentSaved();
                }
            }
            return saved.isPresent();
        });
    }

    /** Saving as part of closing: the window waits for it, since it must not close before the file is safe. */
    private boolean saveBeforeClosing() {
        Path file = vm.file().get() != null ? vm.file().get() : chooseSaveFile();
        if (file == null) {
            return false;
        }
        try {
            vm.save(file);
        } catch (IOException | RuntimeException e) {
            notices.error("Cannot save " + file.getFileName(), "The file was not changed: " + Failures.describe(e));
            return false;
        }
        Path saved = file;
        io.execute(() -> remember(saved));
        recovery.documentSaved();
        return true;
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

    /** At start-up: offers to restore the networks of windows that ended abnormally (see RecoveryController). */
    public CompletableFuture<Void> offerRecovery() {
        return recovery.offerAtStartup();
    }

    /** Tells the user which plugins were skipped at start-up and why (a broken plugin is never fatal). */
    public void reportSkippedPlugins(List<Plugins.Failed> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        notices.warning(skipped.size() == 1 ? "A plugin was not loaded" : skipped.size() + " plugins were not loaded",
                skipped.stream().map(f -> f.source() + (f.plugin().isEmpty() ? "" : " (plugin '" + f.plugin() + "')")
                        + ":\n    " + f.reason()).collect(java.util.stream.Collectors.joining("\n"))
                        + "\n\nThe workbench works without them; 'workbench plugins' lists every plugin folder.");
    }

    /** File > Recover: the kept copies of unsaved work. */
    void showKeptCopies() {
        recovery.showKept(this::confirmDiscard);
    }

    /** Writes the recovery copy now if there are unsaved changes (normally done shortly after each edit). */
    public void writeRecoveryCopy() {
        recovery.writeCopy();
    }

    /** Completes (on the UI thread) once the file work queued so far is done. */
    CompletableFuture<Void> flush() {
        return io.submit(() -> Boolean.TRUE, "The file thread stopped").thenAccept(done -> { });
    }

    /** A normal exit: pending writes finish, then this window's recovery copy goes. Safe to call twice. */
    public void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        recovery.shutdown();
        io.shutdown();
        recovery.closeStore();
    }

    // --- helpers ---

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Network specs", "*.json"));
        recentFiles().stream().findFirst().map(Path::getParent).filter(Files::isDirectory)
                .ifPresent(dir -> chooser.setInitialDirectory(dir.toFile()));
        return chooser;
    }

    /** A chooser of a network to read: spec files, and prototxt files (imported). */
    private FileChooser openChooser(String title) {
        FileChooser chooser = chooser(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Caffe prototxt (imported)", "*.prototxt"));
        return chooser;
    }

    /** The recent files for a menu or a chooser; a list that cannot be read is told once and counts as empty. */
    java.util.List<Path> recentFiles() {
        try {
            return recent.list();
        } catch (IOException e) {
            if (!recentFailureTold) {
                recentFailureTold = true;
                notices.error("The recent files list cannot be read", Failures.describe(e));
            }
            return java.util.List.of();
        }
    }

    private static Path withJsonExtension(Path file) {
        return ExportController.withExtension(file, "json");
    }

    /** Shows an error dialog over the main window (on the UI thread). */
    public void showError(String header, String message) {
        alert(Alert.AlertType.ERROR, header, message);
    }

    private void alert(Alert.AlertType type, String header, String message) {
        Alert alert = new Alert(type, message, ButtonType.OK);
        alert.setHeaderText(header);
        alert.setTitle("CNN Workbench");
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
    }
}
