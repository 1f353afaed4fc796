package org.cnnworkbench.engine.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.SpecExpander;
import org.cnnworkbench.engine.compression.CompressionDefaults.FirePart;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompressionDefaultsTest {

    private static Map<String, String> asText(CompressionPlan plan) {
        Map<String, String> m = new LinkedHashMap<>();
        plan.layers().forEach((id, p) -> m.put(id, p.density() + "/" + p.bits() + "/" + p.gapBits()));
        return m;
    }

    @Test
    void alexnetGetsDeepCompressionTable4LayerByLayer() {
        CompressionPlan plan = CompressionDefaults.forSpec(Samples.sample("alexnet"));

        Map<String, String> published = new LinkedHashMap<>();
        published.put("conv1", "0.84/8/4");
        published.put("conv2", "0.38/8/4");
        published.put("conv3", "0.35/8/4");
        published.put("conv4", "0.37/8/4");
        published.put("conv5", "0.37/8/4");
        published.put("fc6", "0.09/5/4");
        published.put("fc7", "0.09/5/4");
        published.put("fc8", "0.25/5/4");
        assertThat(asText(plan)).containsExactlyEntriesOf(published);
        assertThat(plan.validate(Samples.sample("alexnet"))).isEmpty();
    }

    @Test
    void squeezenetGetsTheSqueezeNetPaperTable1LayerByLayer() {
        NetworkSpec spec = Samples.sample("squeezenet-v1.0");
        CompressionPlan plan = CompressionDefaults.forSpec(spec);

        // Table 1 of the SqueezeNet paper: squeeze / expand1x1 / expand3x3 kept, 6 bits everywhere.
        Map<String, String> published = new LinkedHashMap<>();
        published.put("conv1", "1.0/6/4");
        String[][] fires = {
            {"fire2", "1.0", "1.0", "0.33"}, {"fire3", "1.0", "1.0", "0.33"}, {"fire4", "1.0", "1.0", "0.33"},
            {"fire5", "1.0", "1.0", "0.33"}, {"fire6", "1.0", "0.5", "0.33"}, {"fire7", "0.5", "1.0", "0.33"},
            {"fire8", "1.0", "0.5", "0.33"}, {"fire9", "0.5", "1.0", "0.3"}};
        for (String[] f : fires) {
            published.put(f[0] + "/squeeze1x1", f[1] + "/6/4");
            published.put(f[0] + "/expand1x1", f[2] + "/6/4");
            published.put(f[0] + "/expand3x3", f[3] + "/6/4");
        }
        published.put("conv10", "0.2/6/4");
        assertThat(asText(plan)).containsExactlyEntriesOf(published);
        assertThat(plan.validate(spec)).isEmpty();
    }

    @Test
    void networkWithoutAlexnetIdsGetsTheGenericDeepCompressionRule() {
        CompressionPlan plan = CompressionDefaults.forSpec(Samples.sample("vgg16"));

        assertThat(plan.layer("conv1_1").orElseThrow()).isEqualTo(new LayerPlan("conv1_1", 0.84, 8, 4));
        assertThat(plan.layer("conv1_2").orElseThrow()).isEqualTo(new LayerPlan("conv1_2", 0.37, 8, 4));
        assertThat(plan.layer("conv5_3").orElseThrow()).isEqualTo(new LayerPlan("conv5_3", 0.37, 8, 4));
        assertThat(plan.layer("fc6").orElseThrow()).isEqualTo(new LayerPlan("fc6", 0.09, 5, 4));
        assertThat(plan.layer("fc7").orElseThrow()).isEqualTo(new LayerPlan("fc7", 0.09, 5, 4));
        assertThat(plan.layer("fc8").orElseThrow()).isEqualTo(new LayerPlan("fc8", 0.25, 5, 4));
        assertThat(plan.size()).isEqualTo(16);
    }

    @Test
    void renamedClassifierIsTheLastFullyConnectedLayer() {
        NetworkSpec spec = Nets.spec(Nets.input("data", "3x8x8"),
                Nets.node("c", "conv", List.of("data"), "filters=4; kernel=3"),
                Nets.node("hidden", "fc", List.of("c"), "units=8"),
                Nets.node("out", "fc", List.of("hidden"), "units=2"));

        assertThat(asText(CompressionDefaults.deepCompression(spec)))
                .containsExactly(Map.entry("c", "0.84/8/4"), Map.entry("hidden", "0.09/5/4"),
                        Map.entry("out", "0.25/5/4"));
    }

    @ParameterizedTest(name = "fire{0} {1} keeps {2}")
    @CsvSource({
        "1, SQUEEZE, 1.0", "1, EXPAND_3X3, 0.33",
        "10, SQUEEZE, 0.5", "10, EXPAND_1X1, 1.0", "10, EXPAND_3X3, 0.30",
        "12, EXPAND_3X3, 0.30"})
    void fireNumbersOutsideTheTableTakeTheNearestStatedRule(int fire, FirePart part, double density) {
        assertThat(CompressionDefaults.fireDensity(fire, part)).isEqualTo(density);
    }

    @Test
    void fireModulesWithOtherNamesAreNumberedByPosition() {
        NetworkSpec spec = Nets.spec(Nets.input("data", "16x8x8"),
                Nets.node("stem", "conv", List.of("data"), "filters=16; kernel=1"),
                Nets.node("a", "fire", List.of("stem"), "s1x1=4; e1x1=8; e3x3=8"),
                Nets.node("b", "fire", List.of("a"), "s1x1=4; e1x1=8; e3x3=8"),
                Nets.node("head", "conv", List.of("b"), "filters=10; kernel=1"));

        Map<String, String> plan = asText(CompressionDefaults.forSpec(spec));

        assertThat(plan).containsEntry("stem", "1.0/6/4").containsEntry("head", "0.2/6/4")
                .containsEntry("a/expand3x3", "0.33/6/4").containsEntry("b/squeeze1x1", "1.0/6/4");
    }

    /**
     * The SqueezeNet paper: 1,248,424 parameters, 421,098 after pruning. With the published densities, every bias
     * kept and round(d * n) weights per layer, the sum is 425,517. The paper's Table 1 counts biases too and
     * rounds kept weights up (fire2: 5,746 = 1,552 + 1,088 + ceil(0.33 * 9,216) + 64), which gives 425,522;
     * the remaining 4,424 are exactly fire8's 82,005 (its stated densities) minus 77,581, fire9's count: the
     * paper's total of 421,098 adds fire9's number in fire8's row. The densities are not changed to fit.
     */
    @Test
    void squeezenetPrunedParameterCountDiffersFromThePaperOnlyByRoundingAndItsFire8Row() {
        NetworkSpec spec = Samples.sample("squeezenet-v1.0");
        CompressionPlan plan = CompressionDefaults.forSpec(spec);
        AnalysisReport expanded = Analyzer.standard().analyze(SpecExpander.expand(spec, KindRegistry.standard()));
        long total = expanded.totals().paramTotal();
        long biases = expanded.totals().params().biases();
        long rounded = 0;
        long roundedUp = 0;
        long fire8 = 0;
        for (NodeResult r : expanded.layers()) {
            LayerPlan p = plan.layer(r.id()).orElse(null);
            if (p != null) {
                rounded += Math.round(p.density() * r.params().weights());
                long up = (long) Math.ceil(p.density() * r.params().weights() - 1e-9);
                roundedUp += up;
                if (r.id().startsWith("fire8/")) {
                    fire8 += up + r.params().biases();
                }
            }
        }

        assertThat(total).isEqualTo(1_248_424);
        assertThat(biases).isEqualTo(3_976);
        assertThat(rounded + biases).isEqualTo(425_517);
        assertThat(roundedUp + biases).isEqualTo(425_522);
        assertThat(fire8).isEqualTo(82_005);
        assertThat(roundedUp + biases - fire8 + 77_581).isEqualTo(421_098);
    }
}
