package org.cnnworkbench.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden manifest: every published number in index.json is reproduced exactly by the engine. */
class PublishedNumbersTest {

    static Stream<SampleNetworks.Sample> samples() {
        return SampleNetworks.list().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleIsValidAndMatchesItsPublishedNumbers(SampleNetworks.Sample sample) throws Exception {
        AnalysisReport report = Analyzer.standard().analyze(SampleNetworks.load(sample.name()).spec());

        assertThat(report.diagnostics()).filteredOn(d -> d.isError()).isEmpty();
        assertThat(report.isValid()).isTrue();
        if (sample.expected().params() != null) {
            assertThat(report.totals().paramTotal()).isEqualTo(sample.expected().params());
        }
        if (sample.expected().macs() != null) {
            assertThat(report.totals().macs()).as("MACs").isEqualTo(sample.expected().macs());
        }
        if (sample.expected().modelBytes() != null) {
            assertThat(report.totals().modelBytes(32)).as("model bytes at 32 bits")
                    .isEqualTo(sample.expected().modelBytes());
        }
        for (Map.Entry<String, SampleNetworks.Layer> e : sample.expected().layers().entrySet()) {
            NodeResult layer = report.result(e.getKey()).orElseThrow(
                    () -> new AssertionError(sample.name() + " has no layer " + e.getKey()));
            if (e.getValue().params() != null) {
                assertThat(layer.paramTotal()).as(e.getKey() + " params").isEqualTo(e.getValue().params());
            }
            if (e.getValue().output() != null) {
                assertThat(layer.output().toChw()).as(e.getKey() + " output").isEqualTo(e.getValue().output());
            }
        }
    }
}
