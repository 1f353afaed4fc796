package org.cnnworkbench.engine.io.prototxt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The published networks, written as Caffe prototxt from their papers and released models
 * (src/test/resources/prototxt, each citing its source), open with the output shapes and parameter counts that
 * Caffe gives for them: Caffe's ceil rounding of pooling included (SqueezeNet v1.0's pool1 is 55x55, not 54x54).
 */
class PublishedNetworksTest {

    private static final Path DIR = Path.of("src", "test", "resources", "prototxt");
    private static final KindRegistry KINDS = KindRegistry.standard();

    static PrototxtImport load(String file, boolean fire) throws SpecFormatException {
        return new PrototxtImporter(KINDS, new PrototxtImporter.Options(fire)).read(DIR.resolve(file));
    }

    static AnalysisReport analyse(PrototxtImport imported) {
        return new Analyzer(KINDS).analyze(imported.spec());
    }

    @ParameterizedTest(name = "{0}: {1} parameters")
    @CsvSource({
            "squeezenet-v1.0-deploy.prototxt, 1248424",
            "squeezenet-v1.1-deploy.prototxt, 1235496",
            "bvlc-alexnet-deploy.prototxt, 60965224",
            "nin-imagenet-train-val.prototxt, 7595176"})
    void publishedNetworksHaveTheirPublishedParameterCounts(String file, long params) throws Exception {
        for (boolean fire : new boolean[] {true, false}) {
            AnalysisReport report = analyse(load(file, fire));

            assertThat(report.isValid()).as(report.diagnostics().toString()).isTrue();
            assertThat(report.totals().paramTotal()).isEqualTo(params);
        }
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "squeezenet-v1.0-deploy.prototxt, conv1, 96x111x111",
            "squeezenet-v1.0-deploy.prototxt, pool1, 96x55x55",
            "squeezenet-v1.0-deploy.prototxt, fire2, 128x55x55",
            "squeezenet-v1.0-deploy.prototxt, fire4, 256x55x55",
            "squeezenet-v1.0-deploy.prototxt, pool4, 256x27x27",
            "squeezenet-v1.0-deploy.prototxt, pool8, 512x13x13",
            "squeezenet-v1.0-deploy.prototxt, fire9, 512x13x13",
            "squeezenet-v1.0-deploy.prototxt, drop9, 512x13x13",
            "squeezenet-v1.0-deploy.prototxt, conv10, 1000x15x15",
            "squeezenet-v1.0-deploy.prototxt, pool10, 1000x1x1",
            "squeezenet-v1.0-deploy.prototxt, prob, 1000x1x1",
            "squeezenet-v1.1-deploy.prototxt, conv1, 64x113x113",
            "squeezenet-v1.1-deploy.prototxt, pool1, 64x56x56",
            "squeezenet-v1.1-deploy.prototxt, fire3, 128x56x56",
            "squeezenet-v1.1-deploy.prototxt, pool3, 128x28x28",
            "squeezenet-v1.1-deploy.prototxt, pool5, 256x14x14",
            "squeezenet-v1.1-deploy.prototxt, fire9, 512x14x14",
            "squeezenet-v1.1-deploy.prototxt, conv10, 1000x14x14",
            "bvlc-alexnet-deploy.prototxt, conv1, 96x55x55",
            "bvlc-alexnet-deploy.prototxt, norm1, 96x55x55",
            "bvlc-alexnet-deploy.prototxt, pool1, 96x27x27",
            "bvlc-alexnet-deploy.prototxt, conv2, 256x27x27",
            "bvlc-alexnet-deploy.prototxt, pool2, 256x13x13",
            "bvlc-alexnet-deploy.prototxt, conv5, 256x13x13",
            "bvlc-alexnet-deploy.prototxt, pool5, 256x6x6",
            "bvlc-alexnet-deploy.prototxt, fc6, v4096",
            "bvlc-alexnet-deploy.prototxt, drop7, v4096",
            "bvlc-alexnet-deploy.prototxt, prob, v1000",
            "nin-imagenet-train-val.prototxt, data, 3x224x224",
            "nin-imagenet-train-val.prototxt, conv1, 96x54x54",
            "nin-imagenet-train-val.prototxt, pool0, 96x27x27",
            "nin-imagenet-train-val.prototxt, pool2, 256x13x13",
            "nin-imagenet-train-val.prototxt, pool3, 384x6x6",
            "nin-imagenet-train-val.prototxt, cccp8-1024, 1000x6x6",
            "nin-imagenet-train-val.prototxt, pool4, 1000x1x1"})
    void layersHaveTheOutputShapesCaffeGives(String file, String layer, String shape) throws Exception {
        assertThat(analyse(load(file, true)).result(layer).orElseThrow().output()).isEqualTo(Nets.shape(shape));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "squeezenet-v1.0-deploy.prototxt, conv1, 14208",
            "squeezenet-v1.0-deploy.prototxt, fire2, 11920",
            "squeezenet-v1.0-deploy.prototxt, fire9, 197184",
            "squeezenet-v1.0-deploy.prototxt, conv10, 513000",
            "bvlc-alexnet-deploy.prototxt, conv2, 307456",
            "bvlc-alexnet-deploy.prototxt, fc6, 37752832",
            "nin-imagenet-train-val.prototxt, conv4-1024, 3539968"})
    void layersHaveTheParameterCountsCaffeGives(String file, String layer, long params) throws Exception {
        assertThat(analyse(load(file, true)).result(layer).orElseThrow().paramTotal()).isEqualTo(params);
    }

    @Test
    void squeezeNetsFireModulesAreRecognisedUnderTheirModuleNames() throws Exception {
        NetworkSpec spec = load("squeezenet-v1.0-deploy.prototxt", true).spec();

        assertThat(spec.nodes().stream().filter(n -> n.kind().equals("fire")).map(Node::id))
                .containsExactly("fire2", "fire3", "fire4", "fire5", "fire6", "fire7", "fire8", "fire9");
        assertThat(spec.node("fire4").orElseThrow().params()).containsEntry("s1x1", 32L).containsEntry("e1x1", 128L)
                .containsEntry("e3x3", 128L);
        assertThat(spec.node("pool4").orElseThrow().inputs()).containsExactly("fire4");
        assertThat(spec.node("conv10").orElseThrow().inputs()).containsExactly("drop9");
    }

    @Test
    void withoutFireRecognitionTheModulesStayPrimitiveWithTheirCaffeNames() throws Exception {
        NetworkSpec spec = load("squeezenet-v1.0-deploy.prototxt", false).spec();

        assertThat(spec.nodes()).noneMatch(n -> n.kind().equals("fire"));
        assertThat(spec.node("fire2/squeeze1x1").orElseThrow().params()).containsEntry("activation", "relu");
        assertThat(spec.node("fire2/concat").orElseThrow().inputs())
                .containsExactly("fire2/expand1x1", "fire2/expand3x3");
        // 1 input, conv1, 3 pools, 8 x 4 fire layers, dropout, conv10, global pooling, softmax
        assertThat(spec.size()).isEqualTo(1 + 1 + 3 + 32 + 1 + 1 + 1 + 1);
    }

    @Test
    void alexNetsGroupsLrnAndFusedReluImport() throws Exception {
        NetworkSpec spec = load("bvlc-alexnet-deploy.prototxt", true).spec();

        assertThat(spec.name()).isEqualTo("AlexNet");
        assertThat(spec.node("conv2").orElseThrow().params()).containsEntry("groups", 2L)
                .containsEntry("activation", "relu");
        assertThat(spec.node("conv3").orElseThrow().params()).doesNotContainKey("groups");
        // local_size 5, alpha 0.0001, beta 0.75 and k 1 are the lrn kind's defaults, so the node states none
        assertThat(spec.node("norm1").orElseThrow().params()).isEmpty();
        assertThat(spec.node("fc7").orElseThrow().inputs()).containsExactly("drop6");
        assertThat(spec.nodes()).noneMatch(n -> n.kind().equals("relu"));
    }

    @Test
    void ninTakesTheTestPhaseAndListsTheTrainDataLayerAndAccuracy() throws Exception {
        PrototxtImport imported = load("nin-imagenet-train-val.prototxt", true);

        assertThat(imported.skipped()).extracting(PrototxtImport.Skipped::layer, PrototxtImport.Skipped::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("data", "Data"),
                        org.assertj.core.groups.Tuple.tuple("accuracy", "Accuracy"));
        assertThat(imported.skipped().get(0).reason()).contains("TRAIN");
        assertThat(imported.skipped().get(0).location().line()).isEqualTo(11);
        assertThat(imported.warnings()).singleElement().asString().contains("3 (colour images) assumed");
        assertThat(imported.spec().node("loss").orElseThrow().kind()).isEqualTo("softmax");
        assertThat(imported.spec().node("loss").orElseThrow().inputs()).containsExactly("pool4");
        assertThat(imported.spec().node("conv4-1024").orElseThrow().inputs()).containsExactly("drop");
    }

    /**
     * Where the released file is the architecture of the built-in sample, the import is the sample node for
     * node (parameters compared with defaults filled in); SqueezeNet v1.0's released conv10 has pad 1 where
     * Table 1 of the paper (and the sample) has none, and NiN's file names its softmax after its loss layer.
     */
    @ParameterizedTest(name = "{0} against the sample {1}")
    @CsvSource({
            "squeezenet-v1.1-deploy.prototxt, squeezenet-v1.1",
            "bvlc-alexnet-deploy.prototxt, alexnet"})
    void releasedFilesOfTheSamplesImportAsTheSamples(String file, String sample) throws Exception {
        NetworkSpec expected = NetworkJson.read(Nets.SAMPLES.resolve(sample + ".json")).spec();

        assertThat(Normalised.of(load(file, true).spec(), KINDS)).isEqualTo(Normalised.of(expected, KINDS));
    }

    @Test
    void squeezeNetV10sReleasedFileDiffersFromThePaperOnlyInConv10sPadding() throws Exception {
        NetworkSpec sample = NetworkJson.read(Nets.SAMPLES.resolve("squeezenet-v1.0.json")).spec();
        NetworkSpec released = load("squeezenet-v1.0-deploy.prototxt", true).spec();

        NetworkSpec paper = released.withNode(released.node("conv10").orElseThrow().withoutParam("pad"));
        assertThat(Normalised.of(paper, KINDS)).isEqualTo(Normalised.of(sample, KINDS));
        assertThat(released.node("conv10").orElseThrow().params()).containsEntry("pad", 1L);
    }

    @Test
    void ninMatchesTheSampleButForItsSoftmaxName() throws Exception {
        NetworkSpec sample = NetworkJson.read(Nets.SAMPLES.resolve("nin.json")).spec();
        NetworkSpec imported = load("nin-imagenet-train-val.prototxt", true).spec();

        Node loss = imported.node("loss").orElseThrow();
        NetworkSpec renamed = imported.withNodeReplaced("loss", loss.withId("prob"));
        assertThat(Normalised.of(renamed, KINDS)).isEqualTo(Normalised.of(sample, KINDS));
        assertThat(analyse(load("nin-imagenet-train-val.prototxt", true)).totals().macs())
                .isEqualTo(new Analyzer(KINDS).analyze(sample).totals().macs());
        assertThat(List.of(imported.name())).containsExactly("nin_imagenet");
    }
}
