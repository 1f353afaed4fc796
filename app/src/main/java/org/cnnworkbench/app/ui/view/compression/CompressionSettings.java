package org.cnnworkbench.app.ui.view.compression;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.cnnworkbench.app.report.SvdLayers;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.compression.CompressedSizeEstimate;
import org.cnnworkbench.engine.compression.CompressionDefaults;
import org.cnnworkbench.engine.compression.CompressionPlan;
import org.cnnworkbench.engine.compression.LayerPlan;
import org.cnnworkbench.engine.dl4j.CompressionJob;
import org.cnnworkbench.engine.dl4j.ModelChoice;
import org.cnnworkbench.engine.dl4j.RunDirectory;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * The settings of a compression, as the Compress window edits them: the source run, the methods, the per-layer
 * plan (prefilled with the published settings), SVD layers, fine-tuning settings, the output run directory, and
 * the predicted size, updated on every edit. Toolkit-free; {@link CompressViewModel} runs the job it makes.
 */
public final class CompressionSettings {

    /** The editable cells of a layer row. */
    public enum Column { DENSITY, BITS, GAP_BITS }

    /**
     * One weight layer: its weights, its planned settings (density 1 and 32 bits when unplanned) and the bytes
     * predicted for it with the chosen methods.
     */
    public record LayerRow(String layer, long weights, double density, int bits, int gapBits, long bytes) {
    }

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
    private final DoubleProperty centroidRate = new SimpleDoubleProperty(CompressionJob.DEFAULT_CENTROID_RATE);
    private final IntegerProperty trainLimit = new SimpleIntegerProperty(0);
    private final IntegerProperty valLimit = new SimpleIntegerProperty(0);
    private final StringProperty outDir = new SimpleStringProperty("");
    private String suggestedOut = "";
    private final ObjectProperty<ModelChoice> sourceModel = new SimpleObjectProperty<>(ModelChoice.BEST);
    private final ReadOnlyStringWrapper sourceModelText = new ReadOnlyStringWrapper("");
    private int bestEpoch;
    private int lastEpoch;

    private final ObservableList<LayerRow> layers = FXCollections.observableArrayList();
    private final ObservableList<LayerRow> layersView = FXCollections.unmodifiableObservableList(layers);
    private final ReadOnlyObjectWrapper<CompressedSizeEstimate> estimate = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper predicted = new ReadOnlyStringWrapper("");

    CompressionSettings() {
        for (Observable o : List.of(svd, prune, quantize, huffman)) {
            o.addListener(x -> methodsChanged());
        }
        sourceModel.addListener(x -> describeSourceModel());
    }

    /**
     * Reads the spec of the trained run {@code run} and fills the plan with the published settings for it.
     *
     * @throws IOException if the run cannot be read
     */
    void open(Path run) throws IOException {
        RunDirectory dir = new RunDirectory(run);
        dir.requireRun();
        spec = dir.spec();
        bestEpoch = dir.bestEpoch();
        try {
            lastEpoch = dir.latestEpoch();
        } catch (IOException unreadable) {
            lastEpoch = 0;   // the compressor says what is wrong when it loads the model; the text leaves it out
        }
        source.set(run);
        describeSourceModel();
        plan = CompressionDefaults.forSpec(spec);
        svdLayers.set(SvdLayers.format(SvdLayers.defaults(spec)));
        suggestedOut = "";
        methodsChanged();
    }

    private void describeSourceModel() {
        if (source.get() == null) {
            sourceModelText.set("");
        } else if (sourceModel.get() == ModelChoice.BEST && bestEpoch > 0) {
            sourceModelText.set("compresses epoch " + bestEpoch + ", the best validation top-1"
                    + (lastEpoch > 0 ? " (the run has " + lastEpoch + ")" : ""));
        } else {
            sourceModelText.set("compresses the last completed epoch" + (lastEpoch > 0 ? " (" + lastEpoch + ")" : "")
                    + (sourceModel.get() == ModelChoice.BEST ? "; the run records no best epoch" : ""));
        }
    }

    /** Sets one cell of a layer row; returns why not (the plan unchanged), or "" when it is set. */
    String edit(String layer, Column column, String text) {
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
            return layer + ": '" + text.strip() + "' is not a " + (column == Column.DENSITY ? "number" : "whole "
                    + "number");
        }
        if (!edited.problems().isEmpty()) {
            return layer + ": " + String.join("; ", edited.problems());
        }
        applyPlan(plan.with(edited));
        return "";
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
        return plan.applied(prune.get(), quantize.get());
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


    Path outPath() {
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
                m.contains(CompressionJob.Method.QUANTIZE) ? quantizeEpochs.get() : 0, centroidRate.get(), null)
                .withSourceModel(sourceModel.get() == null ? ModelChoice.BEST : sourceModel.get());
    }


    public ReadOnlyObjectProperty<Path> source() {
        return source.getReadOnlyProperty();
    }


    /** Which model of the source run is compressed: its best epoch's (default) or its last epoch's. */
    public ObjectProperty<ModelChoice> sourceModel() {
        return sourceModel;
    }


    /** Which epoch {@link #sourceModel()} picks in the source run, in words. */
    public ReadOnlyStringProperty sourceModelText() {
        return sourceModelText.getReadOnlyProperty();
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
}
