package org.cnnworkbench.app.ui.view.hardware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
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

/**
 * Speedup curves of data-parallel training (docs/scaling.md) for the current network and the reference networks
 * SqueezeNet v1.0, AlexNet and VGG-16, for a batch per worker, an interconnect bandwidth, a scheme and a hardware
 * profile whose roofline gives the training time per image (3 x inference). Testable without the toolkit.
 */
public final class ScalingViewModel {

    /** The reference networks drawn beside the current one. */
    public static final List<String> REFERENCES = List.of("squeezenet-v1.0", "alexnet", "vgg16");
    public static final int MAX_WORKERS = 128;

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

    public ScalingViewModel(ObservableValue<AnalysisReport> report) {
        this.report = report;
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
    }

    private Curve curve(String name, AnalysisReport r, HardwareProfile hw) {
        double seconds = DataParallelScaling.trainingSecondsPerImage(
                RooflineEstimator.estimate(r, hw, batch.get(), null));
        ScalingSetup setup = new ScalingSetup(batch.get(), seconds, bandwidthGbits.get() * 1e9 / 8, 4);
        long params = r.totals().paramTotal();
        return new Curve(name, params, seconds, DataParallelScaling.curve(params, setup, scheme.get(), MAX_WORKERS));
    }
}
