package org.cnnworkbench.engine.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.api.Test;

/** The {@link ParamType#SIZE_LIST} parameter type: what it accepts, how it refuses, how it is written. */
class SizeListParamTest {

    private static final ParamSpec ANCHORS = ParamSpec.sizeList("anchors", null, "anchor shapes");

    private static Params.Resolution resolve(Object value) {
        return Params.resolve(List.of(ANCHORS), Map.of("anchors", value));
    }

    @Test
    void wholeNumbersAndDecimalsAreSizesWidthFirst() {
        Params.Resolution r = resolve(List.of(List.of(36L, 37L), List.of(366.5, 174L)));

        assertThat(r.problems()).isEmpty();
        assertThat(r.params().sizes("anchors")).containsExactly(new BoxSize(36, 37), new BoxSize(366.5, 174));
    }

    @Test
    void aWrongElementIsNamedByItsPosition() {
        assertThat(resolve(List.of(List.of(36L, 37L), List.of(0L, 5L))).problems()).singleElement().asString()
                .contains("parameter 'anchors' = [[36, 37], [0, 5]] is not valid")
                .contains("element 2 of 2, [0, 5], is not a [width, height] pair of positive numbers");
        assertThat(resolve(List.of(List.of(36L, 37L, 38L))).problems()).singleElement().asString()
                .contains("element 1 of 1, [36, 37, 38], is not a [width, height] pair");
        assertThat(resolve(List.of(List.of(3L, 4L), 5L)).problems()).singleElement().asString()
                .contains("element 2 of 2, 5, is not a [width, height] pair");
        assertThat(resolve(List.of(List.of("a", 4L))).problems()).singleElement().asString()
                .contains("element 1 of 1");
    }

    @Test
    void anEmptyListOrASingleValueIsRefusedSayingSo() {
        assertThat(resolve(List.of()).problems()).singleElement().asString()
                .contains("a non-empty list of [width, height] pairs").endsWith("the list is empty");
        assertThat(resolve(36L).problems()).singleElement().asString()
                .endsWith("a single value is not a list of sizes");
    }

    @Test
    void aMissingRequiredListSaysWhatIsAccepted() {
        assertThat(Params.resolve(List.of(ANCHORS), Map.of()).problems()).singleElement().asString()
                .contains("missing required parameter 'anchors'").contains("e.g. [[36, 37], [366, 174]]");
    }

    @Test
    void aDefaultListIsWrittenAsASpecFileHoldsIt() {
        ParamSpec spec = ParamSpec.sizeList("anchors", List.of(new BoxSize(36, 37), new BoxSize(2.5, 4)), "a");

        assertThat(spec.defaultValue()).isEqualTo(List.of(List.of(36L, 37L), List.of(2.5, 4L)));
        assertThat(Params.resolve(List.of(spec), Map.of()).params().sizes("anchors"))
                .containsExactly(new BoxSize(36, 37), new BoxSize(2.5, 4));
        assertThatThrownBy(() -> ParamSpec.sizeList("anchors", List.of(), "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one size");
    }

    @Test
    void sizesPrintAsJsonReadyToPaste() {
        assertThat(BoxSize.json(List.of(new BoxSize(36, 37), new BoxSize(366.5, 174))))
                .isEqualTo("[[36, 37], [366.5, 174]]");
        assertThat(new BoxSize(36, 37.25)).hasToString("36x37.25");
        assertThatThrownBy(() -> new BoxSize(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSizeListSurvivesSaveAndLoadByteForByte() throws Exception {
        NetworkSpec spec = Nets.layerSpec("convdet", "anchors=[[36,37],[366.5,174],[1e-3,2]]", "8x4x4");

        String written = NetworkJson.write(spec);
        NetworkSpec read = NetworkJson.read(written, "x.json").spec();

        assertThat(written).contains("\"anchors\":[[36,37],[366.5,174],[0.001,2]]");
        assertThat(read).isEqualTo(spec);
        assertThat(NetworkJson.write(read)).isEqualTo(written);
    }
}
