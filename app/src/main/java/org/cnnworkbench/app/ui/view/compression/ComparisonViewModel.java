package org.cnnworkbench.app.ui.view.compression;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.cnnworkbench.app.report.ComparisonTable;
import org.cnnworkbench.engine.compression.CompressionDefaults;
import org.cnnworkbench.engine.dl4j.ModelComparison;
import org.cnnworkbench.engine.io.AtomicFiles;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.samples.SampleNetworks;

/**
 * The Model Comparison window's state: runs side by side as the talk's table (approach, architecture, original
 * size, compressed size, reduction against a chosen baseline run, top-1, top-5), optionally with analytic rows
 * for the ImageNet samples, and the points of the accuracy-against-size chart. Runs are read on {@code io}; a run
 * that cannot be read is listed in {@link #problems()} and the rest are still shown.
 */
public final class ComparisonViewModel {

    /** The samples of the analytic rows: the talk's AlexNet and SqueezeNet. */
    public static final List<String> ANALYTIC_SAMPLES = List.of("alexnet", "squeezenet-v1.0");

    /** The export formats. */
    public enum Format { CSV, MARKDOWN }

    /** One point of the chart: x = log10(compressed bytes), y = top-1 in percent. */
    public record ChartPoint(String label, double log10Bytes, double top1Percent) {
    }

    private final Executor io;
    private final Executor ui;
    private final ObservableList<Path> runs = FXCollections.observableArrayList();
    private final ObjectProperty<Path> baseline = new SimpleObjectProperty<>();
    private final BooleanProperty analytic = new SimpleBooleanProperty(false);
    private final ObservableList<ModelComparison.Row> rows = FXCollections.observableArrayList();
    private final ObservableList<ModelComparison.Row> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObservableList<String> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public ComparisonViewModel(Executor io, Executor ui) {
        this.io = io;
        this.ui = ui;
    }

    /** Compares {@code dirs}; the first is the baseline until another is chosen. */
    public void setRuns(List<Path> dirs) {
        runs.setAll(dirs);
        baseline.set(dirs.isEmpty() ? null : dirs.get(0));
        refresh();
    }

    /** Adds a run (Add to Comparison) unless it is already there. */
    public void addRun(Path dir) {
        if (!runs.contains(dir)) {
            runs.add(dir);
            if (baseline.get() == null) {
                baseline.set(dir);
            }
        }
        refresh();
    }

    /** Reads the runs again (on the I/O executor) and recomputes the reductions. */
    public void refresh() {
        List<Path> dirs = List.copyOf(runs);
        Path base = baseline.get();
        boolean withAnalytic = analytic.get();
        io.execute(() -> {
            List<ModelComparison.Row> read = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (Path dir : dirs) {
                try {
                    read.add(ModelComparison.row(dir));
                } catch (IOException | RuntimeException e) {
                    failed.add(dir.getFileName() + ": " + CompressViewModel.message(e));
                }
            }
            List<ModelComparison.Row> all = new ArrayList<>(ModelComparison.withReduction(read,
                    baselineBytes(read, base)));
            ModelComparison.validationMismatch(read).ifPresent(failed::add);
            if (withAnalytic) {
                all.addAll(analyticRows(failed));
            }
            ui.execute(() -> {
                rows.setAll(all);
                problems.setAll(failed);
                int unreadable = dirs.size() - read.size();
                message.set(read.size() + " of " + dirs.size() + " runs"
                        + (unreadable == 0 ? "" : ", " + unreadable + " unreadable")
                        + (withAnalytic ? ", analytic ImageNet rows" : ""));
            });
        });
    }

    /** The baseline run's original bytes, or the first readable run's when the baseline cannot be read. */
    private static long baselineBytes(List<ModelComparison.Row> read, Path base) {
        return read.stream().filter(r -> r.run().equals(base)).findFirst()
                .or(() -> read.stream().findFirst()).map(ModelComparison.Row::originalBytes).orElse(0L);
    }

    private static List<ModelComparison.Row> analyticRows(List<String> failed) {
        List<ModelComparison.Row> rows = new ArrayList<>();
        for (String name : ANALYTIC_SAMPLES) {
            try {
                NetworkSpec network = SampleNetworks.load(name).spec();
                rows.add(ModelComparison.analyticDense(network));
                rows.add(ModelComparison.analytic(network, CompressionDefaults.forSpec(network), "Deep Compression"));
            } catch (SpecFormatException | RuntimeException e) {
                failed.add(name + ": " + CompressViewModel.message(e));
            }
        }
        return ModelComparison.withReduction(rows, rows.isEmpty() ? 0 : rows.get(0).originalBytes());
    }

    /**
     * The points of the chart: rows with a measured top-1 and a size, labelled "approach architecture", or
     * "approach (run folder)" where two rows would share a label.
     */
    public List<ChartPoint> chartPoints() {
        List<ModelComparison.Row> measured = rows.stream()
                .filter(r -> !Double.isNaN(r.top1()) && r.compressedBytes() > 0).toList();
        java.util.Map<String, Long> uses = measured.stream().collect(java.util.stream.Collectors.groupingBy(
                r -> r.approach() + " " + r.architecture(), java.util.stream.Collectors.counting()));
        return measured.stream().map(r -> {
            String label = r.approach() + " " + r.architecture();
            if (uses.get(label) > 1 && r.run() != null) {
                label = r.approach() + " (" + r.run().getFileName() + ")";
            }
            return new ChartPoint(label, Math.log10(r.compressedBytes()), 100 * r.top1());
        }).toList();
    }

    /** A size on the chart's log axis: "10 kB", "1 MB", "316 B". */
    public static String sizeLabel(double log10Bytes) {
        double bytes = Math.pow(10, log10Bytes);
        String[] units = {"B", "kB", "MB", "GB"};
        int unit = 0;
        while (bytes >= 1000 && unit < units.length - 1) {
            bytes /= 1000;
            unit++;
        }
        return (bytes >= 10 || bytes == Math.rint(bytes) ? String.format(Locale.ROOT, "%.0f", bytes)
                : String.format(Locale.ROOT, "%.1f", bytes)) + " " + units[unit];
    }

    public String csv() {
        return ComparisonTable.csv(rows);
    }

    public String markdown() {
        return ComparisonTable.markdown(rows);
    }

    /** Writes the table in {@code format} to {@code file} on the I/O executor; the outcome goes to the message. */
    public void export(Path file, Format format) {
        String text = format == Format.CSV ? csv() : markdown();
        io.execute(() -> {
            String done;
            try {
                AtomicFiles.writeString(file, text);
                done = "wrote " + file;
            } catch (IOException e) {
                done = file + ": cannot write: " + e.getMessage();
            }
            String shown = done;
            ui.execute(() -> message.set(shown));
        });
    }

    /** The run directories compared, in order. */
    public ObservableList<Path> runs() {
        return runs;
    }

    /** The run the reductions are measured against. */
    public ObjectProperty<Path> baseline() {
        return baseline;
    }

    /** Whether analytic rows for AlexNet and SqueezeNet (before Huffman coding, no accuracy) are added. */
    public BooleanProperty analytic() {
        return analytic;
    }

    public ObservableList<ModelComparison.Row> rows() {
        return rowsView;
    }

    /** One line per run that could not be read. */
    public ObservableList<String> problems() {
        return problemsView;
    }

    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }
}
