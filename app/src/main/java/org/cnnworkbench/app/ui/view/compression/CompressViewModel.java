package org.cnnworkbench.app.ui.view.compression;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.cnnworkbench.app.report.SvdLayers;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.app.ui.view.training.RunProgress;
import org.cnnworkbench.engine.compression.CompressedSizeEstimate;
import org.cnnworkbench.engine.compression.CompressionDefaults;
import org.cnnworkbench.engine.compression.CompressionPlan;
import org.cnnworkbench.engine.compression.LayerPlan;
import org.cnnworkbench.engine.dl4j.CompressedModels;
import org.cnnworkbench.engine.dl4j.CompressionJob;
import org.cnnworkbench.engine.dl4j.Compressor;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.RunDirectory;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * The Compress window's state: the source run, the methods, the per-layer plan (prefilled with the published
 * settings, edited cell by cell), SVD layers, fine-tuning settings, the output run directory and the predicted
 * size, updated on every edit; while compressing, the live progress; at the end, the size report. Compression
 * runs on {@code work}; every property changes on {@code ui}. Testable without the toolkit.
 *
 * <pre>{@code
 * CompressViewModel vm = new CompressViewModel(workThread, Platform::runLater);
 * vm.open(trainedRun);                       // false with error() set if it cannot be read
 * vm.edit("fc6", Column.DENSITY, "0.09");    // the predicted size follows
 * vm.start();
 * }</pre>
 */
public final class CompressViewModel {

    /** Where a compression is. */
    public enum State { IDLE, RUNNING, STOPPING, FINISHED, FAILED }

    /** The editable cells of a layer row. */
    public enum Column { DENSITY, BITS, GAP_BITS }

    /**
     * One weight layer: its weights, its planned settings (density 1 and 32 bits when unplanned) and the bytes
     * predicted for it with the chosen methods.
     */
    public record LayerRow(String layer, long weights, double density, int bits, int gapBits, long bytes) {
    }

    private final Executor work;
    private final Executor ui;
    private final RunProgress live;

    private final ReadOnlyObjectWrapper<Path> source = new ReadOnlyObjectWrapper<>();
    private NetworkSpec spec;
    private CompressionPlan plan = CompressionPlan.empty();
    private final BooleanProperty svd = new SimpleBooleanProperty(false);
    private final BooleanProperty prune = new SimpleBooleanProperty(true);
    private final BooleanProperty quantize = new SimpleBooleanProperty(true);
    private final BooleanProperty huffman = new SimpleBooleanProperty(true);
    private final StringProperty svdLayers = new SimpleStringProperty("");
    private final IntegerProperty svdEpochs = new SimpleIntegerProperty(1);
    private final IntegerProperty pruneEpochs = new SimpleIntegerProperty(2);
    private final IntegerProperty quantizeEpochs = new SimpleIntegerProperty(1);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(1e-4);
    private final DoubleProperty centroidRate = new SimpleDoubleProperty(1e-4);
    private final IntegerProperty trainLimit = new SimpleIntegerProperty(0);
    private final IntegerProperty valLimit = new SimpleIntegerProperty(0);
    private final StringProperty outDir = new SimpleStringProperty("");
    private String suggestedOut = "";

    private final ObservableList<LayerRow> layers = FXCollections.observableArrayList();
    private final ObservableList<LayerRow> layersView = FXCollections.unmodifiableObservableList(layers);
    private final ReadOnlyObjectWrapper<CompressedSizeEstimate> estimate = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper predicted = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<RunSummary> summary = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<CompressedModels.Report> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> activeRun = new ReadOnlyObjectWrapper<>();
    private volatile AtomicBoolean cancel = new AtomicBoolean();

    public CompressViewModel(Executor work, Executor ui) {
        this.work = work;
        this.ui = ui;
        this.live = new RunProgress(ui);
        for (Observable o : List.of(svd, prune, quantize, huffman)) {
            o.addListener(x -> methodsChanged());
        }
    }

    /**
     * Reads the spec of the trained run {@code run} and fills the plan with the published settings for it.
     * Returns false, with {@link #error()} saying why, if the run cannot be read.
     */
    public boolean open(Path run) {
        try {
            RunDirectory dir = new RunDirectory(run);
            dir.requireRun();
            spec = dir.spec();
        } catch (IOException | RuntimeException e) {
            error.set(message(e));
            return false;
        }
        error.set("");
        source.set(run);
        plan = CompressionDefaults.forSpec(spec);
        svdLayers.set(SvdLayers.format(SvdLayers.defaults(spec)));
        suggestedOut = "";
        methodsChanged();
        return true;
    }

    /** Deep Compression: prune, quantize and Huffman-code with the published per-layer settings; no SVD. */
    public void deepCompression() {
        svd.set(false);
        prune.set(true);
        quantize.set(true);
        huffman.set(true);
        if (spec != null) {
            applyPlan(CompressionDefaults.forSpec(spec));
        }
    }

    /**
     * Sets one cell of a layer row. Returns false, with {@link #error()} saying why, if the text is not a value
     * in range; the plan is then unchanged.
     */
    public boolean edit(String layer, Column column, String text) {
        LayerPlan current = plan.layer(layer).orElse(LayerPlan.float32(layer));
        LayerPlan edited;
        try {
            String t = text.strip();
            edited = switch (column) {
                case DENSITY -> current.withDensity(Double.parseDouble(t));
                case BITS -> current.withBits(Integer.parseInt(t));
                case GAP_BITS -> current.withGapBits(Integer.parseInt(t));
            };
        } catch (NumberFormatException e) {
            error.set(layer + ": '" + text.strip() + "' is not a " + (column == Column.DENSITY ? "number" : "whole "
                    + "number"));
            return false;
        }
        if (!edited.problems().isEmpty()) {
            error.set(layer + ": " + String.join("; ", edited.problems()));
            return false;
        }
        error.set("");
        applyPlan(plan.with(edited));
        return true;
    }

    /** Replaces the plan (Choose settings, a preset) and updates the rows and the predicted size. */
    public void applyPlan(CompressionPlan newPlan) {
        plan = newPlan;
        updateEstimate();
    }

    public CompressionPlan plan() {
        return plan;
    }

    /** The source run's network (null before {@link #open}). */
    public NetworkSpec spec() {
        return spec;
    }

    private Set<CompressionJob.Method> methods() {
        Set<CompressionJob.Method> m = EnumSet.noneOf(CompressionJob.Method.class);
        if (svd.get()) {
            m.add(CompressionJob.Method.SVD);
        }
        if (prune.get()) {
            m.add(CompressionJob.Method.PRUNE);
        }
        if (quantize.get()) {
            m.add(CompressionJob.Method.QUANTIZE);
        }
        if (huffman.get()) {
            m.add(CompressionJob.Method.HUFFMAN);
        }
        return m;
    }

    /** The name a run directory gets for these methods: "deep-compression", "svd-pruned", ... */
    static String methodSlug(Set<CompressionJob.Method> m) {
        List<String> parts = new ArrayList<>();
        if (m.contains(CompressionJob.Method.SVD)) {
            parts.add("svd");
        }
        if (m.containsAll(List.of(CompressionJob.Method.PRUNE, CompressionJob.Method.QUANTIZE,
                CompressionJob.Method.HUFFMAN))) {
            parts.add("deep-compression");
        } else {
            if (m.contains(CompressionJob.Method.PRUNE)) {
                parts.add("pruned");
            }
            if (m.contains(CompressionJob.Method.QUANTIZE)) {
                parts.add("quantized");
            }
            if (m.contains(CompressionJob.Method.HUFFMAN)) {
                parts.add("huffman");
            }
        }
        return parts.isEmpty() ? "none" : String.join("-", parts);
    }

    private void methodsChanged() {
        Path run = source.get();
        if (run != null) {
            String suggestion = run.resolveSibling(run.getFileName() + "-compressed-" + methodSlug(methods()))
                    .toString();
            // follow the methods until the user types a directory of their own
            if (outDir.get() == null || outDir.get().isBlank() || outDir.get().equals(suggestedOut)) {
                outDir.set(suggestion);
            }
            suggestedOut = suggestion;
        }
        updateEstimate();
    }

    /** The plan as the compressor applies it: no pruning without prune, float32 values without quantize. */
    CompressionPlan effectivePlan() {
        List<LayerPlan> effective = new ArrayList<>();
        for (LayerPlan p : plan.layers().values()) {
            double density = prune.get() ? p.density() : 1.0;
            int bits = quantize.get() ? p.bits() : LayerPlan.FLOAT32;
            if (density < 1 || bits < LayerPlan.FLOAT32) {
                effective.add(new LayerPlan(p.layer(), density, bits, p.gapBits()));
            }
        }
        return CompressionPlan.of(effective);
    }

    private void updateEstimate() {
        if (spec == null) {
            return;
        }
        CompressedSizeEstimate e = CompressedSizeEstimate.of(spec, effectivePlan());
        List<LayerRow> rows = new ArrayList<>();
        for (CompressedSizeEstimate.LayerSize l : e.layers()) {
            LayerPlan p = plan.layer(l.layer()).orElse(LayerPlan.float32(l.layer()));
            rows.add(new LayerRow(l.layer(), l.weights(), p.density(), p.bits(), p.gapBits(), l.bytes()));
        }
        layers.setAll(rows);
        estimate.set(e);
        predicted.set(String.format(Locale.ROOT, "predicted size: %s bytes of %s at 32 bits (%.1fx smaller%s; "
                        + "before Huffman coding)", TextTable.count(e.totalBytes()), TextTable.count(e.denseBytes()),
                1 / e.ratio(), svd.get() ? "; SVD layers not counted" : ""));
    }

    /**
     * Starts compressing into {@link #outDir()}. Returns false, with {@link #error()} saying why, if a setting is
     * wrong, the directory exists, or a compression is already going.
     */
    public boolean start() {
        if (state.get() == State.RUNNING || state.get() == State.STOPPING) {
            error.set("a compression is already going; stop it first");
            return false;
        }
        Path run = source.get();
        Path out;
        CompressionJob job;
        Compressor.FineTune fineTune;
        try {
            if (run == null) {
                throw new IllegalArgumentException("choose a trained run to compress");
            }
            out = outPath();
            job = job();
            fineTune = new Compressor.FineTune(learningRate.get(), trainLimit.get(), valLimit.get(), 0);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return false;
        }
        if (Files.exists(out)) {
            error.set(out + " already exists; choose another output directory");
            return false;
        }
        int svdE = job.svdEpochs();
        int pruneE = job.pruneEpochs();
        cancel = new AtomicBoolean();
        error.set("");
        summary.set(null);
        report.set(null);
        live.reset(List.of(), "loading the model and opening the data...");
        activeRun.set(out);
        state.set(State.RUNNING);
        AtomicBoolean flag = cancel;
        var listener = live.listener(() -> state.get() == State.RUNNING, epoch -> epoch <= svdE
                ? "SVD fine-tuning" : epoch <= svdE + pruneE ? "pruned fine-tuning" : "weight-sharing fine-tuning");
        work.execute(() -> finish(out, () -> Compressor.compress(run, job, fineTune, out, listener, flag)));
        return true;
    }

    private Path outPath() {
        String text = outDir.get() == null ? "" : outDir.get().strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("choose an output run directory");
        }
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid folder name: " + e.getReason());
        }
    }

    /** The job of the current settings, as {@code workbench compress} builds it. */
    CompressionJob job() {
        Set<CompressionJob.Method> m = methods();
        if (m.isEmpty()) {
            throw new IllegalArgumentException("choose at least one method: SVD, Prune, Quantize or Huffman");
        }
        List<CompressionPlan.Problem> problems = plan.validate(spec);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0).toString());
        }
        Map<String, Double> svdMap = m.contains(CompressionJob.Method.SVD) ? SvdLayers.parse(svdLayers.get())
                : Map.of();
        boolean planned = m.contains(CompressionJob.Method.PRUNE) || m.contains(CompressionJob.Method.QUANTIZE);
        return new CompressionJob(null, null, 0, List.copyOf(m), svdMap,
                planned ? List.copyOf(plan.layers().values()) : List.of(),
                m.contains(CompressionJob.Method.SVD) ? svdEpochs.get() : 0,
                m.contains(CompressionJob.Method.PRUNE) ? pruneEpochs.get() : 0,
                m.contains(CompressionJob.Method.QUANTIZE) ? quantizeEpochs.get() : 0, centroidRate.get());
    }

    @FunctionalInterface
    interface Run {
        RunSummary call() throws IOException, Dl4jConversionException;
    }

    /** Runs {@code run} on the work thread and publishes its end, and the size report, on the UI thread. */
    void finish(Path out, Run run) {
        try {
            RunSummary s = run.call();
            CompressedModels.Report r = s.status() == RunSummary.Status.COMPLETED
                    ? CompressedModels.readReport(out) : null;
            ui.execute(() -> {
                summary.set(s);
                report.set(r);
                if (s.status() == RunSummary.Status.COMPLETED) {
                    live.setProgress(1);
                }
                live.setStatus(describe(s, out));
                state.set(s.status() == RunSummary.Status.DIVERGED ? State.FAILED : State.FINISHED);
                if (s.status() == RunSummary.Status.DIVERGED) {
                    error.set(s.message());
                }
            });
        } catch (IOException | Dl4jConversionException | RuntimeException e) {
            failed(message(e));
        } catch (OutOfMemoryError e) {
            failed("out of memory (" + e.getMessage() + "); try fewer training images");
        }
    }

    private static String describe(RunSummary s, Path out) {
        return switch (s.status()) {
            case COMPLETED -> String.format(Locale.ROOT, "compressed after %d epochs: top-1 %.2f%%, top-5 %.2f%%",
                    s.epochs(), 100 * s.top1(), 100 * s.top5());
            case CANCELLED -> "stopped after " + s.epochs() + " epochs; resume " + out.getFileName()
                    + " from Training Runs";
            default -> s.message() == null || s.message().isBlank() ? s.status().name().toLowerCase(Locale.ROOT)
                    : s.message();
        };
    }

    private void failed(String message) {
        ui.execute(() -> {
            error.set(message);
            live.setStatus("compression failed");
            state.set(State.FAILED);
        });
    }

    static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Stops after the current batch; the run keeps its last complete epoch and can be resumed. */
    public void stop() {
        if (state.get() == State.RUNNING) {
            cancel.set(true);
            state.set(State.STOPPING);
            live.setStatus("stopping after the current batch...");
        }
    }

    public ReadOnlyObjectProperty<Path> source() {
        return source.getReadOnlyProperty();
    }

    public BooleanProperty svd() {
        return svd;
    }

    public BooleanProperty prune() {
        return prune;
    }

    public BooleanProperty quantize() {
        return quantize;
    }

    public BooleanProperty huffman() {
        return huffman;
    }

    /** "fc6=0.8, fc7=64": a rank, or the fraction of the energy kept. */
    public StringProperty svdLayers() {
        return svdLayers;
    }

    public IntegerProperty svdEpochs() {
        return svdEpochs;
    }

    public IntegerProperty pruneEpochs() {
        return pruneEpochs;
    }

    public IntegerProperty quantizeEpochs() {
        return quantizeEpochs;
    }

    public DoubleProperty learningRate() {
        return learningRate;
    }

    public DoubleProperty centroidRate() {
        return centroidRate;
    }

    /** Training images per fine-tuning epoch (0: the source run's). */
    public IntegerProperty trainLimit() {
        return trainLimit;
    }

    /** Validation images (0: the source run's). */
    public IntegerProperty valLimit() {
        return valLimit;
    }

    /** The run directory to create; follows the methods until edited. */
    public StringProperty outDir() {
        return outDir;
    }

    public ObservableList<LayerRow> layers() {
        return layersView;
    }

    public ReadOnlyObjectProperty<CompressedSizeEstimate> estimate() {
        return estimate.getReadOnlyProperty();
    }

    /** The predicted size and the ratio against 32 bits, as a sentence. */
    public ReadOnlyStringProperty predicted() {
        return predicted.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    /** Why the last action failed; empty when it did not. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunSummary> summary() {
        return summary.getReadOnlyProperty();
    }

    /** The size report of a completed compression (null before). */
    public ReadOnlyObjectProperty<CompressedModels.Report> report() {
        return report.getReadOnlyProperty();
    }

    /** The run directory being (or last) written. */
    public ReadOnlyObjectProperty<Path> activeRun() {
        return activeRun.getReadOnlyProperty();
    }

    /** Progress bar, status, images/s, ETA, loss curve, per-epoch metrics, warnings. */
    public RunProgress live() {
        return live;
    }
}
