package org.cnnworkbench.engine.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DesignSweepTest {

    private static final SqueezeNetMetaparameters BASE = SqueezeNetMetaparameters.defaults();

    @Test
    void squeezeRatioSweepGrowsTheModelMonotonically() {
        List<SweepPoint> points = DesignSweep.sweep(BASE, new SweepAxis("sr", 0.125, 1.0, 8), null);
        assertThat(points).extracting(p -> p.value("sr"))
                .containsExactly(0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0);
        assertThat(points).extracting(SweepPoint::params).isSorted().doesNotHaveDuplicates();
        assertThat(points).extracting(SweepPoint::macs).isSorted().doesNotHaveDuplicates();
        assertThat(points.get(0).params()).isEqualTo(1_248_424);
    }

    @Test
    void squeezeRatioOfThreeQuartersGivesTheLargerModelOfFigure3() {
        SweepPoint sr0125 = DesignSweep.sweep(BASE, new SweepAxis("sr", 0.125, 0.125, 1), null).get(0);
        SweepPoint sr075 = DesignSweep.sweep(BASE, new SweepAxis("sr", 0.75, 0.75, 1), null).get(0);
        // The paper (Section 5.1, Figure 3a) reports 4.8MB at SR=0.125 and 19MB at SR=0.75 (32-bit floats).
        // The engine gives 4,993,696 bytes (4.99 MB, 4.76 MiB) and 19,366,816 bytes (19.4 MB, 18.5 MiB): both
        // published figures are these sizes rounded to two significant digits, the first in MiB, the second
        // in MB (or MiB rounded up); the 3.9x growth is the same.
        assertThat(sr0125.modelBytes32()).isEqualTo(4_993_696);
        assertThat(sr075.params()).isEqualTo(SR075_PARAMS);
        assertThat(sr075.modelBytes32()).isEqualTo(4 * SR075_PARAMS);
    }

    static final long SR075_PARAMS = 4_841_704;

    @Test
    void pct3x3SweepGrowsTheModelMonotonically() {
        List<SweepPoint> points = DesignSweep.sweep(BASE, new SweepAxis("pct_3x3", 0.01, 0.99, 5), null);
        assertThat(points).extracting(p -> p.value("pct_3x3")).containsExactly(0.01, 0.255, 0.5, 0.745, 0.99);
        assertThat(points).extracting(SweepPoint::params).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void twoAxesGiveOneCurvePerValueOfTheSecond() {
        List<SweepPoint> points = DesignSweep.sweep(BASE, new SweepAxis("sr", 0.125, 0.5, 4),
                new SweepAxis("pct_3x3", 0.25, 0.75, 3));
        assertThat(points).hasSize(12);
        assertThat(points.subList(0, 4)).allMatch(p -> p.value("pct_3x3") == 0.25);
        assertThat(points.get(0).values().keySet()).containsExactly("sr", "pct_3x3");
    }

    @Test
    void integerParametersRoundAndRepeatedValuesAreDropped() {
        assertThat(new SweepAxis("freq", 1, 3, 5).values()).containsExactly(1.0, 2.0, 3.0);
        assertThat(new SweepAxis("base_e", 100, 64, 3).values()).containsExactly(100.0, 82.0, 64.0);
    }

    @Test
    void csvHasTheSweptValuesTotalsAnEmptyAccuracyColumnAndTheCompressedSizeLast() throws Exception {
        String csv = DesignSweep.toCsv(DesignSweep.sweep(BASE, new SweepAxis("sr", 0.125, 0.25, 2), null));
        assertThat(csv.split("\n")).containsExactly(
                "sr,params,macs,activations,model_bytes_32,accuracy,compressed_bytes",
                "0.125,1248424," + DesignSweep.sweep(BASE, new SweepAxis("sr", 0.125, 0.125, 1), null).get(0).macs()
                        + "," + DesignSweep.sweep(BASE, new SweepAxis("sr", 0.125, 0.125, 1), null).get(0).activations()
                        + ",4993696,,500285",
                csv.split("\n")[2]);
        assertThat(csv.split("\n")[2]).startsWith("0.25,").contains(",,");
        assertThat(org.cnnworkbench.engine.io.CsvTableTest.parse(csv)).hasSize(3)
                .allSatisfy(cells -> assertThat(cells).hasSize(7));
    }

    @Test
    void invalidSweepsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new SweepAxis("width", 1, 2, 3)).hasMessageContaining(
                "cannot sweep 'width'; the sweepable metaparameters are base_e, incr_e, freq, pct_3x3, sr");
        assertThatThrownBy(() -> new SweepAxis("sr", 0.1, 1, 0)).hasMessageContaining("steps of sr is 0");
        assertThatThrownBy(() -> new SweepAxis("sr", Double.NaN, 1, 3)).hasMessageContaining("must be finite");
        assertThatThrownBy(() -> DesignSweep.sweep(BASE, new SweepAxis("sr", 0, 1, 5), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("at sr = 0: sr: SR is 0; the squeeze ratio must be greater than 0");
        assertThatThrownBy(() -> DesignSweep.sweep(BASE, new SweepAxis("pct_3x3", 0.5, 1.5, 3), null))
                .hasMessageStartingWith("at pct_3x3 = 1.5: pct_3x3: pct_3x3 is 1.5; it is a share of the expand filters");
        assertThatThrownBy(() -> DesignSweep.sweep(BASE, new SweepAxis("sr", 0.1, 1, 3),
                new SweepAxis("sr", 0.1, 1, 3))).hasMessageContaining("both axes sweep sr");
        assertThatThrownBy(() -> DesignSweep.sweep(BASE, new SweepAxis("sr", 0.1, 1, 1000),
                new SweepAxis("pct_3x3", 0.1, 0.9, 11))).hasMessageContaining("at most 10000");
    }
}
