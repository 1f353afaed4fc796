package org.cnnworkbench.engine.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Recomputes the published what-if table for Network-in-Network (docs/whatif.md) from the six modified specs
 * in sample-networks/networks/whatif/. Each row states what the workbench computes; where that differs from the
 * published table the manifest names the field and the reason.
 */
class NinWhatIfTableTest {

    static final Path WHATIF = Nets.SAMPLES.resolve("whatif");

    static AnalysisReport analyze(Path file) throws Exception {
        AnalysisReport report = Analyzer.standard().analyze(NetworkJson.read(file).spec());
        assertThat(report.isValid()).as(file + " is valid").isTrue();
        return report;
    }

    static Comparison compareWithNin(String file) throws Exception {
        return NetworkComparator.compare(analyze(Nets.SAMPLES.resolve("nin.json")), analyze(WHATIF.resolve(file)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # file                              | type   | output | params | computation | edited
            nin-4x-input-channels.json          | LOCAL  | 1x     | 1x     | 1.3x        | data
            nin-4x-filters-conv8.json           | LOCAL  | 1.1x   | 1.1x   | 1.1x        | cccp5
            nin-4x-filter-resolution-conv7.json | GLOBAL | 1x     | 1.3x   | 1.3x        | conv3
            nin-4x-categories.json              | LOCAL  | 1.1x   | 1.4x   | 1.1x        | cccp8-1024
            nin-remove-pool3.json               | GLOBAL | 2.6x   | 1x     | 3.8x        | pool0 conv2
            nin-4x-input-resolution.json        | GLOBAL | 4.2x   | 1x     | 4.3x        | data
            """)
    void ninTableRowAsTheWorkbenchComputesIt(String file, ChangeType type, String output, String params,
                                             String computation, String edited) throws Exception {
        Comparison c = compareWithNin(file);
        assertThat(Comparison.times(c.outputRatio())).isEqualTo(output);
        assertThat(Comparison.times(c.paramsRatio())).isEqualTo(params);
        assertThat(Comparison.times(c.macsRatio())).isEqualTo(computation);
        assertThat(c.type()).isEqualTo(type);
        assertThat(c.editedLayers()).containsExactly(edited.split(" "));
    }

    @Test
    void manifestMatchesTheWorkbenchExceptWhereItSaysWhy() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(WHATIF.resolve("nin-table.json").toFile());
        assertThat(manifest.get("rows")).hasSize(6);
        for (JsonNode row : manifest.get("rows")) {
            Comparison c = compareWithNin(row.get("file").asText());
            JsonNode published = row.get("published");
            List<String> differs = new ArrayList<>();
            row.get("differs").forEach(d -> differs.add(d.asText()));
            List<String> actual = new ArrayList<>();
            check(actual, "type", c.type().name(), published);
            check(actual, "output", Comparison.times(c.outputRatio()), published);
            check(actual, "params", Comparison.times(c.paramsRatio()), published);
            check(actual, "computation", Comparison.times(c.macsRatio()), published);
            assertThat(actual).as(row.get("modification").asText()).isEqualTo(differs);
            if (!differs.isEmpty()) {
                assertThat(row.get("note").asText()).isNotBlank();
            }
        }
    }

    private static void check(List<String> differing, String field, String computed, JsonNode published) {
        if (!published.get(field).asText().equals(computed)) {
            differing.add(field);
        }
    }

    @Test
    void moreCategoriesAdd108000ConvActivationsToNinsOneMillionSevenHundredThousand() throws Exception {
        Comparison c = compareWithNin("nin-4x-categories.json");
        assertThat(c.a().convActivations()).isEqualTo(1_704_096);
        // cccp8-1024: 1000x6x6 -> 4000x6x6
        assertThat(c.b().convActivations() - c.a().convActivations()).isEqualTo(3000L * 6 * 6);
        assertThat(c.outputRatio()).isCloseTo(1_812_096.0 / 1_704_096, within(1e-12));
        assertThat(c.outputRatio()).isGreaterThan(1.05);   // so it cannot round to 1x
    }

    @Test
    void sixBySixFilterWithPad2ShrinksTheMlpconvBlockUntilPool3() throws Exception {
        Comparison c = compareWithNin("nin-4x-filter-resolution-conv7.json");
        assertThat(c.affectedLayers()).containsExactly("conv3", "cccp5", "cccp6");
        LayerChange conv3 = c.changedLayers().get(0);
        assertThat(conv3.outputBefore()).containsExactly(384L, 13L, 13L);
        assertThat(conv3.outputAfter()).containsExactly(384L, 12L, 12L);
        assertThat(c.paramsRatio()).isCloseTo(10_249_384.0 / 7_595_176, within(1e-12));
        assertThat(c.explanation()).contains("Global change", "cccp5", "cccp6");
    }

    @Test
    void ninTotalsBeforeAndAfterTheResolutionChange() throws Exception {
        Comparison c = compareWithNin("nin-4x-input-resolution.json");
        assertThat(c.a().params()).isEqualTo(7_595_176);
        assertThat(c.a().macs()).isEqualTo(1_100_188_800L);
        assertThat(c.b().convActivations()).isEqualTo(7_162_920);
    }
}
