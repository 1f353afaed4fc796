package org.cnnworkbench.engine.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataParallelScalingTest {

    private static final double EPS = 1e-9;
    /** 10 images x 10 ms = 0.1 s of compute; 1e6 parameters x 4 bytes over 1 GB/s = 4 ms each way. */
    private static final ScalingSetup SETUP = new ScalingSetup(10, 0.01, 1e9, 4);
    private static final long PARAMS = 1_000_000;

    @ParameterizedTest(name = "{0} with {1} workers: {2} s communication, speedup {3}")
    @CsvSource({
            "REDUCTION_TREE,   1, 0,     1",
            "REDUCTION_TREE,   2, 0.008, 1.8518518518518519",   // 2 x 0.004 x 1; 2 x 0.1 / 0.108
            "REDUCTION_TREE,   5, 0.024, 4.032258064516129",    // ceil(log2 5) = 3; 5 x 0.1 / 0.124
            "REDUCTION_TREE,   8, 0.024, 6.451612903225806",    // log2 8 = 3; 8 x 0.1 / 0.124
            "REDUCTION_TREE, 128, 0.056, 82.05128205128206",    // log2 128 = 7; 128 x 0.1 / 0.156
            "PARAMETER_SERVER, 1, 0,     1",
            "PARAMETER_SERVER, 8, 0.064, 4.878048780487805",    // 2 x 0.004 x 8; 8 x 0.1 / 0.164
            "PARAMETER_SERVER, 128, 1.024, 11.387900355871886", // 128 x 0.1 / 1.124
    })
    void matchesTheHandComputedModel(Scheme scheme, int workers, double communication, double speedup) {
        ScalingPoint p = DataParallelScaling.curve(PARAMS, SETUP, scheme, workers).get(workers - 1);
        assertThat(p.workers()).isEqualTo(workers);
        assertThat(p.computeSeconds()).isCloseTo(0.1, within(EPS));
        assertThat(p.communicationSeconds()).isCloseTo(communication, within(EPS));
        assertThat(p.iterationSeconds()).isCloseTo(0.1 + communication, within(EPS));
        assertThat(p.speedup()).isCloseTo(speedup, within(1e-9));
        assertThat(p.efficiency()).isCloseTo(speedup / workers, within(EPS));
    }

    @Test
    void fewerParametersScaleFurther() {
        List<ScalingPoint> small = DataParallelScaling.curve(1_248_424, SETUP, Scheme.REDUCTION_TREE, 128);
        List<ScalingPoint> large = DataParallelScaling.curve(60_965_224, SETUP, Scheme.REDUCTION_TREE, 128);
        assertThat(small).hasSize(128);
        assertThat(small.get(127).speedup()).isGreaterThan(large.get(127).speedup() * 5);
    }

    @Test
    void invalidInputsGiveClearErrors() {
        assertThatThrownBy(() -> new ScalingSetup(32, 0.01, -1e9, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the interconnect bandwidth must be a positive number of bytes/s, not -1.0E9");
        assertThatThrownBy(() -> new ScalingSetup(0, 0.01, 1e9, 4)).hasMessageContaining("batch per worker");
        assertThatThrownBy(() -> new ScalingSetup(32, Double.NaN, 1e9, 4)).hasMessageContaining("time per image");
        assertThatThrownBy(() -> new ScalingSetup(32, 0.01, 1e9, 0)).hasMessageContaining("bytes per parameter");
        assertThatThrownBy(() -> DataParallelScaling.curve(-1, SETUP, Scheme.REDUCTION_TREE, 8))
                .hasMessageContaining("parameter count");
        assertThatThrownBy(() -> DataParallelScaling.curve(1, SETUP, Scheme.REDUCTION_TREE, 0))
                .hasMessageContaining("workers");
    }

    @ParameterizedTest
    @CsvSource({"1, 0", "2, 1", "3, 2", "4, 2", "5, 3", "64, 6", "65, 7", "128, 7"})
    void ceilLog2(int n, int expected) {
        assertThat(DataParallelScaling.ceilLog2(n)).isEqualTo(expected);
    }
}
