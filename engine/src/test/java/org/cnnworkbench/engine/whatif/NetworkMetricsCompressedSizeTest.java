package org.cnnworkbench.engine.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The what-if metrics carry the compressed size under the published defaults (docs/compression.md). */
class NetworkMetricsCompressedSizeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"alexnet, 243860896, 8812907", "squeezenet-v1.0, 4993696, 500285"})
    void compressedSizeIsTheEstimateUnderTheDefaults(String sample, long dense, long compressed) throws Exception {
        NetworkMetrics m = NetworkMetrics.of(Analyzer.standard().analyze(
                NetworkJson.read(Nets.SAMPLES.resolve(sample + ".json")).spec()));

        assertThat(m.modelBytes32()).isEqualTo(dense);
        assertThat(m.compressedBytes()).isEqualTo(compressed);
    }
}
