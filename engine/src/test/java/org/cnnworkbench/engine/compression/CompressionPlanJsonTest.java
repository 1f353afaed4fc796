package org.cnnworkbench.engine.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cnnworkbench.engine.io.SourceLocation;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompressionPlanJsonTest {

    private static final String HEADER = "{\"format\": \"cnn-workbench-compression-plan\", \"version\": 1,\n";

    @Test
    void defaultPlanSurvivesAWriteAndReadInOrder() throws Exception {
        NetworkSpec spec = Samples.sample("squeezenet-v1.0");
        CompressionPlan plan = CompressionDefaults.forSpec(spec);

        CompressionPlan read = CompressionPlanJson.read(CompressionPlanJson.write(plan, spec.name()), "plan.json");

        assertThat(read).isEqualTo(plan);
        assertThat(List.copyOf(read.layers().keySet())).isEqualTo(List.copyOf(plan.layers().keySet()));
    }

    @Test
    void missingGapBitsTakesTheDefault() throws Exception {
        CompressionPlan plan = CompressionPlanJson.read(HEADER
                + "\"layers\": [{\"layer\": \"fc6\", \"density\": 0.09, \"bits\": 5}]}", "p.json");

        assertThat(plan.layer("fc6").orElseThrow()).isEqualTo(new LayerPlan("fc6", 0.09, 5, 4));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            density above 1   | {"layer": "fc6", "density": 1.5, "bits": 5}                | 2 | density 1.5 is outside (0, 1]
            zero density      | {"layer": "fc6", "density": 0, "bits": 5}                  | 2 | density 0.0 is outside (0, 1]
            bits 17           | {"layer": "fc6", "density": 0.1, "bits": 17}               | 2 | bits 17 is outside 1..16
            gap width 0       | {"layer": "fc6", "density": 0.1, "bits": 5, "gapBits": 0}  | 2 | gapBits 0 is outside 1..16
            fractional bits   | {"layer": "fc6", "density": 0.1, "bits": 5.5}              | 2 | needs "bits": a whole number of bits, not 5.5
            no density        | {"layer": "fc6", "bits": 5}                                | 2 | needs "density"
            no layer          | {"density": 0.1, "bits": 5}                                | 2 | without "layer"
            unknown field     | {"layer": "fc6", "density": 0.1, "bits": 5, "sparsity": 1} | 2 | unknown field "sparsity"
            """)
    void badLayerIsReportedWithItsLine(String what, String layer, int line, String message) {
        String text = HEADER + "\"layers\": [\n" + layer + "\n]}";

        assertThatThrownBy(() -> CompressionPlanJson.read(text, "p.json"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("p.json:3:1: ")
                .hasMessageContaining(message);
    }

    @Test
    void secondPlanOfTheSameLayerNamesTheFirst() {
        String text = HEADER + "\"layers\": [\n{\"layer\": \"fc6\", \"density\": 0.1, \"bits\": 5},\n"
                + "  {\"layer\": \"fc6\", \"density\": 0.2, \"bits\": 5}]}";

        assertThatThrownBy(() -> CompressionPlanJson.read(text, "p.json"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessage("p.json:4:3: layer \"fc6\" is planned a second time (the first is at line 3, column 1)");
    }

    @Test
    void malformedJsonGivesItsLineAndColumn() {
        SpecFormatException e = org.junit.jupiter.api.Assertions.assertThrows(SpecFormatException.class,
                () -> CompressionPlanJson.read(HEADER + "\"layers\": [,]}", "p.json"));

        assertThat(e.location()).isEqualTo(new SourceLocation(2, 12));
        assertThat(e.reason()).startsWith("malformed JSON");
    }

    @Test
    void networkSpecIsNotAPlan() {
        assertThatThrownBy(() -> CompressionPlanJson.read("{\"format\": \"cnn-workbench-network\", \"version\": 1,"
                + " \"layers\": []}", "alexnet.json"))
                .hasMessage("alexnet.json:1:12: not a compression plan: expected \"format\": "
                        + "\"cnn-workbench-compression-plan\"");
    }

    @Test
    void validationListsUnknownLayersLayersWithoutWeightsAndBadValues() {
        NetworkSpec alexnet = Samples.sample("alexnet");
        CompressionPlan plan = CompressionPlan.of(List.of(new LayerPlan("fc9", 0.1, 5, 4),
                new LayerPlan("pool1", 0.5, 8, 4), new LayerPlan("fc6", 0.1, 40, 4)));

        assertThat(plan.validate(alexnet)).extracting(Object::toString).containsExactly(
                "fc9: not a layer of alexnet; the compressible layers are conv1, conv2, conv3, conv4, conv5, fc6, "
                        + "fc7, fc8",
                "pool1: has no weights to compress in alexnet; only convolutions and fully connected layers are "
                        + "planned",
                "fc6: bits 40 is outside 1..16 (the width of a shared-weight index) and is not 32 (weights kept as "
                        + "32-bit floats)");
    }

    @Test
    void nestingDeeperThanTheLimitIsReportedWithItsLineAndColumn() {
        String deep = HEADER + "\"network\": " + "[".repeat(5000) + "]".repeat(5000) + ", \"layers\": []}";

        assertThatThrownBy(() -> CompressionPlanJson.read(deep, "deep.json"))
                .isInstanceOfSatisfying(SpecFormatException.class, e -> {
                    assertThat(e.location()).isEqualTo(new SourceLocation(2, 1011));
                    assertThat(e.getMessage()).startsWith("deep.json:2:1011: malformed JSON").contains("nesting depth");
                });
    }
}
