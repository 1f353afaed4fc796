package org.cnnworkbench.app.ui.view.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.cnnworkbench.engine.dl4j.RunDirectory;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.dl4j.TrainingListener;

/**
 * The past training runs in a folder (the workbench's runs folder by default), read off the UI thread, and the
 * per-epoch metrics of the selected one. Testable without the toolkit.
 */
public final class RunsViewModel {

    /** The status of a run whose spec, config or summary cannot be read. */
    static final String UNREADABLE = "unreadable";

    /**
     * One run as the list shows it; {@code problem} is non-empty (and the numbers NaN/0) when its files could
     * not be read. {@code modelBytes} is the compressed file's size for a compressed run ({@code compressed}),
     * else that of {@code model.zip}.
     */
    public record RunRow(Path dir, String network, String status, int completedEpochs, int plannedEpochs,
                         double top1, double top5, long params, long modelBytes, boolean compressed,
                         double imagesPerSecond, double wallSeconds, String problem, int bestEpoch, double bestTop1) {

        public String name() {
            return dir.getFileName().toString();
        }

        /** The best epoch's top-1 and epoch, as the list shows them ({@code 95.67% (7)}); empty if none. */
        public String best() {
            return bestEpoch == 0 ? "" : String.format(Locale.ROOT, "%.2f%% (%d)", 100 * bestTop1, bestEpoch);
        }

        /** Whether {@code model.zip} can be loaded (for inference): it is written at the end of every session. */
        public boolean hasModel() {
            // a damaged run may still be classified and resumed: both fall back to the newest readable checkpoint
            return !UNREADABLE.equals(status) && dir.resolve("model.zip").toFile().isFile();
        }

        /** Whether the run can continue: readable and not yet at its planned epochs. */
        public boolean canResume() {
            return !UNREADABLE.equals(status) && completedEpochs < plannedEpochs;
        }
    }

    private final Executor io;
    private final Executor ui;
    private final ObjectProperty<Path> folder;
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ObservableList<RunRow> runsView =
            FXCollections.unmodifiableObservableList(runs);
    private final ObservableList<TrainingListener.EpochMetrics> selectedMetrics = FXCollections.observableArrayList();
    private final ObservableList<TrainingListener.EpochMetrics> selectedMetricsView =
            FXCollections.unmodifiableObservableList(selectedMetrics);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public RunsViewModel(Path folder, Executor io, Executor ui) {
        this.folder = new SimpleObjectProperty<>(folder);
        this.io = io;
        this.ui = ui;
    }

    /** Reads the runs of {@link #folder()} again (on the I/O executor). */
    public void refresh() {
        Path dir = folder.get();
        io.execute(() -> {
            List<RunRow> rows = new ArrayList<>();
            String note;
            try {
                for (Path run : RunDirectory.findRuns(dir)) {
                    rows.add(row(run));
                }
                note = rows.isEmpty() ? "no training runs in " + dir : rows.size() + " runs in " + dir;
            } catch (IOException e) {
                note = dir.toFile().exists() ? e.getMessage()
                        : "no training runs yet: " + dir + " is created by the first run";
            }
            String text = note;
            ui.execute(() -> {
                runs.setAll(rows);
                message.set(text);
            });
        });
    }

    public static RunRow row(Path run) {
        try {
            RunDirectory directory = new RunDirectory(run);
            RunDirectory.Overview o = directory.overview();
            RunSummary s = o.summary().orElse(null);
            OptionalLong compressedBytes = directory.compressedModelBytes();
            java.util.Optional<TrainingListener.EpochMetrics> best = directory.best();
            String status = !o.problems().isEmpty() ? "damaged"
                    : s == null ? (o.completedEpochs() < o.config().epochs() ? "unfinished" : "ended")
                    : s.status().name().toLowerCase(Locale.ROOT);
            return new RunRow(run, o.network(), status, o.completedEpochs(), o.config().epochs(),
                    s == null ? Double.NaN : s.top1(), s == null ? Double.NaN : s.top5(), s == null ? 0 : s.params(),
                    compressedBytes.orElse(s == null ? 0 : s.modelBytes()), compressedBytes.isPresent(),
                    s == null ? Double.NaN : s.imagesPerSecond(),
                    s == null ? Double.NaN : s.wallSeconds(), String.join("; ", o.problems()),
                    best.map(TrainingListener.EpochMetrics::epoch).orElse(0),
                    best.map(TrainingListener.EpochMetrics::top1).orElse(Double.NaN));
        } catch (IOException | RuntimeException e) {
            return new RunRow(run, "?", UNREADABLE, 0, 0, Double.NaN, Double.NaN, 0, 0, false, Double.NaN, Double.NaN,
                    TrainingViewModel.message(e), 0, Double.NaN);
        }
    }

    /** Shows the per-epoch metrics of {@code row} (empty for null or an unreadable run). */
    public void select(RunRow row) {
        if (row == null) {
            selectedMetrics.clear();
            return;
        }
        io.execute(() -> {
            List<TrainingListener.EpochMetrics> metrics;
            String problem = "";
            try {
                metrics = new RunDirectory(row.dir()).metrics();
            } catch (IOException | RuntimeException e) {
                metrics = List.of();
                problem = e.getMessage();
            }
            List<TrainingListener.EpochMetrics> shown = metrics;
            String text = problem;
            ui.execute(() -> {
                selectedMetrics.setAll(shown);
                if (!text.isEmpty()) {
                    message.set(text);
                }
            });
        });
    }

    public ObjectProperty<Path> folder() {
        return folder;
    }

    public ObservableList<RunRow> runs() {
        return runsView;
    }

    public ObservableList<TrainingListener.EpochMetrics> selectedMetrics() {
        return selectedMetricsView;
    }

    /** How many runs were found, or why none could be listed. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }
}
