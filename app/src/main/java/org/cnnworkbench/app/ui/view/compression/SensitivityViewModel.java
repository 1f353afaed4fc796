package org.cnnworkbench.app.ui.view.compression;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.cnnworkbench.app.report.SensitivityCsv;
import org.cnnworkbench.app.report.SensitivityPlans;
import org.cnnworkbench.app.report.Sizes;
import org.cnnworkbench.engine.compression.PlanSelection;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.Sensitivity;
import org.cnnworkbench.engine.io.AtomicFiles;

/**
 * The Sensitivity tab of the Compress window: per-layer top-1 against density (or bits) of the source run,
 * measured on {@code work} with the points arriving one by one on {@code ui}; the curves as CSV; and "Choose
 * settings", which puts the densities chosen for a target size or a maximum loss into the Compress plan.
 */
public final class SensitivityViewModel {

    private final CompressViewModel compress;
    private final Executor work;
    private final Executor ui;
    private final ObjectProperty<Sensitivity.Method> method = new SimpleObjectProperty<>(Sensitivity.Method.PRUNE);
    private final StringProperty values = new SimpleStringProperty(format(SensitivityPlans.DENSITIES));
    private final IntegerProperty valLimit = new SimpleIntegerProperty(2000);
    private final ObservableList<Sensitivity.Point> points = FXCollections.observableArrayList();
    private final ObservableList<Sensitivity.Point> pointsView = FXCollections.unmodifiableObservableList(points);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final StringProperty targetSize = new SimpleStringProperty("");
    private final StringProperty maxLoss = new SimpleStringProperty("");
    private final BooleanProperty byTargetSize = new SimpleBooleanProperty(true);
    private Sensitivity.Method measured = Sensitivity.Method.PRUNE;
    private volatile AtomicBoolean cancel = new AtomicBoolean();

    public SensitivityViewModel(CompressViewModel compress, Executor work, Executor ui) {
        this.compress = compress;
        this.work = work;
        this.ui = ui;
        method.addListener((o, was, now) -> values.set(format(now == Sensitivity.Method.PRUNE
                ? SensitivityPlans.DENSITIES : SensitivityPlans.BITS)));
    }

    private static String format(List<Double> v) {
        return v.stream().map(d -> d == Math.rint(d) ? Long.toString(d.longValue()) : Double.toString(d))
                .collect(Collectors.joining(", "));
    }

    /** Starts measuring; false, with {@link #message()} saying why, if a value is wrong or it is running. */
    public boolean run() {
        Path run = compress.settings().source().get();
        if (running.get()) {
            message.set("a measurement is already going; stop it first");
            return false;
        }
        if (run == null) {
            message.set("choose a trained run first");
            return false;
        }
        List<Double> chosen = new ArrayList<>();
        for (String part : values.get().split("[,;\\s]+")) {
            if (!part.isBlank()) {
                try {
                    chosen.add(Double.parseDouble(part));
                } catch (NumberFormatException e) {
                    message.set("'" + part + "' is not a number; write the values separated by commas");
                    return false;
                }
            }
        }
        if (chosen.isEmpty()) {
            message.set("give at least one value");
            return false;
        }
        if (valLimit.get() < 0) {
            message.set("the validation images cannot be negative");
            return false;
        }
        Sensitivity.Method m = method.get();
        int limit = valLimit.get();
        measured = m;
        points.clear();
        cancel = new AtomicBoolean();
        AtomicBoolean flag = cancel;
        running.set(true);
        message.set("measuring the unchanged model...");
        work.execute(() -> {
            String end;
            try {
                List<Sensitivity.Point> all = Sensitivity.measure(run, m, chosen, List.of(), limit,
                        p -> ui.execute(() -> points.add(p)), flag);
                end = (flag.get() ? "stopped after " : "measured ") + all.size() + " points";
            } catch (IOException | Dl4jConversionException | RuntimeException e) {
                end = CompressViewModel.message(e);
            }
            String text = end;
            ui.execute(() -> {
                running.set(false);
                message.set(text);
            });
        });
        return true;
    }

    /** Stops after the current point. */
    public void stop() {
        cancel.set(true);
    }

    /** The measured curves as {@code workbench sensitivity -o} writes them. */
    public String csv() {
        return SensitivityCsv.write(measured, points);
    }

    /** Writes {@link #csv()} to {@code file}; false, with the reason in {@link #message()}, if it cannot. */
    public boolean exportCsv(Path file) {
        try {
            AtomicFiles.writeString(file, csv());
            message.set("wrote " + file);
            return true;
        } catch (IOException e) {
            message.set(file + ": cannot write: " + e.getMessage());
            return false;
        }
    }

    /**
     * Puts the densities chosen from the measured pruning curves into the Compress plan: for
     * {@link #targetSize()} or, when {@link #byTargetSize()} is false, for {@link #maxLoss()} points per layer.
     * Returns false with {@link #message()} saying why if it cannot.
     */
    public boolean chooseSettings() {
        if (running.get() || points.isEmpty() || measured != Sensitivity.Method.PRUNE) {
            message.set("measure pruning curves first (method prune), then choose");
            return false;
        }
        PlanSelection.Result result;
        try {
            long target = 0;
            Double loss = null;
            if (byTargetSize.get()) {
                target = Sizes.parse(targetSize.get() == null ? "" : targetSize.get());
            } else {
                try {
                    loss = Double.parseDouble(maxLoss.get().strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the maximum loss is a number of percentage points, e.g. 1");
                }
                if (!(loss >= 0)) {
                    throw new IllegalArgumentException("the maximum loss cannot be negative");
                }
            }
            result = SensitivityPlans.choose(compress.settings().spec(), compress.settings().plan(), SensitivityPlans.pruneRows(points),
                    target, loss);
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return false;
        }
        compress.settings().applyPlan(result.applyTo(compress.settings().plan()));
        compress.settings().prune().set(true);
        message.set((result.reached() ? "" : "not reached: ") + result.message());
        return true;
    }

    /** The top-1 of the unchanged model, in percent (NaN before it is measured). */
    public double baselinePercent() {
        return points.isEmpty() ? Double.NaN : 100 * points.get(0).top1();
    }

    /** The x label of the chart. */
    public String valueName() {
        return measured == Sensitivity.Method.PRUNE ? "density" : "bits";
    }

    static String describe(Sensitivity.Point p) {
        return String.format(Locale.ROOT, "%s %.4g: top-1 %.2f%%", p.layer(), p.value(), 100 * p.top1());
    }

    public ObjectProperty<Sensitivity.Method> method() {
        return method;
    }

    /** The densities or bit widths to try, comma-separated. */
    public StringProperty values() {
        return values;
    }

    /** Validation images per point (0: the run's validation set). */
    public IntegerProperty valLimit() {
        return valLimit;
    }

    /** The measured points in order; the first is the unchanged model (layer ""). */
    public ObservableList<Sensitivity.Point> points() {
        return pointsView;
    }

    public ReadOnlyBooleanProperty running() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    /** "250kB", "1.2 MB", "300000". */
    public StringProperty targetSize() {
        return targetSize;
    }

    /** Percentage points of top-1. */
    public StringProperty maxLoss() {
        return maxLoss;
    }

    /** Whether Choose settings aims at {@link #targetSize()} (true) or {@link #maxLoss()}. */
    public BooleanProperty byTargetSize() {
        return byTargetSize;
    }
}
