package org.cnnworkbench.engine.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Local and global changes of SqueezeNet v1.0, and pairs that cannot be compared. */
class ChangeClassificationTest {

    static NetworkSpec squeezenet;

    @BeforeAll
    static void load() throws Exception {
        squeezenet = NetworkJson.read(Nets.SAMPLES.resolve("squeezenet-v1.0.json")).spec();
    }

    static AnalysisReport analyze(NetworkSpec spec) {
        return Analyzer.standard().analyze(spec);
    }

    static NetworkSpec edit(NetworkSpec spec, String id, String param, Object value) {
        return spec.withNode(spec.node(id).orElseThrow().withParam(param, value));
    }

    @ParameterizedTest(name = "{0}.{1} = {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # layer | parameter | value | type   | affected layers
            conv1   | filters   | 128   | LOCAL  | conv1 pool1 fire2
            fire5   | e3x3      | 256   | LOCAL  | fire5 fire6
            conv10  | filters   | 4000  | LOCAL  | conv10 pool10 prob
            conv1   | stride    | 1     | GLOBAL | conv1 pool1 fire2 fire3 fire4 pool4 fire5 fire6 fire7 fire8 pool8 fire9 drop9 conv10
            data    | height    | 454   | GLOBAL | data conv1 pool1 fire2 fire3 fire4 pool4 fire5 fire6 fire7 fire8 pool8 fire9 drop9 conv10
            """)
    void squeezenetEditsAreClassifiedByHowFarTheyReach(String id, String param, long value, ChangeType type,
                                                      String affected) {
        Comparison c = NetworkComparator.compare(analyze(squeezenet), analyze(edit(squeezenet, id, param, value)));
        assertThat(c.type()).isEqualTo(type);
        assertThat(c.editedLayers()).containsExactly(id);
        assertThat(c.affectedLayers()).containsExactly(affected.split(" "));
        assertThat(c.explanation()).startsWith(type == ChangeType.LOCAL ? "Local change" : "Global change");
    }

    @Test
    void largerInputImageIsGlobalAndMultipliesComputation() {
        NetworkSpec larger = edit(edit(squeezenet, "data", "height", 454), "data", "width", 454);
        Comparison c = NetworkComparator.compare(analyze(squeezenet), analyze(larger));
        assertThat(c.type()).isEqualTo(ChangeType.GLOBAL);
        assertThat(c.paramsRatio()).isEqualTo(1.0);
        assertThat(c.macsRatio()).isGreaterThan(3.9);
        assertThat(c.explanation()).contains("height x width");
    }

    @Test
    void fireModulesCountTheirConvolutionsAsOutput() {
        NetworkMetrics m = NetworkMetrics.of(analyze(squeezenet));
        // every activation except the input image, the pools, the fire concatenations and the softmax
        assertThat(m.convActivations()).isLessThan(m.activations()).isPositive();
        NodeSums sums = NodeSums.of(analyze(squeezenet));
        assertThat(m.convActivations()).isEqualTo(sums.conv + sums.fireActivations - sums.fireOutputs);
    }

    record NodeSums(long conv, long fireActivations, long fireOutputs) {
        static NodeSums of(AnalysisReport r) {
            long conv = 0, fire = 0, out = 0;
            for (var n : r.layers()) {
                if (n.kind().equals("conv")) {
                    conv += n.activations();
                } else if (n.kind().equals("fire")) {
                    fire += n.activations();
                    out += n.output().elements();
                }
            }
            return new NodeSums(conv, fire, out);
        }
    }

    @Test
    void identicalNetworksShowNoChange() {
        Comparison c = NetworkComparator.compare(analyze(squeezenet), analyze(squeezenet));
        assertThat(c.type()).isEqualTo(ChangeType.NONE);
        assertThat(c.changedLayers()).isEmpty();
        assertThat(c.macsRatio()).isEqualTo(1.0);
    }

    @Test
    void removedLayerIsListedWhereItStood() {
        NetworkSpec noPool = squeezenet.withoutNode("pool4")
                .withNode(squeezenet.node("fire5").orElseThrow().withInputs(List.of("fire4")));
        Comparison c = NetworkComparator.compare(analyze(squeezenet), analyze(noPool));
        assertThat(c.type()).isEqualTo(ChangeType.GLOBAL);
        LayerChange removed = c.changedLayers().get(0);
        assertThat(removed.id()).isEqualTo("pool4");
        assertThat(removed.status()).isEqualTo(LayerChange.Status.REMOVED);
        assertThat(removed.outputAfter()).isNull();
        assertThat(c.changedLayers().get(1).id()).isEqualTo("fire5");
    }

    @Test
    void invalidNetworkCannotBeComparedAndTheFirstErrorIsNamed() {
        NetworkSpec broken = edit(squeezenet, "conv1", "kernel", 500);
        assertThatThrownBy(() -> NetworkComparator.compare(analyze(squeezenet), analyze(broken)))
                .isInstanceOf(IncomparableNetworksException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("second network 'squeezenet-v1.0' has errors")
                .hasMessageContaining("conv1");
    }

    @Test
    void networksWithoutACommonLayerIdCannotBeCompared() {
        NetworkSpec other = NetworkSpec.of("tiny", List.of(
                Node.of("image", "input", List.of(), java.util.Map.of("channels", 3, "height", 32, "width", 32)),
                Node.of("c", "conv", List.of("image"), java.util.Map.of("filters", 8, "kernel", 3))));
        assertThatThrownBy(() -> NetworkComparator.compare(analyze(squeezenet), analyze(other)))
                .isInstanceOf(IncomparableNetworksException.class)
                .hasMessage("'squeezenet-v1.0' and 'tiny' have no layer id in common, and a comparison matches "
                        + "layers by id (data, conv1, pool1, ... vs image, c)");
    }
}
