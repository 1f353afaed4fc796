package org.cnnworkbench.engine.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RooflineEstimatorTest {

    private static final double EPS = 1e-9;

    /** 1,000 FLOP/s, {@code bandwidth} B/s, 2 W: numbers small enough to check by hand. */
    private static HardwareProfile toy(double bandwidth) {
        return new HardwareProfile("toy", "toy", 1000, bandwidth, 0, 2, "hand-made");
    }

    /** input 3x8x8 -> 1x1 conv with 4 filters: 768 MACs, 12 weights + 4 biases, 192 in, 256 out. */
    private static AnalysisReport tiny() {
        NetworkSpec spec = NetworkSpec.of("tiny", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", 3L, "height", 8L, "width", 8L)),
                Node.of("conv1", "conv", List.of("data"), Map.of("filters", 4L, "kernel", 1L))));
        return Analyzer.standard().analyze(spec);
    }

    @ParameterizedTest(name = "{0} FLOPs, {1} bytes on 1000 FLOP/s and {2} B/s: {4} s, compute-bound {3}")
    @CsvSource({
            // flops, bytes, bandwidth, computeBound, seconds
            "1536, 1856,   100, false, 18.56",    // AI 0.83 x 100 = 83 FLOP/s < 1000: bytes / bandwidth
            "1536, 1856, 10000, true,  1.536",    // AI 0.83 x 10,000 = 8,276 >= 1000: flops / peak
            "1000,  100,   100, true,  1.0",      // exactly on the ridge (AI 10 = 1000 / 100) counts as compute
            "2000, 1000,   100, false, 10.0",     // AI 2: 200 FLOP/s attainable
    })
    void layerTimeIsFlopsOverTheLowerRoof(double flops, double bytes, double bandwidth, boolean computeBound,
                                          double seconds) {
        LayerEstimate e = RooflineEstimator.layer("l", "conv", flops, bytes, toy(bandwidth));
        assertThat(e.intensity()).isCloseTo(flops / bytes, within(EPS));
        assertThat(e.computeBound()).isEqualTo(computeBound);
        assertThat(e.seconds()).isCloseTo(seconds, within(EPS));
    }

    @ParameterizedTest(name = "batch {0}: {1} bytes per frame")
    @CsvSource({
            "1, 1856",   // 4 x (192 in + 256 out + 16 params)
            "4, 1808",   // 4 x (192 + 256 + 16 / 4): the weights are read once per batch
            "16, 1796",
    })
    void bytesCountInputsOutputsAndWeightsSharedByTheBatch(int batch, double bytes) {
        Estimate e = RooflineEstimator.estimate(tiny(), toy(100), batch, null);
        assertThat(e.layers()).extracting(LayerEstimate::id).containsExactly("conv1");   // the input does no arithmetic
        LayerEstimate conv = e.layers().get(0);
        assertThat(conv.flops()).isEqualTo(1536);   // 2 x 768 MACs, no activation
        assertThat(conv.bytes()).isCloseTo(bytes, within(EPS));
        assertThat(e.batch()).isEqualTo(batch);
    }

    @Test
    void networkTotalsFollowFromTheLayers() {
        Estimate e = RooflineEstimator.estimate(tiny(), toy(100), 1, null);
        assertThat(e.secondsPerFrame()).isCloseTo(18.56, within(EPS));
        assertThat(e.framesPerSecond()).isCloseTo(1 / 18.56, within(EPS));
        assertThat(e.joulesPerFrame()).isCloseTo(2 * 18.56, within(EPS));   // 2 W x 18.56 s
        assertThat(e.percentOfPeak()).isNull();
        assertThat(e.computeBoundTimeShare()).isZero();
        assertThat(e.flopsPerFrame()).isEqualTo(1536);
    }

    @Test
    void percentOfPeakComesFromTheMeasuredTime() {
        // 1536 FLOPs in 3.072 s = 500 FLOP/s = 50 % of 1000
        Estimate e = RooflineEstimator.estimate(tiny(), toy(100), 1, 3.072);
        assertThat(e.percentOfPeak()).isCloseTo(50.0, within(EPS));
    }

    @Test
    void refusesAnInvalidNetworkAndBadArguments() {
        NetworkSpec broken = NetworkSpec.of("broken", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", 3L, "height", 8L, "width", 8L)),
                Node.of("conv1", "conv", List.of("data"), Map.of("filters", 4L, "kernel", 9L))));
        AnalysisReport report = Analyzer.standard().analyze(broken);
        assertThatThrownBy(() -> RooflineEstimator.estimate(report, toy(100), 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'broken' has errors")
                .hasMessageContaining("conv1");
        assertThatThrownBy(() -> RooflineEstimator.estimate(tiny(), toy(100), 0, null))
                .hasMessageContaining("batch must be at least 1");
        assertThatThrownBy(() -> RooflineEstimator.estimate(tiny(), toy(100), 1, -1.0))
                .hasMessageContaining("measured time per frame must be positive");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "peakFlops must be a positive number, 0, 1, 1, 1",
            "memoryBandwidth must be a positive number, 1, -5, 1, 1",
            "powerWatts must be a positive number, 1, 1, 1, 0",
            "onChipBytes must not be negative, 1, 1, -1, 1",
    })
    void profilesRejectNonPositiveNumbers(String message, double peak, double bandwidth, long onChip, double watts) {
        assertThatThrownBy(() -> new HardwareProfile("x", "x", peak, bandwidth, onChip, watts, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
