package org.cnnworkbench.app.ui.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.cnnworkbench.app.ui.files.AppDirs;
import org.cnnworkbench.engine.design.DesignSweep;
import org.cnnworkbench.engine.design.PointAccuracy;
import org.cnnworkbench.engine.design.SqueezeNetGenerator;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters.Trunk;
import org.cnnworkbench.engine.design.SweepAxis;
import org.cnnworkbench.engine.design.SweepPoint;
import org.cnnworkbench.engine.design.TrainedRun;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * The sweep window: which metaparameter(s) to sweep over which range, the resulting points, and what to draw:
 * curves of params, MACs or model size (one per value of a second metaparameter), and once the points are trained
 * ({@link #training()}), their measured accuracy against the swept value and against a cost, with the Pareto
 * front. Testable without the toolkit.
 *
 * <pre>{@code
 * SweepViewModel sweep = new SweepViewModel(runsFolder, trainingThread, Platform::runLater);
 * sweep.parameter().set("sr");  sweep.from().set("0.125");  sweep.to().set("0.5");  sweep.steps().set("4");
 * sweep.run();                        // the analytic points
 * sweep.training().start();           // or: train every point, accuracy() fills as runs finish
 * }</pre>
 */
public final class SweepViewModel {

    /** The costs the accuracy trade-off chart can plot accuracy against. */
    public static final List<Metric> COSTS = List.of(Metric.MODEL_SIZE, Metric.MACS);

    /** What the chart plots, in units that keep SqueezeNet-sized numbers readable. */
    public enum Metric {
        PARAMS("parameters (millions)", p -> p.params() / 1e6),
        MACS("MACs (millions)", p -> p.macs() / 1e6),
        MODEL_SIZE("model size at 32-bit (MB)", p -> p.modelBytes32() / 1e6);

        private final String label;
        private final ToDoubleFunction<SweepPoint> value;

        Metric(String label, ToDoubleFunction<SweepPoint> value) {
            this.label = label;
            this.value = value;
        }

        public String label() {
            return label;
        }

        public double of(SweepPoint p) {
            return value.applyAsDouble(p);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One curve: a label (the second metaparameter's value, or the metric) and its (x, y) points in x order. */
    public record Curve(String label, List<double[]> points) {
    }

    /** The axes of a sweep, read from the form: x, and y or null. */
    record Axes(SweepAxis x, SweepAxis y) {
    }

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ObjectProperty<SqueezeNetMetaparameters> base =
            new SimpleObjectProperty<>(this, "base", SqueezeNetMetaparameters.defaults());
    private final ObjectProperty<Trunk> trunk = new SimpleObjectProperty<>(this, "trunk", Trunk.IMAGENET);
    private final BooleanProperty train = new SimpleBooleanProperty(this, "train", false);
    private final StringProperty parameter = new SimpleStringProperty(this, "parameter", "sr");
    private final StringProperty from = new SimpleStringProperty(this, "from", "0.125");
    private final StringProperty to = new SimpleStringProperty(this, "to", "1.0");
    private final StringProperty steps = new SimpleStringProperty(this, "steps", "8");
    private final BooleanProperty secondEnabled = new SimpleBooleanProperty(this, "secondEnabled", false);
    private final StringProperty parameter2 = new SimpleStringProperty(this, "parameter2", "pct_3x3");
    private final StringProperty from2 = new SimpleStringProperty(this, "from2", "0.25");
    private final StringProperty to2 = new SimpleStringProperty(this, "to2", "0.75");
    private final StringProperty steps2 = new SimpleStringProperty(this, "steps2", "3");
    private final ObjectProperty<Metric> metric = new SimpleObjectProperty<>(this, "metric", Metric.PARAMS);
    private final ObjectProperty<Metric> cost = new SimpleObjectProperty<>(this, "cost", Metric.MODEL_SIZE);
    private final ReadOnlyObjectWrapper<List<SweepPoint>> points =
            new ReadOnlyObjectWrapper<>(this, "points", List.of());
    private final ReadOnlyObjectWrapper<List<PointAccuracy>> accuracy =
            new ReadOnlyObjectWrapper<>(this, "accuracy", List.of());
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ObservableList<SweepPointRow> rows = FXCollections.observableArrayList();
    private final ObservableList<SweepPointRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private SqueezeNetMetaparameters pointsBase = base.get();
    private Path resultsFolder;
    private int seeds;
    private final SweepTrainingViewModel training;

    /** A sweep whose training (if asked for) runs on the calling thread, into the workbench's runs folder. */
    public SweepViewModel() {
        this(AppDirs.home().resolve("runs"), Runnable::run, Runnable::run);
    }

    /**
     * @param runsRoot where new sweep folders go by default
     * @param work the thread that trains
     * @param ui the thread every property changes on
     */
    public SweepViewModel(Path runsRoot, Executor work, Executor ui) {
        trunk.addListener((obs, old, now) -> base.set(SqueezeNetMetaparameters.defaults(now == null
                ? Trunk.IMAGENET : now)));
        // training is on the small-input trunk unless the user chooses otherwise
        train.addListener((obs, old, now) -> {
            if (now) {
                trunk.set(Trunk.SMALL);
            }
        });
        cost.addListener((obs, old, now) -> updateRows());
        this.training = new SweepTrainingViewModel(this, runsRoot, work, ui);
    }

    /** Training every point: its settings, progress, cancel and continue. */
    public SweepTrainingViewModel training() {
        return training;
    }

    /** The metaparameters that are not swept; the trunk's defaults (SqueezeNet v1.0 at first) unless set. */
    public ObjectProperty<SqueezeNetMetaparameters> base() {
        return base;
    }

    /** The layers around the Fire modules; choosing one sets {@link #base()} to its family's defaults. */
    public ObjectProperty<Trunk> trunk() {
        return trunk;
    }

    /** Whether Run trains every point ({@link #training()}); turning it on chooses the small-input trunk. */
    public BooleanProperty train() {
        return train;
    }

    public StringProperty parameter() {
        return parameter;
    }

    public StringProperty from() {
        return from;
    }

    public StringProperty to() {
        return to;
    }

    public StringProperty steps() {
        return steps;
    }

    public BooleanProperty secondEnabled() {
        return secondEnabled;
    }

    public StringProperty parameter2() {
        return parameter2;
    }

    public StringProperty from2() {
        return from2;
    }

    public StringProperty to2() {
        return to2;
    }

    public StringProperty steps2() {
        return steps2;
    }

    public ObjectProperty<Metric> metric() {
        return metric;
    }

    /** The cost axis of the accuracy trade-off chart (and so of the Pareto front). */
    public ObjectProperty<Metric> cost() {
        return cost;
    }

    /** The points of the last successful sweep (or of the trained sweep being shown). */
    public ReadOnlyObjectProperty<List<SweepPoint>> points() {
        return points.getReadOnlyProperty();
    }

    /** The measured accuracy, one entry per point; empty for a sweep that is not trained. */
    public ReadOnlyObjectProperty<List<PointAccuracy>> accuracy() {
        return accuracy.getReadOnlyProperty();
    }

    /** The points as the table lists them, with their accuracy and Pareto mark. */
    public ObservableList<SweepPointRow> rows() {
        return rowsView;
    }

    /** Why the last sweep was refused; empty after a successful one. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    void setError(String message) {
        error.set(message == null ? "" : message);
    }

    /** Runs the sweep on the calling thread; on a mistake keeps the previous points and sets {@link #error()}. */
    public boolean run() {
        runInBackground(Runnable::run, Runnable::run, () -> { });
        return error.get().isEmpty();
    }

    /**
     * Checks the ranges at once, computes the sweep on {@code background} and publishes the points (or the
     * reason it was refused) on {@code ui}, then runs {@code whenDone} there. {@link #running()} is true meanwhile.
     */
    public void runInBackground(Executor background, Executor ui, Runnable whenDone) {
        Axes axes;
        try {
            axes = axes();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            whenDone.run();
            return;
        }
        SqueezeNetMetaparameters from = base.get();
        running.set(true);
        background.execute(() -> {
            try {
                List<SweepPoint> result = DesignSweep.sweep(from, axes.x(), axes.y());
                ui.execute(() -> {
                    show(result, from, List.of(), null, 0);
                    error.set("");
                    running.set(false);
                    whenDone.run();
                });
            } catch (IllegalArgumentException e) {
                ui.execute(() -> {
                    error.set(e.getMessage());
                    running.set(false);
                    whenDone.run();
                });
            }
        });
    }

    /** Whether a sweep is being computed. */
    public ReadOnlyBooleanProperty running() {
        return running.getReadOnlyProperty();
    }

    /** The axes the form describes; IllegalArgumentException naming the field that is not a number. */
    Axes axes() {
        SweepAxis x = axis(parameter.get(), from.get(), to.get(), steps.get(), "");
        SweepAxis y = secondEnabled.get() ? axis(parameter2.get(), from2.get(), to2.get(), steps2.get(), "second ")
                : null;
        return new Axes(x, y);
    }

    /** Fills the form with {@code x} and {@code y} (null: one metaparameter), as a trained sweep was set up. */
    void showAxes(SweepAxis x, SweepAxis y) {
        parameter.set(x.parameter());
        from.set(SqueezeNetMetaparameters.fmt(x.from()));
        to.set(SqueezeNetMetaparameters.fmt(x.to()));
        steps.set(Integer.toString(x.steps()));
        secondEnabled.set(y != null);
        if (y != null) {
            parameter2.set(y.parameter());
            from2.set(SqueezeNetMetaparameters.fmt(y.from()));
            to2.set(SqueezeNetMetaparameters.fmt(y.to()));
            steps2.set(Integer.toString(y.steps()));
        }
    }

    /**
     * Shows {@code shown}, computed from {@code from}, with its measured {@code measured} (one per point, or empty)
     * of the trained sweep in {@code folder} (null if not trained) whose points train with {@code seedCount} seeds.
     */
    void show(List<SweepPoint> shown, SqueezeNetMetaparameters from, List<PointAccuracy> measured, Path folder,
              int seedCount) {
        pointsBase = from;
        resultsFolder = folder;
        seeds = seedCount;
        accuracy.set(List.copyOf(measured));
        points.set(List.copyOf(shown));
        updateRows();
    }

    /** Shows newly measured accuracy of the points already shown. */
    void showAccuracy(List<PointAccuracy> measured) {
        accuracy.set(List.copyOf(measured));
        updateRows();
    }

    private void updateRows() {
        List<SweepPoint> p = points.get();
        List<PointAccuracy> a = accuracy.get().size() == p.size() ? accuracy.get() : List.of();
        List<Integer> front = SweepCharts.tradeoff(p, a, cost.get()).stream().filter(SweepCharts.TradeoffPoint::onFront)
                .map(SweepCharts.TradeoffPoint::index).toList();
        List<SweepPointRow> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            out.add(new SweepPointRow(i, p.get(i).label(), p.get(i), a.isEmpty() ? null : a.get(i), seeds,
                    front.contains(i)));
        }
        rows.setAll(out);
    }

    private static SweepAxis axis(String name, String from, String to, String steps, String which) {
        return new SweepAxis(name, number(which + "from", from), number(which + "to", to),
                (int) Math.min(Integer.MAX_VALUE, Math.round(number(which + "steps", steps))));
    }

    private static double number(String what, String text) {
        String t = text == null ? "" : text.trim();
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + t + "' is not a number");
        }
    }

    /** The CSV of the shown sweep, as {@code workbench sweep} writes it (with the measured columns if trained). */
    public String csv() {
        List<PointAccuracy> a = accuracy.get();
        return DesignSweep.toCsv(points.get(), a.isEmpty() || a.size() != points.get().size() ? null : a);
    }

    /** The swept (x) metaparameter of the last sweep, or the chosen one before any sweep. */
    public String xParameter() {
        List<SweepPoint> p = points.get();
        return p.isEmpty() ? parameter.get() : p.get(0).values().keySet().iterator().next();
    }

    /** The curves of the last sweep for the chosen metric: one per value of the second metaparameter. */
    public List<Curve> curves() {
        List<SweepPoint> p = points.get();
        return SweepCharts.curves(p, metric.get().label(), i -> metric.get().of(p.get(i)));
    }

    /** The measured accuracy against the swept value: mean over seeds, and min / max when seeds differ. */
    public SweepCharts.AccuracyCurves accuracyCurves() {
        List<PointAccuracy> a = accuracy.get();
        return a.size() == points.get().size() ? SweepCharts.accuracy(points.get(), a) : SweepCharts.accuracy(
                List.of(), List.of());
    }

    /** The measured points as (cost, top-1 %) with the Pareto front marked. */
    public List<SweepCharts.TradeoffPoint> tradeoff() {
        List<PointAccuracy> a = accuracy.get();
        return a.size() == points.get().size() ? SweepCharts.tradeoff(points.get(), a, cost.get()) : List.of();
    }

    /** The metaparameters of point {@code index} of the shown sweep. */
    public SqueezeNetMetaparameters metaparameters(int index) {
        return SweepCharts.metaparameters(pointsBase, points.get().get(index));
    }

    /** The network of point {@code index}, named after its values ({@code squeezenet sr = 0.25}). */
    public NetworkSpec network(int index) {
        return SqueezeNetGenerator.generate(metaparameters(index))
                .withName("squeezenet " + points.get().get(index).label());
    }

    /** The run directories of point {@code index}'s finished runs (empty if none, or the sweep is not trained). */
    public List<Path> runDirectories(int index) {
        List<PointAccuracy> a = accuracy.get();
        if (resultsFolder == null || index >= a.size()) {
            return List.of();
        }
        return a.get(index).runs().stream().map(TrainedRun::run).map(r -> resultsFolder.resolve("runs").resolve(r))
                .toList();
    }

    /** The folder of the trained sweep shown; null for a sweep that is not trained. */
    public Path resultsFolder() {
        return resultsFolder;
    }
}
