package org.cnnworkbench.app.ui.view.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleObjectProperty;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.hardware.Estimate;
import org.cnnworkbench.engine.hardware.RooflineEstimator;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.scaling.DataParallelScaling;
import org.cnnworkbench.engine.scaling.ScalingSetup;
import org.cnnworkbench.engine.scaling.Scheme;
import org.cnnworkbench.samples.HardwareProfiles;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;

/** The hardware view models without the toolkit. */
class HardwareViewModelsTest {

    private static AnalysisReport analyze(String sample) throws Exception {
        return Analyzer.standard().analyze(SampleNetworks.load(sample).spec());
    }

    @Test
    void estimateFollowsTheReportAndTheProfile() throws Exception {
        SimpleObjectProperty<AnalysisReport> report = new SimpleObjectProperty<>();
        EstimateViewModel model = new EstimateViewModel(report);
        assertThat(model.estimate().get()).isNull();
        assertThat(model.message().get()).isEqualTo("No network");

        AnalysisReport squeezeNet = analyze("squeezenet-v1.0");
        report.set(squeezeNet);
        Estimate onTitanX = RooflineEstimator.estimate(squeezeNet, HardwareProfiles.load("titan-x"), 1, null);
        assertThat(model.estimate().get()).isEqualTo(onTitanX);
        assertThat(model.timeText().get()).isEqualTo(EstimateViewModel.millis(onTitanX.secondsPerFrame()));

        model.profile().set(HardwareProfiles.load("jetson-tx1"));
        assertThat(model.estimate().get().hardware().name()).isEqualTo("jetson-tx1");
        assertThat(model.energyText().get()).isEqualTo(EstimateViewModel.millijoules(
                model.estimate().get().joulesPerFrame()));

        report.set(Analyzer.standard().analyze(NetworkSpec.of("broken", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", 3L, "height", 4L, "width", 4L)),
                Node.of("c", "conv", List.of("data"), Map.of("filters", 2L, "kernel", 9L))))));
        assertThat(model.estimate().get()).isNull();
        assertThat(model.message().get()).contains("errors");
        assertThat(model.timeText().get()).isEqualTo("-");
    }

    @Test
    void scalingDrawsTheCurrentNetworkAndTheReferences() throws Exception {
        SimpleObjectProperty<AnalysisReport> report = new SimpleObjectProperty<>(analyze("squeezenet-v1.1"));
        ScalingViewModel model = new ScalingViewModel(report);
        assertThat(model.curves().get()).extracting(ScalingViewModel.Curve::name)
                .containsExactly("current: squeezenet-v1.1", "squeezenet-v1.0", "alexnet", "vgg16");
        model.scheme().set(Scheme.PARAMETER_SERVER);
        model.batch().set(8);
        model.bandwidthGbits().set(10);
        ScalingViewModel.Curve alexnet = model.curves().get().get(2);
        AnalysisReport alexReport = analyze("alexnet");
        double seconds = 3 * RooflineEstimator.estimate(alexReport, HardwareProfiles.load("titan-x"), 8, null)
                .secondsPerFrame();
        assertThat(alexnet.secondsPerImage()).isEqualTo(seconds);
        assertThat(alexnet.points()).isEqualTo(DataParallelScaling.curve(60_965_224,
                new ScalingSetup(8, seconds, 10e9 / 8, 4), Scheme.PARAMETER_SERVER, 128));
        // fewer weights, more scalability
        double squeezeNetAt128 = model.curves().get().get(1).points().get(127).speedup();
        assertThat(squeezeNetAt128).isGreaterThan(alexnet.points().get(127).speedup());
    }
}
