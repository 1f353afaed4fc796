package org.cnnworkbench.app.ui.viewmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.cnnworkbench.engine.design.DesignSweep;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.design.SweepAxis;
import org.cnnworkbench.engine.design.SweepPoint;

/**
 * The sweep window: which metaparameter(s) to sweep over which range, the resulting points, and the curves to
 * draw for a chosen metric. With a second metaparameter there is one curve per value of it. Accuracy is not a
 * metric yet: trained results come with the training work.
 */
public final class SweepViewModel {

    private final javafx.beans.property.ReadOnlyBooleanWrapper running =
            new javafx.beans.property.ReadOnlyBooleanWrapper();

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

    private final ObjectProperty<SqueezeNetMetaparameters> base =
            new SimpleObjectProperty<>(this, "base", SqueezeNetMetaparameters.defaults());
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
    private final ReadOnlyObjectWrapper<List<SweepPoint>> points =
            new ReadOnlyObjectWrapper<>(this, "points", List.of());
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /** The metaparameters that are not swept; SqueezeNet v1.0 unless set. */
    public ObjectProperty<SqueezeNetMetaparameters> base() {
        return base;
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

    /** The points of the last successful sweep. */
    public ReadOnlyObjectProperty<List<SweepPoint>> points() {
        return points.getReadOnlyProperty();
    }

    /** Why the last sweep was refused; empty after a successful one. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
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
        SweepAxis x;
        SweepAxis y;
        try {
            x = axis(parameter.get(), from.get(), to.get(), steps.get(), "");
            y = secondEnabled.get() ? axis(parameter2.get(), from2.get(), to2.get(), steps2.get(), "second ") : null;
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            whenDone.run();
            return;
        }
        SqueezeNetMetaparameters from = base.get();
        running.set(true);
        background.execute(() -> {
            try {
                List<SweepPoint> result = DesignSweep.sweep(from, x, y);
                ui.execute(() -> {
                    points.set(result);
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
    public javafx.beans.property.ReadOnlyBooleanProperty running() {
        return running.getReadOnlyProperty();
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

    /** The CSV of the last sweep, as {@code workbench sweep} writes it. */
    public String csv() {
        return DesignSweep.toCsv(points.get());
    }

    /** The swept (x) metaparameter of the last sweep, or the chosen one before any sweep. */
    public String xParameter() {
        List<SweepPoint> p = points.get();
        return p.isEmpty() ? parameter.get() : p.get(0).values().keySet().iterator().next();
    }

    /** The curves of the last sweep for the chosen metric: one per value of the second metaparameter. */
    public List<Curve> curves() {
        Map<String, List<double[]>> byLabel = new LinkedHashMap<>();
        String x = xParameter();
        for (SweepPoint p : points.get()) {
            String label = metric.get().label();
            for (Map.Entry<String, Double> e : p.values().entrySet()) {
                if (!e.getKey().equals(x)) {
                    label = e.getKey() + " = " + SweepFormat.value(e.getValue());
                }
            }
            byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(new double[] {p.value(x), metric.get().of(p)});
        }
        List<Curve> curves = new ArrayList<>();
        byLabel.forEach((label, pts) -> curves.add(new Curve(label, List.copyOf(pts))));
        return curves;
    }

    /** Number formatting for curve labels. */
    static final class SweepFormat {
        private SweepFormat() {
        }

        static String value(double v) {
            return v == Math.rint(v) ? Long.toString((long) v)
                    : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }
}
