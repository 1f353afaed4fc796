package org.cnnworkbench.engine.io.prototxt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.plugin.ExportException;
import org.cnnworkbench.engine.plugin.ExportRequest;
import org.cnnworkbench.engine.plugin.NetworkExporter;
import org.cnnworkbench.engine.plugin.Plugins;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrototxtExporterTest {

    private static final KindRegistry KINDS = KindRegistry.standard();

    private static NetworkSpec sample(String name) throws Exception {
        return NetworkJson.read(Nets.SAMPLES.resolve(name + ".json")).spec();
    }

    @Test
    void theExporterIsAmongTheInstalledExporters() {
        assertThat(Plugins.installed().exporters()).extracting(NetworkExporter::id, NetworkExporter::label,
                NetworkExporter::fileExtension).contains(org.assertj.core.groups.Tuple.tuple("prototxt",
                "Caffe prototxt", "prototxt"));
    }

    @Test
    void writesADeployNetworkWithFireModulesAsCaffeNamedLayers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sq.prototxt");

        new PrototxtExporter().export(ExportRequest.of(sample("squeezenet-v1.0"), KINDS), file);

        String text = Files.readString(file);
        assertThat(text).contains("name: \"squeezenet-v1.0\"\n", """
                layer {
                  name: "data"
                  type: "Input"
                  top: "data"
                  input_param {
                    shape {
                      dim: 1
                      dim: 3
                      dim: 227
                      dim: 227
                    }
                  }
                }
                """, """
                layer {
                  name: "fire2/relu_squeeze1x1"
                  type: "ReLU"
                  bottom: "fire2/squeeze1x1"
                  top: "fire2/squeeze1x1"
                }
                """, "name: \"relu_conv1\"", "pool: MAX\n    kernel_size: 3\n    stride: 2\n");
        assertThat(text).doesNotContain("round_mode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"squeezenet-v1.0", "squeezenet-v1.0-bypass", "squeezenet-v1.1", "alexnet", "nin", "vgg16",
            "fashion-squeezenet", "fashion-alexnet"})
    void everySampleImportsBackAsItself(String name) throws Exception {
        NetworkSpec spec = sample(name);

        NetworkSpec back = PrototxtImporter.standard().read(PrototxtExporter.toText(spec, KINDS), "x", "x").spec();

        assertThat(Normalised.of(back, KINDS)).isEqualTo(Normalised.of(spec, KINDS));
    }

    @Test
    void aConvdetHeadIsWrittenAsItsConvolutionAfterACommentNamingClassesAndAnchors() throws Exception {
        String text = PrototxtExporter.toText(sample("squeezedet"), KINDS);

        assertThat(text).contains("""
                # convdet head 'conv12': 3 classes, 9 anchors [width, height] [[36, 37], [366, 174], [115, 59], \
                [162, 87], [38, 90], [258, 173], [224, 108], [78, 170], [72, 43]]; per anchor x, y, w, h, confidence, \
                class scores (Caffe has no ConvDet layer: this is its convolution)
                layer {
                  name: "conv12"
                  type: "Convolution"
                  bottom: "drop11"
                  top: "conv12"
                  convolution_param {
                    num_output: 72
                    pad: 1
                    kernel_size: 3
                  }
                }
                """);
    }

    @Test
    void aConvdetHeadImportsBackAsAConvolutionWithoutItsAnchors() throws Exception {
        NetworkSpec spec = sample("squeezedet");

        NetworkSpec back = PrototxtImporter.standard().read(PrototxtExporter.toText(spec, KINDS), "x", "x").spec();

        Node head = back.node("conv12").orElseThrow();
        assertThat(head.kind()).isEqualTo("conv");
        assertThat(head.params()).containsEntry("filters", 72L).containsEntry("kernel", 3L).containsEntry("pad", 1L)
                .doesNotContainKey("anchors");
        assertThat(new Analyzer(KINDS).analyze(back).totals().paramTotal())
                .isEqualTo(new Analyzer(KINDS).analyze(spec).totals().paramTotal());
    }

    @Test
    void aNetworkTheFormatCannotExpressIsRefusedNamingTheNode() {
        Node data = Node.of("data", "input", List.of(), Map.of("channels", 3, "height", 8, "width", 8));
        KindRegistry noMapping = KindRegistry.of(List.of(KINDS.unit("input").orElseThrow(),
                LayerKind.of(KINDS.find("relu").orElseThrow()).fromPlugin("p")));

        assertThatThrownBy(() -> PrototxtExporter.toText(NetworkSpec.of("n", List.of(data,
                Node.of("x", "mystery", List.of("data")))), KINDS)).isInstanceOf(ExportException.class)
                .hasMessageContaining("node 'x' has the kind 'mystery', which is not installed");
        assertThatThrownBy(() -> PrototxtExporter.toText(NetworkSpec.of("n", List.of(data,
                Node.of("r", "relu", List.of("data")))), noMapping)).isInstanceOf(ExportException.class)
                .hasMessageContaining("node 'r' has the kind 'relu' (plugin 'p'), which has no Caffe mapping");
        assertThatThrownBy(() -> PrototxtExporter.toText(NetworkSpec.of("n", List.of(data,
                Node.of("c", "conv", List.of("data"), Map.of("kernel", 3)))), KINDS))
                .isInstanceOf(ExportException.class).hasMessageContaining("node 'c' (conv) has invalid parameters: "
                        + "missing required parameter 'filters'");
        assertThatThrownBy(() -> PrototxtExporter.toText(NetworkSpec.of("n", List.of(data,
                Node.of("a", "relu", List.of("b")), Node.of("b", "relu", List.of("a")))), KINDS))
                .isInstanceOf(ExportException.class).hasMessageContaining("a, b are on or after a cycle");
        assertThatThrownBy(() -> PrototxtExporter.toText(NetworkSpec.of("n", List.of(data,
                Node.of("a", "relu", List.of("ghost")))), KINDS))
                .isInstanceOf(ExportException.class).hasMessageContaining("'ghost', which does not exist");
    }
}
