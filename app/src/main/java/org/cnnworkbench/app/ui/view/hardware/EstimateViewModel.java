package org.cnnworkbench.app.ui.view.hardware;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.dl4j.ConvertedGraph;
import org.cnnworkbench.engine.dl4j.Dl4jConverter;
import org.cnnworkbench.engine.dl4j.InferenceBenchmark;
import org.cnnworkbench.engine.hardware.Estimate;
import org.cnnworkbench.engine.hardware.HardwareProfile;
import org.cnnworkbench.engine.hardware.RooflineEstimator;
import org.cnnworkbench.samples.HardwareProfiles;

/**
 * The roofline estimate of the current network on a chosen hardware profile, recomputed whenever the report or
 * the profile changes; on request, each layer's time measured with DL4J on this machine beside it. Uses only
 * JavaFX properties, so it is testable without the toolkit.
 */
public final class EstimateViewModel {

    private final ObservableValue<AnalysisReport> report;
    private final ObjectProperty<HardwareProfile> profile;
    private final ReadOnlyObjectWrapper<Estimate> estimate = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper time = new ReadOnlyStringWrapper("-");
    private final ReadOnlyStringWrapper fps = new ReadOnlyStringWrapper("-");
    private final ReadOnlyStringWrapper energy = new ReadOnlyStringWrapper("-");
    private final ReadOnlyStringWrapper bound = new ReadOnlyStringWrapper("-");

    /** Untimed and timed passes of a measurement: enough for batch 1 to settle, short enough to wait for. */
    static final int WARMUP = 10;
    static final int RUNS = 20;

    private final ReadOnlyObjectWrapper<Map<String, Double>> measuredMs = new ReadOnlyObjectWrapper<>(Map.of());
    private final BackgroundMeasurement runner;

    public EstimateViewModel(ObservableValue<AnalysisReport> report) {
        this.report = report;
        this.runner = new BackgroundMeasurement("layer-measurement");
        this.profile = new SimpleObjectProperty<>(HardwareProfiles.list().get(0));
        report.addListener((o, was, now) -> {
            if (!measuredMs.get().isEmpty()) {   // measured for another network
                measuredMs.set(Map.of());
                runner.setStatus("the network changed: measure again");
            }
            update();
        });
        profile.addListener((o, was, now) -> update());
        update();
    }

    /** The profiles to choose from: the shipped ones. */
    public List<HardwareProfile> profiles() {
        return HardwareProfiles.list();
    }

    public ObjectProperty<HardwareProfile> profile() {
        return profile;
    }

    /** The estimate, or {@code null} when there is no valid network. */
    public ReadOnlyObjectProperty<Estimate> estimate() {
        return estimate.getReadOnlyProperty();
    }

    /** Why there is no estimate, or empty. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timeText() {
        return time.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fpsText() {
        return fps.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty energyText() {
        return energy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty boundText() {
        return bound.getReadOnlyProperty();
    }

    /**
     * The current network's measured milliseconds per frame by layer id (DL4J on this machine, batch 1,
     * {@code bench-infer --layers}); empty before a measurement and after the network changes.
     */
    public ReadOnlyObjectProperty<Map<String, Double>> measuredMs() {
        return measuredMs.getReadOnlyProperty();
    }

    /** What the measurement is doing, how it ended, or why it cannot start. */
    public ReadOnlyStringProperty measureStatus() {
        return runner.status();
    }

    public ReadOnlyBooleanProperty measuring() {
        return runner.measuring();
    }

    /**
     * Times each layer of the current network with DL4J on this machine (its inference graph as {@code infer} runs
     * it, random weights, batch 1, the median of
     * {@value #RUNS} passes after {@value #WARMUP}), in the background. Returns false, with the reason in {@link
     * #measureStatus()}, when it cannot start.
     */
    public boolean measure() {
        AnalysisReport current = report.getValue();
        if (!runner.canStart(current)) {
            return false;
        }
        runner.start("measuring " + current.spec().name() + " layer by layer with DL4J on this machine...",
                () -> {
                    ConvertedGraph converted = Dl4jConverter.convertForInference(current.spec());
                    InferenceBenchmark.LayerResult layers = InferenceBenchmark.layers(converted,
                            converted.newGraph(), current, 1, WARMUP, RUNS);
                    Map<String, Double> ms = new LinkedHashMap<>();
                    layers.layers().forEach(l -> ms.put(l.id(), l.msPerBatch()));
                    return new BackgroundMeasurement.Done<>(Map.copyOf(ms), String.format(Locale.ROOT,
                            "measured on this machine: %.2f ms per frame layer by layer (DL4J, batch 1, median of "
                                    + "%d passes)", ms.values().stream().mapToDouble(Double::doubleValue).sum(), RUNS));
                }, "", (measured, status) -> {
                    // the network may have changed while it ran: keep only a measurement of the current one
                    if (report.getValue() != current) {
                        return "the network changed: measure again";
                    }
                    if (measured != null) {
                        measuredMs.set(measured);
                    }
                    return status;
                });
        return true;
    }

    private void update() {
        AnalysisReport r = report.getValue();
        HardwareProfile hw = profile.get();
        Estimate e = null;
        String why = "";
        if (r == null) {
            why = "No network";
        } else if (hw == null) {
            why = "Choose a hardware profile";
        } else if (!r.isValid()) {
            why = "The network has errors; fix them to see an estimate";
        } else {
            e = RooflineEstimator.estimate(r, hw, 1, null);
        }
        estimate.set(e);
        message.set(why);
        time.set(e == null ? "-" : millis(e.secondsPerFrame()));
        fps.set(e == null ? "-" : framesPerSecond(e.framesPerSecond()));
        energy.set(e == null ? "-" : millijoules(e.joulesPerFrame()));
        bound.set(e == null ? "-" : computeBoundShare(e.computeBoundTimeShare()));
    }

    static String millis(double seconds) {
        return String.format(Locale.ROOT, "%.3f ms/frame", seconds * 1e3);
    }

    static String framesPerSecond(double fps) {
        return String.format(Locale.ROOT, "%,.0f frames/s", fps);
    }

    static String millijoules(double joules) {
        return String.format(Locale.ROOT, "%.2f mJ/frame", joules * 1e3);
    }

    static String computeBoundShare(double share) {
        return String.format(Locale.ROOT, "%.0f%% of the time compute-bound", share * 100);
    }
}
