package org.cnnworkbench.engine.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqueezeNetGeneratorTest {

    private static NetworkSpec sample(String name) throws Exception {
        return NetworkJson.read(Nets.SAMPLES.resolve(name + ".json")).spec();
    }

    @Test
    void thePapersDefaultsReproduceSqueezeNetV10Exactly() throws Exception {
        NetworkSpec generated = SqueezeNetGenerator.generate(SqueezeNetMetaparameters.defaults());
        assertThat(generated.nodes()).containsExactlyElementsOf(sample("squeezenet-v1.0").nodes());
        assertThat(Analyzer.standard().analyze(generated).totals().paramTotal()).isEqualTo(1_248_424);
    }

    @Test
    void simpleBypassReproducesTheBypassSample() throws Exception {
        NetworkSpec generated = SqueezeNetGenerator.generate(
                SqueezeNetMetaparameters.defaults().withSimpleBypass(true));
        assertThat(generated.nodes()).containsExactlyElementsOf(sample("squeezenet-v1.0-bypass").nodes());
    }

    @Test
    void defaultsGiveThePapersFireWidths() {
        assertThat(SqueezeNetGenerator.fireWidths(SqueezeNetMetaparameters.defaults())).containsExactly(
                new FireWidths(16, 64, 64), new FireWidths(16, 64, 64),
                new FireWidths(32, 128, 128), new FireWidths(32, 128, 128),
                new FireWidths(48, 192, 192), new FireWidths(48, 192, 192),
                new FireWidths(64, 256, 256), new FireWidths(64, 256, 256));
    }

    @ParameterizedTest(name = "e={0}, pct={1}, SR={2} -> s{3} e1 {4} e3 {5}")
    @CsvSource({
            // e3x3 = round(pct * e) half up, e1x1 = e - e3x3, s1x1 = max(1, round(SR * e))
            "128, 0.01, 0.125, 16, 127, 1",
            "128, 0.99, 0.125, 16, 1, 127",
            "128, 0.0, 0.125, 16, 128, 0",
            "128, 1.0, 0.125, 16, 0, 128",
            "5, 0.5, 0.1, 1, 2, 3",
            "3, 0.5, 0.01, 1, 1, 2",
            "100, 0.333, 0.75, 75, 67, 33"})
    void filterCountsRoundAsDocumented(int e, double pct, double sr, int s, int e1, int e3) {
        SqueezeNetMetaparameters m = SqueezeNetMetaparameters.defaults().withBaseE(e).withIncrE(0)
                .withPct3x3(pct).withSqueezeRatio(sr);
        FireWidths w = SqueezeNetGenerator.fireWidths(m).get(0);
        assertThat(w).isEqualTo(new FireWidths(s, e1, e3));
        assertThat(SqueezeNetGenerator.generate(m).size()).isEqualTo(17);
    }

    @Test
    void poolPositionsAndModuleCountShapeTheLayout() {
        NetworkSpec spec = SqueezeNetGenerator.generate(SqueezeNetMetaparameters.defaults()
                .withFireModules(4).withPoolAfter(List.of(1, 3, 5)).withClasses(10).withInputSize(64));
        assertThat(spec.nodes()).extracting(n -> n.id()).containsExactly("data", "conv1", "pool1", "fire2",
                "fire3", "pool3", "fire4", "fire5", "pool5", "drop5", "conv10", "pool10", "prob");
        assertThat(spec.node("conv10").orElseThrow().param("filters")).isEqualTo(10L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sr=0 | sr: SR is 0; the squeeze ratio must be greater than 0",
            "sr=-0.5 | sr: SR is -0.5",
            "pct=1.5 | pct_3x3: pct_3x3 is 1.5; it is a share of the expand filters, from 0 to 1",
            "pct=-0.1 | pct_3x3: pct_3x3 is -0.1",
            "freq=0 | freq: freq is 0; at least 1 Fire module must share each width",
            "base=0 | base_e: base_e is 0; the first Fire module needs at least 1 expand filter",
            "incr=-1 | incr_e: incr_e is -1",
            "fires=0 | fire_modules: fire_modules is 0",
            "classes=0 | classes: classes is 0",
            "pool=12 | pool_after: cannot pool after layer 12: pool positions are 1 (conv1) or 2..9",
            "pooldup=4 | pool_after: pool positions must be increasing and distinct, but 4 follows 4"})
    void invalidMetaparametersAreRefusedWithTheReason(String change, String message) {
        SqueezeNetMetaparameters d = SqueezeNetMetaparameters.defaults();
        String[] kv = change.split("=");
        double v = Double.parseDouble(kv[1]);
        SqueezeNetMetaparameters m = switch (kv[0]) {
            case "sr" -> d.withSqueezeRatio(v);
            case "pct" -> d.withPct3x3(v);
            case "freq" -> d.withFreq((int) v);
            case "base" -> d.withBaseE((int) v);
            case "incr" -> d.withIncrE((int) v);
            case "fires" -> d.withFireModules((int) v);
            case "classes" -> d.withClasses((int) v);
            case "pool" -> d.withPoolAfter(List.of(1, (int) v));
            case "pooldup" -> d.withPoolAfter(List.of(1, (int) v, (int) v));
            default -> throw new IllegalStateException(kv[0]);
        };
        assertThatThrownBy(() -> SqueezeNetGenerator.generate(m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aLayoutTheInputCannotCarryIsRefusedWithTheAnalysisReason() {
        SqueezeNetMetaparameters tiny = SqueezeNetMetaparameters.defaults().withInputSize(16);
        assertThatThrownBy(() -> SqueezeNetGenerator.generate(tiny)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("these metaparameters give no valid network: ");
    }

    @Test
    void theSmallTrunksDefaultsReproduceFashionSqueezenetExactly() throws Exception {
        NetworkSpec generated = SqueezeNetGenerator.generate(SqueezeNetMetaparameters.smallDefaults());
        assertThat(generated.nodes()).containsExactlyElementsOf(sample("fashion-squeezenet").nodes());
        assertThat(Analyzer.standard().analyze(generated).totals().paramTotal()).isEqualTo(61_834);
    }

    /**
     * Parameters of the small trunk by formula, independently of the generator: conv1 C x 9 x F (no bias), batch
     * norm 4 per channel (scale, shift, mean, variance) after conv1, after every Fire module a pool follows and
     * after the last one; a Fire module (cin -> s, e1, e3) cin s + s + s e1 + e1 + 9 s e3 + e3; conv10 e C + C.
     */
    @ParameterizedTest(name = "pct={0}, SR={1}, classes={2}, channels={3}, size={4}")
    @CsvSource({
            "0.5, 0.25, 10, 1, 28",
            "0.01, 0.25, 10, 1, 28",
            "0.99, 0.25, 3, 1, 28",
            "0.5, 0.125, 10, 1, 28",
            "0.5, 1.0, 10, 3, 32",
            "0.25, 0.75, 7, 3, 20"})
    void smallTrunkParametersFollowTheFormula(double pct, double sr, int classes, int channels, int size) {
        SqueezeNetMetaparameters m = SqueezeNetMetaparameters.smallDefaults().withPct3x3(pct).withSqueezeRatio(sr)
                .withClasses(classes).withInputChannels(channels).withInputSize(size);
        long expected = channels * 9L * 32 + 4 * 32;
        long cin = 32;
        int[] e = {64, 64, 128, 128};
        for (int i = 0; i < e.length; i++) {
            long e3 = Math.round(pct * e[i]);
            long e1 = e[i] - e3;
            long sq = Math.max(1, Math.round(sr * e[i]));
            expected += cin * sq + sq + sq * e1 + e1 + 9 * sq * e3 + e3;
            if (i == 1 || i == 3) {
                expected += 4L * e[i];   // bn3, bn5
            }
            cin = e[i];
        }
        expected += cin * classes + classes;
        var report = Analyzer.standard().analyze(SqueezeNetGenerator.generate(m));
        assertThat(report.isValid()).isTrue();
        assertThat(report.totals().paramTotal()).isEqualTo(expected);
        // two 2x2/2 pools: size / 4 (floor twice) before the global pool
        var fire5 = report.result("fire5").orElseThrow().output();
        assertThat(fire5).isEqualTo(new org.cnnworkbench.engine.model.Shape.FeatureMap(128, size / 2 / 2,
                size / 2 / 2));
        assertThat(report.result("prob").orElseThrow().output().toString()).contains(String.valueOf(classes));
    }

    @Test
    void theSmallTrunkPoolsWhereAskedAndNormalisesBeforeEachPool() {
        NetworkSpec spec = SqueezeNetGenerator.generate(SqueezeNetMetaparameters.smallDefaults()
                .withFireModules(3).withPoolAfter(List.of(2)));
        assertThat(spec.nodes().stream().map(n -> n.id()).toList()).containsExactly("data", "conv1", "bn1",
                "relu1", "fire2", "bn2", "pool2", "fire3", "fire4", "bn4", "drop4", "conv10", "pool10", "prob");
    }
}
