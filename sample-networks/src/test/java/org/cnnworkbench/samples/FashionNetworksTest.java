package org.cnnworkbench.samples;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.model.Shape;
import org.junit.jupiter.api.Test;

/** The two Fashion-MNIST networks: sized for 1x28x28, ten classes, and the baseline much larger. */
class FashionNetworksTest {

    private static AnalysisReport analyze(String name) throws Exception {
        return Analyzer.standard().analyze(SampleNetworks.load(name).spec());
    }

    @Test
    void theAlexNetStyleBaselineHasAtLeastTwentyTimesTheSqueezeNetsParameters() throws Exception {
        AnalysisReport squeeze = analyze("fashion-squeezenet");
        AnalysisReport alex = analyze("fashion-alexnet");

        assertThat(alex.totals().paramTotal()).isGreaterThanOrEqualTo(20 * squeeze.totals().paramTotal());
        assertThat(squeeze.result("data").orElseThrow().output()).isEqualTo(new Shape.FeatureMap(1, 28, 28));
        assertThat(alex.result("data").orElseThrow().output()).isEqualTo(new Shape.FeatureMap(1, 28, 28));
        assertThat(squeeze.result("prob").orElseThrow().output().elements()).isEqualTo(10);
        assertThat(alex.result("prob").orElseThrow().output().elements()).isEqualTo(10);
        // small enough to train on a 2-core CPU: a few million MACs per image
        assertThat(squeeze.totals().macs()).isBetween(300_000L, 10_000_000L);
        assertThat(squeeze.diagnostics()).isEmpty();
        assertThat(alex.diagnostics()).isEmpty();
    }
}
