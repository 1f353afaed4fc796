package org.cnnworkbench.app.ui.view.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.junit.jupiter.api.Test;

/** The card texts, without the toolkit. */
class CardTextTest {

    private static String key(String kind, Map<String, ?> params) {
        return CardText.keyParams(Node.of("n", kind, List.of(), params), KindRegistry.standard().find(kind).orElse(null));
    }

    @Test
    void keyParametersSayWhatTheLayerDoesInAFewCharacters() {
        assertThat(key("conv", Map.of("filters", 96, "kernel", 7, "stride", 2))).isEqualTo("96 filters 7x7 /2");
        assertThat(key("conv", Map.of("filters", 64, "kernel", 3, "pad", 1))).isEqualTo("64 filters 3x3 pad 1");
        assertThat(key("conv", Map.of("filters", 8, "kernel", List.of(1, 7), "stride", List.of(2, 2))))
                .isEqualTo("8 filters 1x7 /2");
        assertThat(key("fire", Map.of("s1x1", 16, "e1x1", 64, "e3x3", 64))).isEqualTo("s16 e64+64");
        assertThat(key("fire", Map.of("s1x1", 16, "e1x1", 64, "e3x3", 64, "bypass", true)))
                .isEqualTo("s16 e64+64 bypass");
        assertThat(key("input", Map.of("channels", 3, "height", 227, "width", 227))).isEqualTo("3x227x227");
        assertThat(key("maxpool", Map.of("kernel", 3, "stride", 2, "rounding", "ceil"))).isEqualTo("3x3 /2 ceil");
        assertThat(key("fc", Map.of("units", 1000))).isEqualTo("1000 units");
        assertThat(key("dropout", Map.of())).isEqualTo("rate 0.5");
        assertThat(key("relu", Map.of())).isEmpty();
        assertThat(key("unknown-kind", Map.of("size", 5))).isEqualTo("size 5");
    }

    @Test
    void numbersUseThousandsSeparatorsAndADashWhenThereAreNone() {
        NetworkSpec spec = NetworkSpec.of("t", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", 3, "height", 227, "width", 227)),
                Node.of("conv1", "conv", List.of("data"), Map.of("filters", 96, "kernel", 7, "stride", 2)),
                Node.of("bad", "conv", List.of("conv1"), Map.of("filters", 8, "kernel", 500)),
                Node.of("after", "relu", List.of("bad"))));
        AnalysisReport report = Analyzer.standard().analyze(spec);
        assertThat(CardText.shape(report.result("conv1").orElseThrow())).isEqualTo("96x111x111");
        assertThat(CardText.params(report.result("conv1").orElseThrow())).isEqualTo("14,208 params");
        assertThat(CardText.shape(report.result("bad").orElseThrow())).isEqualTo("\u2014");
        assertThat(CardText.params(report.result("bad").orElseThrow())).isEqualTo("\u2014");
        assertThat(CardText.tooltip(report.result("bad").orElseThrow())).contains("bad");
        assertThat(CardText.tooltip(report.result("after").orElseThrow())).contains("upstream");
        assertThat(CardText.tooltip(report.result("conv1").orElseThrow())).isNull();
    }

    @Test
    void longTextsAreCutWithAnEllipsis() {
        assertThat(CardText.fit("short")).isEqualTo("short");
        assertThat(CardText.fit("a".repeat(40))).hasSize(CardText.MAX_CHARS).endsWith("\u2026");
    }
}
