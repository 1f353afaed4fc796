package org.cnnworkbench.app.ui.view.hardware;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.hardware.Estimate;
import org.cnnworkbench.engine.hardware.HardwareProfile;
import org.cnnworkbench.engine.hardware.RooflineEstimator;
import org.cnnworkbench.samples.HardwareProfiles;

/**
 * The roofline estimate of the current network on a chosen hardware profile, recomputed whenever the report or
 * the profile changes. Uses only JavaFX properties, so it is testable without the toolkit.
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

    public EstimateViewModel(ObservableValue<AnalysisReport> report) {
        this.report = report;
        this.profile = new SimpleObjectProperty<>(HardwareProfiles.list().get(0));
        report.addListener((o, was, now) -> update());
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
