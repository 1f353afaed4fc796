package org.cnnworkbench.engine.io.prototxt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.kinds.Arity;
import org.cnnworkbench.engine.kinds.BaseKind;
import org.cnnworkbench.engine.kinds.Category;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.kinds.ParamSpec;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;
import org.junit.jupiter.api.Test;

class PrototxtImporterTest {

    private static final KindRegistry KINDS = KindRegistry.standard();
    private static final String INPUT = "input: \"data\"\ninput_shape { dim: 1 dim: 3 dim: 32 dim: 32 }\n";

    private static PrototxtImport read(String text) throws SpecFormatException {
        return PrototxtImporter.standard().read(text, "n.prototxt", "n");
    }

    private static String layer(String name, String type, String bottom, String top, String body) {
        return "layer { name: \"" + name + "\" type: \"" + type + "\" bottom: \"" + bottom + "\" top: \"" + top
                + "\" " + body + " }\n";
    }

    @Test
    void anUnsupportedLayerIsListedWithItsLineAndTheRestImports() throws Exception {
        PrototxtImport imported = read(INPUT
                + layer("conv1", "Convolution", "data", "conv1", "convolution_param { num_output: 8 kernel_size: 3 }")
                + layer("up", "Deconvolution", "conv1", "up", "")
                + layer("conv2", "Convolution", "up", "conv2", "convolution_param { num_output: 8 kernel_size: 1 }"));

        assertThat(imported.skipped()).singleElement().satisfies(s -> {
            assertThat(s.layer()).isEqualTo("up");
            assertThat(s.location().line()).isEqualTo(4);
            assertThat(s.describe("n.prototxt")).isEqualTo("n.prototxt:4:1: skipped layer 'up' (Deconvolution): "
                    + "no installed kind imports the Caffe type 'Deconvolution'");
        });
        NetworkSpec spec = imported.spec();
        assertThat(spec.node("conv2").orElseThrow().inputs()).containsExactly("up");
        assertThat(new Analyzer(KINDS).analyze(spec).diagnostics()).anySatisfy(d ->
                assertThat(d.message()).contains("input 'up' does not exist"));
        assertThat(imported.toLoadedNetwork().warnings()).containsExactly(imported.skipped().get(0)
                .describe("n.prototxt"));
        assertThat(imported.toLoadedNetwork().locationOf("conv2").line()).isEqualTo(5);
    }

    @Test
    void aSkippedLayerThatKeepsTheShapeIsBridged() throws Exception {
        PrototxtImport imported = read(INPUT
                + layer("act", "PReLU", "data", "act", "")
                + layer("pool", "Pooling", "act", "pool", "pooling_param { pool: MAX kernel_size: 2 stride: 2 }"));

        assertThat(imported.spec().node("pool").orElseThrow().inputs()).containsExactly("data");
        assertThat(imported.skipped().get(0).reason()).contains("take its input 'data' instead");
    }

    @Test
    void unsupportedVariantsOfKnownTypesSayWhy() throws Exception {
        PrototxtImport imported = read(INPUT
                + layer("prod", "Eltwise", "data\" bottom: \"data", "prod", "eltwise_param { operation: PROD }")
                + layer("gmax", "Pooling", "data", "gmax", "pooling_param { pool: MAX global_pooling: true }")
                + layer("leaky", "ReLU", "data", "leaky", "relu_param { negative_slope: 0.1 }")
                + layer("sig", "Sigmoid", "data", "sig", ""));

        assertThat(imported.skipped()).extracting(PrototxtImport.Skipped::reason).containsExactly(
                "Eltwise PROD has no kind (only SUM imports, as add)",
                "global max pooling has no kind (global average pooling imports as globalavgpool)",
                "a leaky ReLU (negative_slope) has no kind; the layers after it take its input 'data' instead",
                "no installed kind imports the Caffe type 'Sigmoid'; the layers after it take its input 'data' instead");
    }

    @Test
    void inPlaceLayersAreFoldedAndActivationsFusedOnlyWhereTheyCanBe() throws Exception {
        NetworkSpec spec = read(INPUT
                + layer("conv1", "Convolution", "data", "conv1", "convolution_param { num_output: 8 kernel_size: 3 }")
                + layer("bn1", "BatchNorm", "conv1", "conv1", "batch_norm_param { eps: 0.001 }")
                + layer("scale1", "Scale", "conv1", "conv1", "scale_param { bias_term: true }")
                + layer("relu1", "ReLU", "conv1", "conv1", "")
                + layer("fc", "InnerProduct", "conv1", "fc", "inner_product_param { num_output: 10 bias_term: false }")
                + layer("tanh", "TanH", "fc", "fc", "")
                + layer("relu2", "ReLU", "fc", "out", "")).spec();

        assertThat(spec.nodes()).extracting(Node::id).containsExactly("data", "conv1", "bn1", "relu1", "fc", "relu2");
        assertThat(spec.node("conv1").orElseThrow().params()).doesNotContainKey("activation");
        assertThat(spec.node("bn1").orElseThrow().params()).isEqualTo(Map.of("epsilon", 0.001));
        assertThat(spec.node("relu1").orElseThrow().inputs()).containsExactly("bn1");
        assertThat(spec.node("fc").orElseThrow().inputs()).containsExactly("relu1");
        assertThat(spec.node("fc").orElseThrow().params()).containsEntry("activation", "tanh")
                .containsEntry("bias", false);
        assertThat(spec.node("relu2").orElseThrow().inputs()).containsExactly("fc");
    }

    @Test
    void anActivationIsNotFusedIntoANodeThatSomethingAlreadyReads() throws Exception {
        NetworkSpec spec = read(INPUT
                + layer("conv1", "Convolution", "data", "conv1", "convolution_param { num_output: 8 kernel_size: 1 }")
                + layer("side", "Pooling", "conv1", "side", "pooling_param { pool: AVE kernel_size: 2 }")
                + layer("relu1", "ReLU", "conv1", "conv1", "")).spec();

        assertThat(spec.node("relu1").orElseThrow().kind()).isEqualTo("relu");
        assertThat(spec.node("side").orElseThrow().params()).containsEntry("rounding", "ceil");
    }

    @Test
    void aScaleWithoutABatchNormBeforeItIsSkipped() throws Exception {
        PrototxtImport imported = read(INPUT + layer("scale", "Scale", "data", "data", ""));

        assertThat(imported.skipped()).singleElement().extracting(PrototxtImport.Skipped::reason).asString()
                .startsWith("a Scale layer imports only right after a BatchNorm");
    }

    @Test
    void dataLayersGiveTheInputShapeFromTheCropAndSayWhatWasAssumed() throws Exception {
        PrototxtImport imported = read("layer { name: \"data\" type: \"Data\" top: \"data\" top: \"label\" "
                + "transform_param { crop_size: 227 } include { phase: TEST } }\n"
                + "layer { name: \"raw\" type: \"ImageData\" top: \"raw\" image_data_param { is_color: false } "
                + "exclude { phase: TRAIN } }\n"
                + "layer { name: \"train\" type: \"Data\" top: \"t\" exclude { phase: TEST } }\n");

        assertThat(imported.spec().node("data").orElseThrow().params())
                .isEqualTo(Map.of("channels", 3L, "height", 227L, "width", 227L));
        assertThat(imported.spec().node("raw").orElseThrow().params()).isEqualTo(Map.of("channels", 1L));
        assertThat(imported.warnings()).hasSize(2);
        assertThat(imported.warnings().get(1)).startsWith("n.prototxt:2:1: layer 'raw' (ImageData): it states no "
                + "crop_size");
        assertThat(imported.skipped()).extracting(PrototxtImport.Skipped::layer).containsExactly("train");
    }

    @Test
    void theOldFormatsTopLevelInputDimsAndUpperCaseTypesImport() throws Exception {
        NetworkSpec spec = read("name: \"old\"\ninput: \"img\"\ninput_dim: 1 input_dim: 1 input_dim: 28 input_dim: 28\n"
                + "layers { name: \"ip\" type: INNER_PRODUCT bottom: \"img\" top: \"ip\" inner_product_param { "
                + "num_output: 10 } }\nlayers { name: \"p\" type: SOFTMAX bottom: \"ip\" top: \"p\" }\n").spec();

        assertThat(spec.name()).isEqualTo("old");
        assertThat(spec.nodes()).extracting(Node::kind).containsExactly("input", "fc", "softmax");
        assertThat(new Analyzer(KINDS).analyze(spec).totals().paramTotal()).isEqualTo(28 * 28 * 10 + 10);
    }

    @Test
    void aFileThatIsNoNetworkIsRefused() {
        assertThatThrownBy(() -> read("base_lr: 0.01\nnet: \"train.prototxt\"\n"))
                .isInstanceOf(SpecFormatException.class).hasMessageContaining("solver");
        assertThatThrownBy(() -> read("")).isInstanceOf(SpecFormatException.class)
                .hasMessageContaining("no layer { ... } blocks");
        assertThatThrownBy(() -> read(INPUT + layer("c", "Convolution", "data", "c",
                "convolution_param { num_output: 8.5 kernel_size: 3 }")))
                .isInstanceOf(SpecFormatException.class).hasMessageStartingWith("n.prototxt:3:");
    }

    /** A plugin's kind that claims the convolutions with one group per channel, before the built-in conv. */
    static final class DepthwiseKind extends BaseKind {
        DepthwiseKind() {
            super("depthwise", Category.CONVOLUTION, "per-channel convolution", Arity.exactlyOne(),
                    ParamSpec.intPair("kernel", null, 1, "window"));
        }

        @Override
        public Shape outputShape(Params p, List<Shape> inputs) {
            return inputs.get(0);
        }
    }

    @Test
    void aPluginsMappingIsAskedBeforeTheBuiltInOnes() throws Exception {
        CaffeMapping depthwise = new CaffeMapping() {
            @Override
            public Set<String> caffeTypes() {
                return Set.of("Convolution");
            }

            @Override
            public Optional<List<Node>> importLayer(CaffeLayer layer, ImportContext context)
                    throws SpecFormatException {
                ProtoMessage p = layer.param("convolution_param");
                if (p.integer("group", 1) == 1 || p.integer("group", 1) != p.integer("num_output", 0)) {
                    return Optional.empty();
                }
                return Optional.of(List.of(Node.of(context.newId(layer), "depthwise", context.inputs(layer),
                        Map.of("kernel", p.integers("kernel_size").get(0)))));
            }

            @Override
            public List<CaffeLayer> exportNode(Node node, Params params, ExportContext context) {
                return List.of();
            }
        };
        KindRegistry kinds = KINDS.with(LayerKind.of(new DepthwiseKind()).withBridge(CaffeMapping.class, depthwise)
                .fromPlugin("dw"));

        NetworkSpec spec = new PrototxtImporter(kinds, PrototxtImporter.Options.DEFAULT).read(INPUT
                + layer("dw", "Convolution", "data", "dw", "convolution_param { num_output: 3 group: 3 kernel_size: 3 }")
                + layer("pw", "Convolution", "dw", "pw", "convolution_param { num_output: 8 kernel_size: 1 }"),
                "n", "n").spec();

        assertThat(spec.node("dw").orElseThrow().kind()).isEqualTo("depthwise");
        assertThat(spec.node("dw").orElseThrow().plugin()).isEqualTo("dw");
        assertThat(spec.node("pw").orElseThrow().kind()).isEqualTo("conv");
    }
}
