package org.cnnworkbench.app.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatsTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "1248424, '1,248,424'", "-1, overflow"})
    void countsHaveThousandsSeparators(long n, String text) {
        assertThat(Formats.count(n)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.0 %", "0.1234, 12.3 %", "1, 100.0 %", "0.00049, 0.0 %"})
    void sharesArePercentagesWithOneDecimal(double share, String text) {
        assertThat(Formats.percent(share)).isEqualTo(text);
    }

    @Test
    void validitySaysValidOrCountsErrorsAndWarnings() {
        assertThat(Formats.validity(new StatusSummary(1, 1, 1, 4, 1, 8, true, 0, 0))).isEqualTo("valid");
        assertThat(Formats.validity(new StatusSummary(1, 1, 1, 4, 1, 8, true, 0, 1))).isEqualTo("valid, 1 warning");
        assertThat(Formats.validity(new StatusSummary(1, 1, 1, 4, 1, 8, false, 2, 0)))
                .isEqualTo("2 errors, 0 warnings");
        assertThat(Formats.validity(null)).isEmpty();
    }

    @Test
    void chartBarsSkipLayersWithoutParamsOrMacs() {
        List<LayerRow> rows = List.of(new LayerRow("data", "input", "ok", "3x227x227", 0, 0, 9, 0, 0),
                new LayerRow("conv1", "conv", "ok", "96x111x111", 100, 50, 9, 0.25, 0.5));
        assertThat(LayerShares.of(rows)).containsExactly(new LayerShares.Bar("conv1", 25, 50));
    }
}
