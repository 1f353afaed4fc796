package org.cnnworkbench.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.junit.jupiter.api.Test;

/**
 * SqueezeDet's published size (7.9 MB) comes out of the released network (v1.1-style trunk), not out of the same
 * head on the SqueezeNet v1.0 trunk (docs/detection.md).
 */
class SqueezeDetNumbersTest {

    private static AnalysisReport analyse(String name) throws Exception {
        return Analyzer.standard().analyze(SampleNetworks.load(name).spec());
    }

    private static String mib(long bytes) {
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1L << 20), 1, RoundingMode.HALF_UP).toString();
    }

    @Test
    void squeezeDetHasThePapersSevenPointNineMegabytes() throws Exception {
        AnalysisReport report = analyse("squeezedet");

        assertThat(report.isValid()).isTrue();
        assertThat(report.totals().paramTotal()).isEqualTo(2_082_120);
        assertThat(report.totals().modelBytes(32)).isEqualTo(8_328_480);
        assertThat(mib(report.totals().modelBytes(32))).isEqualTo("7.9");
        assertThat(report.result("conv12").orElseThrow().output().toChw()).isEqualTo(List.of(72L, 24L, 78L));
        assertThat(report.result("conv12").orElseThrow().paramTotal()).isEqualTo(497_736);
    }

    @Test
    void theSameHeadOnTheV10TrunkDoesNotRoundToSevenPointNine() throws Exception {
        AnalysisReport report = analyse("squeezedet-v1.0-trunk");

        assertThat(report.isValid()).isTrue();
        assertThat(report.totals().paramTotal()).isEqualTo(2_095_048);
        assertThat(report.totals().modelBytes(32)).isEqualTo(8_380_192);
        assertThat(mib(report.totals().modelBytes(32))).isEqualTo("8.0").isNotEqualTo("7.9");
        assertThat(report.result("conv12").orElseThrow().output().toChw()).isEqualTo(List.of(72L, 23L, 77L));
    }
}
