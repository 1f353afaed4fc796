package org.cnnworkbench.app.ui.viewmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.cnnworkbench.app.ui.document.Change;
import org.cnnworkbench.app.ui.document.CommandStack;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.app.ui.document.Edits;
import org.cnnworkbench.app.ui.document.LayeredLayout;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.Reanalysis;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * The state of the main window: the open document, its analysis, the selection, the undo history and the
 * file it belongs to. Uses JavaFX properties but no scene graph, so it is tested without the toolkit.
 *
 * <p>Every edit goes through {@link #apply}, on the UI thread. Opening a document analyses it on {@code background}
 * and publishes the result on {@code ui}; so does an edit while an analysis is running or when the last one took
 * longer than {@link #INLINE_BUDGET_NANOS}. Any other edit is analysed and published at once, on the calling
 * thread. Views observe {@link #report()}, {@link #layers()},
 * {@link #problems()} and {@link #status()}.
 */
public final class WorkbenchViewModel {

    /**
     * An edit whose previous analysis took at most this long (a quarter of a 60 Hz frame) is analysed on the UI
     * thread that applied it, so the next frame shows its result. Handed to the analysis thread instead, the
     * result waited for the UI thread to finish that frame and appeared one frame later (README, "Edit to screen").
     */
    static final long INLINE_BUDGET_NANOS = 4_000_000;

    private final Analyzer analyzer;
    private final Executor background;
    private final Executor ui;
    private final CommandStack history = new CommandStack();
    private final ReadOnlyObjectWrapper<DocumentState> document = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<AnalysisReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<String>> lastAffected = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("Redo");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<StatusSummary> status = new ReadOnlyObjectWrapper<>();
    private final ObservableSet<String> selection = FXCollections.observableSet(new LinkedHashSet<>());
    private final IntegerProperty bits = new SimpleIntegerProperty(8);
    private final RowList<LayerRow> layers = new RowList<>();
    private final ObservableList<Diagnostic> problems = FXCollections.observableArrayList();
    private final AtomicLong analysisRequests = new AtomicLong();
    private final List<Runnable> editListeners = new ArrayList<>();
    /**
     * The last report computed. Analysis jobs run one after the other on {@code background}; an edit is analysed on
     * the calling thread only while none is in flight ({@link #inFlight}), so the two never overlap.
     */
    private volatile AnalysisReport lastComputed;
    /** How long the last analysis took: an edit is analysed in place only while that is within the budget. */
    private volatile long lastAnalysisNanos = Long.MAX_VALUE;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final long inlineBudgetNanos;

    public WorkbenchViewModel(Analyzer analyzer, Executor background, Executor ui) {
        this(analyzer, background, ui, INLINE_BUDGET_NANOS);
    }

    /**
     * As above, analysing an edit on the calling thread while the previous analysis took at most
     * {@code inlineBudgetNanos} (0: every analysis runs on {@code background}).
     */
    WorkbenchViewModel(Analyzer analyzer, Executor background, Executor ui, long inlineBudgetNanos) {
        this.inlineBudgetNanos = inlineBudgetNanos;
        this.analyzer = analyzer;
        this.background = background;
        this.ui = ui;
        bits.addListener((o, a, b) -> refreshStatus());
        dirty.addListener((o, a, b) -> refreshTitle());
        file.addListener((o, a, b) -> refreshTitle());
        open(DocumentState.of(NetworkSpec.of("untitled", List.of())), null);
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    // --- documents and files ---

    /** Replaces the document by a loaded network; nodes without a saved position are laid out. */
    public void open(LoadedNetwork loaded, Path path) {
        open(new DocumentState(loaded.spec(), loaded.layout()), path);
    }

    /** Replaces the document, forgetting the undo history. */
    public void open(DocumentState state, Path path) {
        boolean allPlaced = state.spec().nodes().stream().allMatch(n -> state.layout().containsKey(n.id()));
        DocumentState laidOut = allPlaced ? state
                : state.withLayout(LayeredLayout.layout(state.spec(), state.layout(), !state.layout().isEmpty()));
        history.reset();
        selection.clear();
        document.set(laidOut);
        file.set(path);
        analyse(laidOut, true);
        refreshHistory();
        fireEdited();
    }

    /** An empty, untitled document. */
    public void newDocument() {
        open(DocumentState.of(NetworkSpec.of("untitled", List.of())), null);
    }

    /** Saves atomically to {@code path} on the calling thread and makes it the document's file. */
    public void save(Path path) throws IOException {
        long revision = revision();
        DocumentState state = document.get();
        NetworkJson.write(state.spec(), state.layout(), path);
        markSaved(path, revision);
    }

    /** Identifies the current state, for a save that runs elsewhere and reports back with {@link #markSaved}. */
    public long revision() {
        return history.revision();
    }

    /** The state of {@code revision} was written to {@code path}; it becomes the document's file. */
    public void markSaved(Path path, long revision) {
        file.set(path);
        history.markSaved(revision);
        refreshHistory();
    }

    /** Marks the document as having unsaved changes (e.g. restored from a recovery file). */
    public void markUnsaved() {
        history.markUnsaved();
        refreshHistory();
    }

    // --- edits ---

    /** Applies an edit and records it for undo; an edit that changes nothing is ignored. */
    public void apply(Change change) {
        if (!change.isEffective()) {
            return;
        }
        history.push(change);
        show(change.after());
    }

    public boolean undo() {
        return history.undo().map(c -> {
            show(c.before());
            return true;
        }).orElse(false);
    }

    public boolean redo() {
        return history.redo().map(c -> {
            show(c.after());
            return true;
        }).orElse(false);
    }

    private void show(DocumentState state) {
        document.set(state);
        selection.removeIf(id -> !state.spec().contains(id));
        analyse(state, false);
        refreshHistory();
        fireEdited();
    }

    /** Called after every change of the document (edit, undo, redo, open); e.g. for autosave. */
    public void addEditListener(Runnable listener) {
        editListeners.add(listener);
    }

    private void fireEdited() {
        editListeners.forEach(Runnable::run);
    }

    // --- analysis ---

    private void analyse(DocumentState state, boolean full) {
        long request = analysisRequests.incrementAndGet();
        NetworkSpec spec = state.spec();
        if (!full && inFlight.get() == 0 && lastComputed != null && lastAnalysisNanos <= inlineBudgetNanos) {
            // the calling (UI) thread: the result is in the views before the next pulse, not a frame later
            publish(reanalyse(spec, false));
            return;
        }
        inFlight.incrementAndGet();
        background.execute(() -> {
            Reanalysis result;
            try {
                result = reanalyse(spec, full);
            } finally {
                inFlight.decrementAndGet();
            }
            ui.execute(() -> {
                if (request == analysisRequests.get()) {
                    publish(result);
                }
            });
        });
    }

    /** Analyses {@code spec} (incrementally from the last report unless {@code full}), timing it. */
    private Reanalysis reanalyse(NetworkSpec spec, boolean full) {
        long start = System.nanoTime();
        Reanalysis result = full || lastComputed == null
                ? new Reanalysis(analyzer.analyze(spec), spec.nodes().stream().map(n -> n.id()).toList(),
                spec.size(), true)
                : analyzer.reanalyze(lastComputed, spec);
        lastComputed = result.report();
        lastAnalysisNanos = System.nanoTime() - start;
        return result;
    }

    private void publish(Reanalysis result) {
        AnalysisReport r = result.report();
        report.set(r);
        lastAffected.set(result.affected());
        List<LayerRow> rows = new ArrayList<>(r.layers().size());
        for (NodeResult n : r.layers()) {
            rows.add(LayerRow.of(n, r.totals()));
        }
        layers.update(rows);
        if (!problems.equals(r.diagnostics())) {
            problems.setAll(r.diagnostics());
        }
        refreshStatus();
    }

    /** Whether the published report is the analysis of the current document. */
    public boolean isAnalysisCurrent() {
        AnalysisReport r = report.get();
        return r != null && r.spec() == document.get().spec();
    }

    private void refreshStatus() {
        if (report.get() != null) {
            status.set(StatusSummary.of(report.get(), bits.get()));
        }
    }

    private void refreshHistory() {
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
        undoText.set(history.undoDescription().map(d -> "Undo " + d).orElse("Undo"));
        redoText.set(history.redoDescription().map(d -> "Redo " + d).orElse("Redo"));
        dirty.set(history.isDirty());
        refreshTitle();
    }

    private void refreshTitle() {
        String name = file.get() != null ? file.get().getFileName().toString() : document.get().spec().name();
        title.set((dirty.get() ? "*" : "") + name + " - CNN Workbench");
    }

    /** The network as it was before the last edit (what undo would bring back), for a before/after comparison. */
    public java.util.Optional<NetworkSpec> specBeforeLastEdit() {
        return history.lastDone().map(c -> c.before().spec());
    }

    // --- selection helpers ---

    public void select(String id) {
        selection.clear();
        if (id != null) {
            selection.add(id);
        }
    }

    public void selectAll() {
        selection.clear();
        document.get().spec().nodes().forEach(n -> selection.add(n.id()));
    }

    /** Deletes the selected nodes. */
    public void deleteSelection() {
        if (!selection.isEmpty()) {
            apply(Edits.delete(document.get(), Set.copyOf(selection)));
        }
    }

    /** Duplicates the selected nodes and selects the copies. */
    public void duplicateSelection() {
        if (selection.isEmpty()) {
            return;
        }
        Change change = Edits.duplicate(document.get(), Set.copyOf(selection));
        apply(change);
        selection.clear();
        selection.addAll(change.changedNodes());
    }

    // --- observable state ---

    public ReadOnlyObjectProperty<DocumentState> document() {
        return document.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AnalysisReport> report() {
        return report.getReadOnlyProperty();
    }

    /** The nodes the last edit affected (local vs global change), in topological order. */
    public ReadOnlyObjectProperty<List<String>> lastAffected() {
        return lastAffected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> file() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndo() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedo() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoText() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoText() {
        return redoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty title() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusSummary> status() {
        return status.getReadOnlyProperty();
    }

    /** Selected node ids; views change it directly. */
    public ObservableSet<String> selection() {
        return selection;
    }

    /** Bit width of the second model size in the status bar. */
    public IntegerProperty bits() {
        return bits;
    }

    public ObservableList<LayerRow> layers() {
        return FXCollections.unmodifiableObservableList(layers);
    }

    public ObservableList<Diagnostic> problems() {
        return FXCollections.unmodifiableObservableList(problems);
    }
}
