package org.cnnworkbench.app.ui;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javafx.animation.PauseTransition;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import javafx.util.Duration;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.app.ui.files.Failures;
import org.cnnworkbench.app.ui.files.RecoveryStore;
import org.cnnworkbench.app.ui.files.RecoveryStore.Recovered;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;

/**
 * Crash recovery of one window: the copy of unsaved work written half a second after each edit, the start-up
 * offer of copies that instances which ended abnormally left behind, and File > Recover, which lists the copies
 * the user declined. Every file operation runs on the I/O thread; every failure is told, once per streak for the
 * copy written after each edit.
 */
public final class RecoveryController {

    private static final Duration AUTOSAVE_DELAY = Duration.millis(500);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final WorkbenchViewModel vm;
    private final RecoveryStore store;
    private final IoThread io;
    private final Executor ui;
    private final Notices notices;
    private final Predicate<Recovered> askRestore;
    private final PauseTransition autosave;
    private boolean copyFailing;
    private boolean closed;
    private Window owner;

    /**
     * @param askRestore asks the user whether to restore a copy found at start-up (null: a dialog over the
     *                   window)
     * @param timer      whether edits start the autosave timer (it needs the toolkit; tests without it call
     *                   {@link #writeCopy} themselves)
     */
    RecoveryController(WorkbenchViewModel vm, RecoveryStore store, IoThread io, Executor ui, Notices notices,
                       Predicate<Recovered> askRestore, boolean timer) {
        this.vm = vm;
        this.store = store;
        this.io = io;
        this.ui = ui;
        this.notices = notices;
        this.askRestore = askRestore != null ? askRestore : this::askInDialog;
        this.autosave = timer ? new PauseTransition(AUTOSAVE_DELAY) : null;
        if (timer) {
            autosave.setOnFinished(e -> writeCopy());
            vm.addEditListener(autosave::playFromStart);
        }
    }

    void setOwner(Window owner) {
        this.owner = owner;
    }

    public RecoveryStore store() {
        return store;
    }

    // --- the copy of this window's unsaved work ---

    /** Writes the copy now if there are unsaved changes, or removes it (normally done shortly after each edit). */
    public void writeCopy() {
        if (closed) {
            return;
        }
        boolean dirty = vm.dirty().get();
        DocumentState state = vm.document().get();
        Path file = vm.file().get();
        io.execute(() -> {
            try {
                if (dirty) {
                    store.save(state, file);
                } else {
                    store.clear();
                }
                ui.execute(() -> copyFailing = false);
            } catch (Throwable e) {
                String why = Failures.describe(e);
                ui.execute(() -> copyFailed(why));
            }
        });
    }

    private void copyFailed(String why) {
        if (copyFailing) {
            return;   // told already; each later edit tries again
        }
        copyFailing = true;
        notices.error("Unsaved work is not protected against a crash", "The recovery copy in "
                + store.folder() + " cannot be written: " + why + ". The network is still open: save it to keep "
                + "it. The workbench tries again after each edit.");
    }

    /** The document was saved: its copy is no longer needed. */
    void documentSaved() {
        stopTimer();
        writeCopy();
    }

    /** A normal exit: removes this window's copy and lets go of its locks (copies on offer stay as they are). */
    void shutdown() {
        stopTimer();
        closed = true;
    }

    private void stopTimer() {
        if (autosave != null) {
            autosave.stop();
        }
    }

    /** After the I/O thread has finished: on that thread or any. */
    void closeStore() {
        try {
            store.close();
        } catch (Throwable e) {
            System.err.println("workbench: the recovery copy in " + store.folder() + " could not be removed ("
                    + Failures.describe(e) + "); the next start may offer it");
        }
    }

    // --- copies of instances that ended abnormally ---

    /**
     * At start-up: looks for copies left by windows that ended abnormally (on the I/O thread) and asks about
     * each. A copy is not touched until the user has answered; "No" keeps it for File > Recover. Completes
     * when every question is answered.
     */
    public CompletableFuture<Void> offerAtStartup() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        io.execute(() -> {
            RecoveryStore.Pending found;
            try {
                found = store.pending();
            } catch (Throwable e) {
                found = new RecoveryStore.Pending(List.of(), List.of("Recovery copies cannot be looked for in "
                        + store.folder() + ": " + Failures.describe(e)));
            }
            RecoveryStore.Pending pending = found;
            ui.execute(() -> {
                try {
                    pending.problems().forEach(p -> notices.error("A recovery copy has a problem", p));
                    offer(pending.copies());
                } finally {
                    done.complete(null);
                }
            });
        });
        return done;
    }

    private void offer(List<Recovered> copies) {
        for (int i = 0; i < copies.size(); i++) {
            Recovered copy = copies.get(i);
            if (askRestore.test(copy)) {
                restore(copy);
                List<Recovered> rest = copies.subList(i + 1, copies.size());
                rest.forEach(this::keep);
                if (!rest.isEmpty()) {
                    notices.error("More unsaved work was found", rest.size() + " more recovery "
                            + (rest.size() == 1 ? "copy was" : "copies were") + " kept: File > Recover... lists them.");
                }
                return;
            }
            keep(copy);
        }
    }

    private boolean askInDialog(Recovered copy) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "The workbench did not close normally. Restore the "
                + "unsaved network '" + copy.network().spec().name() + "' (last changed " + TIME.format(copy.savedAt())
                + ")?\n\nIf not, it is kept: File > Recover... lists it.", ButtonType.YES, ButtonType.NO);
        alert.setHeaderText("Unsaved work was recovered");
        alert.initOwner(owner);
        return alert.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
    }

    /** Opens a recovered network as unsaved work; its old copy goes once this window has written its own. */
    void restore(Recovered copy) {
        vm.open(copy.network(), copy.originalFile());
        vm.markUnsaved();
        DocumentState state = vm.document().get();
        Path file = vm.file().get();
        io.execute(() -> {
            try {
                store.save(state, file);
                store.adopted(copy);
            } catch (Throwable e) {
                String why = Failures.describe(e);
                ui.execute(() -> {
                    copyFailed(why);
                    keep(copy);
                });
            }
        });
    }

    private void keep(Recovered copy) {
        io.execute(() -> {
            try {
                store.setAside(copy);
            } catch (Throwable e) {
                String why = Failures.describe(e);
                ui.execute(() -> notices.error("A recovery copy cannot be kept aside", "The copy of '"
                        + copy.network().spec().name() + "' stays in " + store.folder() + " (" + why + ") and is "
                        + "offered again at the next start."));
            }
        });
    }

    // --- kept copies: File > Recover ---

    /** Lists the kept copies (read on the I/O thread) in a window that opens or deletes them. */
    void showKept(BooleanSupplier confirmDiscard) {
        KeptCopiesDialog dialog = new KeptCopiesDialog(owner, new KeptCopiesDialog.Actions() {
            @Override
            public void refresh(KeptCopiesDialog shown) {
                listKept(shown);
            }

            @Override
            public void open(RecoveryStore.KeptCopy copy) {
                if (confirmDiscard.getAsBoolean()) {
                    openKept(copy);
                }
            }

            @Override
            public void delete(RecoveryStore.KeptCopy copy, KeptCopiesDialog shown) {
                deleteKept(copy, shown);
            }
        });
        listKept(dialog);
        dialog.show();
    }

    private void listKept(KeptCopiesDialog dialog) {
        io.submit(store::kept, "The kept recovery copies cannot be listed")
                .thenAccept(kept -> dialog.setCopies(kept.orElse(List.of())));
    }

    /** Opens a kept copy as unsaved work; the copy stays kept until the user deletes it. */
    CompletableFuture<Boolean> openKept(RecoveryStore.KeptCopy copy) {
        return io.submit(() -> store.openKept(copy.id()), "Cannot open the kept copy of " + copy.networkName())
                .thenApply(read -> {
                    read.ifPresent(r -> {
                        vm.open(r.network(), r.originalFile());
                        vm.markUnsaved();
                        writeCopy();
                    });
                    return read.isPresent();
                });
    }

    private void deleteKept(RecoveryStore.KeptCopy copy, KeptCopiesDialog dialog) {
        io.submit(() -> {
            store.deleteKept(copy.id());
            return true;
        }, "Cannot delete the kept copy of " + copy.networkName()).thenRun(() -> listKept(dialog));
    }
}
