package org.cnnworkbench.app.ui.view.hardware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.hardware.HardwareProfile;
import org.cnnworkbench.engine.hardware.RooflineEstimator;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.scaling.DataParallelScaling;
import org.cnnworkbench.engine.scaling.ScalingPoint;
import org.cnnworkbench.engine.scaling.ScalingSetup;
import org.cnnworkbench.engine.scaling.Scheme;
import org.cnnworkbench.samples.HardwareProfiles;
import org.cnnworkbench.samples.SampleNetworks;
import org.cnnworkbench.spark.SparkScaling;

/**
 * Speedup curves of data-parallel training (docs/scaling.md) for the current network and the reference networks
 * SqueezeNet v1.0, AlexNet and VGG-16, for a batch per worker, an interconnect bandwidth, a scheme and a hardware
 * profile whose roofline gives the training time per image (3 x inference); and, once measured, the current
 * network's speedup measured on Spark {@code local[N]} beside the model's curve for the measured setting (the
 * 1-worker time per image, the images per worker between averagings). Testable without the toolkit.
 */
public final class ScalingViewModel {

    /** The reference networks drawn beside the current one. */
    public static final List<String> REFERENCES = List.of("squeezenet-v1.0", "alexnet", "vgg16");
    public static final int MAX_WORKERS = 128;
    /** Batches each worker trains between two averagings in a measurement. */
    public static final int AVERAGING_FREQUENCY = 5;

    /** One curve: a network's parameters, its training time per image and its speedup for N = 1..128. */
    public record Curve(String name, long parameters, double secondsPerImage, List<ScalingPoint> points) {
    }

    private final ObservableValue<AnalysisReport> report;
    private final Map<String, AnalysisReport> references = new LinkedHashMap<>();
    private final IntegerProperty batch = new SimpleIntegerProperty(32);
    private final DoubleProperty bandwidthGbits = new SimpleDoubleProperty(56);
    private final ObjectProperty<Scheme> scheme = new SimpleObjectProperty<>(Scheme.REDUCTION_TREE);
    private final ObjectProperty<HardwareProfile> profile = new SimpleObjectProperty<>(HardwareProfiles.list().get(0));
    private final ReadOnlyObjectWrapper<List<Curve>> curves = new ReadOnlyObjectWrapper<>(List.of());
    private final IntegerProperty shownWorkers = new SimpleIntegerProperty(MAX_WORKERS);
    private final StringProperty measureWorkers = new SimpleStringProperty("1,2");
    private final ReadOnlyObjectWrapper<Measured> measured = new ReadOnlyObjectWrapper<>();
    private final BackgroundMeasurement runner;
    private Measurement measurement;

    /**
     * A measurement on Spark local[N] and the model's speedup for its setting, with the window's bandwidth and
     * scheme.
     *
     * @param network  the measured network's name
     * @param points   images/s per N (N = 1 first)
     * @param estimate the model's speedup for N = 1..the largest N measured
     */
    public record Measured(String network, SparkScaling.Setup setup, List<SparkScaling.Point> points,
                           List<ScalingPoint> estimate) {

        public double speedup(SparkScaling.Point p) {
            return p.imagesPerSecond() / points.get(0).imagesPerSecond();
        }
    }

    private record Measurement(String network, long parameters, SparkScaling.Setup setup,
                               List<SparkScaling.Point> points) {
    }

    /** Measurements run on a thread of their own; results appear on the JavaFX thread. */
    public ScalingViewModel(ObservableValue<AnalysisReport> report) {
        this.report = report;
        this.runner = new BackgroundMeasurement("scaling-measurement");
        Analyzer analyzer = Analyzer.standard();
        for (String name : REFERENCES) {
            try {
                references.put(name, analyzer.analyze(SampleNetworks.load(name).spec()));
            } catch (SpecFormatException e) {
                throw new IllegalStateException("a shipped sample is broken: " + e.getMessage(), e);
            }
        }
        report.addListener((o, was, now) -> update());
        batch.addListener((o, was, now) -> update());
        bandwidthGbits.addListener((o, was, now) -> update());
        scheme.addListener((o, was, now) -> update());
        profile.addListener((o, was, now) -> update());
        update();
    }

    public List<HardwareProfile> profiles() {
        return HardwareProfiles.list();
    }

    public IntegerProperty batch() {
        return batch;
    }

    /** Interconnect bandwidth per link in Gbit/s. */
    public DoubleProperty bandwidthGbits() {
        return bandwidthGbits;
    }

    public ObjectProperty<Scheme> scheme() {
        return scheme;
    }

    public ObjectProperty<HardwareProfile> profile() {
        return profile;
    }

    /** The largest N the chart shows (its x axis). */
    public IntegerProperty shownWorkers() {
        return shownWorkers;
    }

    /** The N to measure on Spark local[N], e.g. "1,2" (1 is always measured). */
    public StringProperty measureWorkers() {
        return measureWorkers;
    }

    /** The last measurement with the model's curve for its setting; null before one. */
    public ReadOnlyObjectProperty<Measured> measured() {
        return measured.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty measuring() {
        return runner.measuring();
    }

    /** What the measurement is doing, how it ended, or why it cannot start. */
    public ReadOnlyStringProperty measureStatus() {
        return runner.status();
    }

    /**
     * Measures the current network on Spark local[N] for each N of {@link #measureWorkers()} with the window's batch
     * per worker, averaging every {@link #AVERAGING_FREQUENCY} batches. Returns false, with the reason in {@link
     * #measureStatus()}, when it cannot start.
     */
    public boolean measure() {
        AnalysisReport current = report.getValue();
        if (!runner.canStart(current)) {
            return false;
        }
        java.util.TreeSet<Integer> ns = new java.util.TreeSet<>(List.of(1));
        try {
            for (String part : measureWorkers.get().split(",")) {
                if (!part.isBlank()) {
                    int n = Integer.parseInt(part.strip());
                    if (n < 1 || n > MAX_WORKERS) {
                        throw new NumberFormatException();
                    }
                    ns.add(n);
                }
            }
        } catch (NumberFormatException e) {
            runner.setStatus("workers to measure: numbers from 1 to " + MAX_WORKERS
                    + " separated by commas, e.g. 1,2");
            return false;
        }
        SparkScaling.Setup setup = new SparkScaling.Setup(batch.get(), AVERAGING_FREQUENCY, 3, 42);
        var spec = current.spec();
        long params = current.totals().paramTotal();
        runner.start("measuring " + spec.name() + " on Spark local[N] for N = " + ns + "...", () -> {
            List<SparkScaling.Point> points = SparkScaling.measure(spec, List.copyOf(ns), setup, () -> false);
            return new BackgroundMeasurement.Done<>(new Measurement(spec.name(), params, setup, points),
                    String.format(Locale.ROOT, "measured %s on local[N], batch %d, averaging every %d batches: %s",
                            spec.name(), setup.batch(), setup.averagingFrequency(), points.stream()
                                    .map(p -> String.format(Locale.ROOT, "N=%d %.0f images/s", p.workers(),
                                            p.imagesPerSecond())).collect(java.util.stream.Collectors.joining(", "))));
        }, "; try a smaller batch", (result, status) -> {
            if (result != null) {
                measurement = result;
                shownWorkers.set(Math.max(4, 2 * result.points().get(result.points().size() - 1).workers()));
                update();
            }
            return status;
        });
        return true;
    }

    /** The current network's curve first (when it is valid), then the references'. */
    public ReadOnlyObjectProperty<List<Curve>> curves() {
        return curves.getReadOnlyProperty();
    }

    private void update() {
        HardwareProfile hw = profile.get();
        if (hw == null || batch.get() < 1 || !(bandwidthGbits.get() > 0)) {
            curves.set(List.of());
            return;
        }
        List<Curve> all = new ArrayList<>();
        AnalysisReport current = report.getValue();
        if (current != null && current.isValid()) {
            all.add(curve("current: " + current.spec().name(), current, hw));
        }
        references.forEach((name, r) -> all.add(curve(name, r, hw)));
        curves.set(List.copyOf(all));
        if (measurement != null) {
            double seconds = measurement.points().get(0).secondsPerImagePerWorker();
            ScalingSetup setup = new ScalingSetup(measurement.setup().imagesPerWorkerPerRound(), seconds,
                    bandwidthGbits.get() * 1e9 / 8, 4);
            int largest = measurement.points().get(measurement.points().size() - 1).workers();
            measured.set(new Measured(measurement.network(), measurement.setup(), measurement.points(),
                    DataParallelScaling.curve(measurement.parameters(), setup, scheme.get(), largest)));
        }
    }

    private Curve curve(String name, AnalysisReport r, HardwareProfile hw) {
        double seconds = DataParallelScaling.trainingSecondsPerImage(
                RooflineEstimator.estimate(r, hw, batch.get(), null));
        ScalingSetup setup = new ScalingSetup(batch.get(), seconds, bandwidthGbits.get() * 1e9 / 8, 4);
        long params = r.totals().paramTotal();
        return new Curve(name, params, seconds, DataParallelScaling.curve(params, setup, scheme.get(), MAX_WORKERS));
    }
}
