package org.cnnworkbench.app.ui.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.ParamSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParamTextTest {

    private static ParamSpec param(String kind, String name) {
        return KindRegistry.standard().find(kind).orElseThrow().parameters().stream()
                .filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "conv | filters | 96     | 96",
        "conv | filters | 1,024  | 1024",
        "conv | kernel  | 3x5    | [3, 5]",
        "conv | kernel  | [7, 7] | 7",
        "conv | bias    | FALSE  | false",
        "lrn  | alpha   | 1e-4   | 1.0E-4",
        "pool | rounding| ceil   | ceil"})
    void acceptedTextBecomesItsValue(String kind, String name, String text, String expected) {
        String k = kind.equals("pool") ? "maxpool" : kind;
        ParamText.Parsed parsed = ParamText.parse(param(k, name.strip()), text);
        assertThat(parsed.ok()).isTrue();
        assertThat(String.valueOf(parsed.value())).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "filters | 0    | expected a whole number >= 1",
        "filters | abc  | is not a whole number >= 1",
        "filters | 9.5  | is not a whole number >= 1",
        "kernel  | 3x0  | is not valid",
        "filters | ''   | filters is required"})
    void refusedTextSaysWhy(String name, String text, String reason) {
        ParamText.Parsed parsed = ParamText.parse(param("conv", name.strip()), text);
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.error()).contains(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"stride | ''"})
    void emptyTextOfAnOptionalParameterMeansDefault(String name, String text) {
        ParamText.Parsed parsed = ParamText.parse(param("conv", name.strip()), text);
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.value()).isNull();
        assertThat(ParamText.format(List.of(3L, 5L))).isEqualTo("3x5");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "36x37, 366x174             | [[36, 37], [366, 174]]",
        "36 x 37; 2.5X4             | [[36, 37], [2.5, 4]]",
        "[[36, 37], [366.5, 174]]   | [[36, 37], [366.5, 174]]",
        "[36,37],[1e-3,2]           | [[36, 37], [0.001, 2]]",
        "72x43                      | [[72, 43]]"})
    void sizeListsAreReadInTheWidthByHeightAndTheJsonForm(String text, String expected) {
        ParamText.Parsed parsed = ParamText.parse(param("convdet", "anchors"), text);
        assertThat(parsed.ok()).as(parsed.error()).isTrue();
        assertThat(String.valueOf(parsed.value())).isEqualTo(expected);
        assertThat(ParamText.parse(param("convdet", "anchors"), ParamText.format(parsed.value())).value())
                .as("shown back in a form that reads as the same value").isEqualTo(parsed.value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "36x37, 0x5          | size 2 of 2, '0x5', is not width x height of positive numbers",
        "36x37, 40           | size 2 of 2, '40', is not width x height",
        "abc                 | size 1 of 1, 'abc'",
        "[[36, 37], [5]]     | could not read it from '[5]' on",
        "[[36, 37, 38]]      | could not read it from"})
    void aWrongSizeIsNamed(String text, String reason) {
        ParamText.Parsed parsed = ParamText.parse(param("convdet", "anchors"), text);
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.error()).contains(reason);
    }

    @org.junit.jupiter.api.Test
    void sizeListsAreShownAsWidthByHeight() {
        assertThat(ParamText.format(List.of(List.of(36L, 37L), List.of(366.5, 174L)))).isEqualTo("36x37, 366.5x174");
        assertThat(ParamText.format(List.of(List.of(36L, 37L), List.of(3L, 4L)))).isEqualTo("36x37, 3x4");
    }
}
