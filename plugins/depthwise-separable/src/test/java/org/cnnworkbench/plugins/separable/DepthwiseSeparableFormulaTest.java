package org.cnnworkbench.plugins.separable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.prototxt.PrototxtExporter;
import org.cnnworkbench.engine.io.prototxt.PrototxtImport;
import org.cnnworkbench.engine.io.prototxt.PrototxtImporter;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;
import org.cnnworkbench.engine.plugin.Plugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kind as the workbench finds it in the plugin's jar, checked against MobileNet's published costs (Howard et
 * al. 2017): equation 5 per block, and the whole 1.0 MobileNet-224.
 */
class DepthwiseSeparableFormulaTest {

    private final Plugins plugins = InstalledPlugin.load();

    @Test
    void theJarInThePluginFolderLoadsWithItsKindVersionAndPaletteEntry() {
        assertThat(plugins.failed()).isEmpty();
        Plugins.Loaded loaded = plugins.loaded().stream().filter(p -> p.id().equals("depthwise-separable"))
                .findFirst().orElseThrow();
        assertThat(loaded.kinds()).containsExactly("dwsep");
        assertThat(loaded.version()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(loaded.source()).endsWith(".jar").startsWith(InstalledPlugin.folder().toString());
        LayerKind kind = plugins.kinds().unit("dwsep").orElseThrow();
        assertThat(kind.plugin()).isEqualTo("depthwise-separable");
        assertThat(kind.palette().label()).isEqualTo("Depthwise separable");
        assertThat(kind.getClass().getClassLoader()).isSameAs(LayerKind.class.getClassLoader());
        assertThat(kind.descriptor().getClass().getClassLoader())
                .as("the kind comes from the jar's own class loader, not the test class path")
                .isNotSameAs(getClass().getClassLoader());
    }

    /**
     * Parameters D_K·D_K·M + M·N and multiply-adds D_K·D_K·M·D_F·D_F + M·N·D_F·D_F (MobileNet, equation 5),
     * without batch norm and biases, which the paper's formulas leave out; N = floor(alpha·filters).
     */
    @ParameterizedTest(name = "M={0} filters={1} kernel={2} input={3} stride={4} alpha={5}")
    @CsvSource({
            // M, filters, DK, input size, stride, alpha, N, DF
            "32, 64, 3, 112, 1, 1.0, 64, 112",     // MobileNet Table 1, first block
            "64, 128, 3, 112, 2, 1.0, 128, 56",    // the first strided block
            "512, 512, 3, 14, 1, 1.0, 512, 14",    // one of the five 512-channel blocks
            "1024, 1024, 3, 7, 1, 0.75, 768, 7",   // 0.75 MobileNet
            "8, 10, 5, 9, 1, 0.5, 5, 9",           // a 5x5 kernel, alpha thinning 10 to 5
            "3, 7, 3, 10, 3, 0.25, 1, 4"           // floor(0.25·7) = 1 channel
    })
    void parametersAndMultiplyAddsFollowMobileNetsEquation(long m, long filters, long dk, long size, long stride,
                                                          double alpha, long n, long df) {
        NetworkSpec spec = NetworkSpec.of("block", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", m, "height", size, "width", size)),
                Node.of("sep", "dwsep", List.of("data"), Map.of("filters", filters, "kernel", dk, "stride", stride,
                        "pad", (dk - 1) / 2, "alpha", alpha, "batchnorm", false))));
        NodeResult sep = new Analyzer(plugins.kinds()).analyze(spec).result("sep").orElseThrow();
        assertThat(sep.output()).isEqualTo(new Shape.FeatureMap(n, df, df));
        assertThat(sep.params().total()).isEqualTo(dk * dk * m + m * n);
        assertThat(sep.macs()).isEqualTo(dk * dk * m * df * df + m * n * df * df);
    }

    @Test
    void batchNormAndBiasesAddFourAndOneParametersPerChannelOfEachPart() {
        NetworkSpec spec = NetworkSpec.of("block", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", 32, "height", 8, "width", 8)),
                Node.of("sep", "dwsep", List.of("data"), Map.of("filters", 64, "bias", true))));
        NodeResult sep = new Analyzer(plugins.kinds()).analyze(spec).result("sep").orElseThrow();
        assertThat(sep.params().total()).isEqualTo(9 * 32 + 32 * 64 + (32 + 64) + 4 * (32 + 64));
    }

    /**
     * 1.0 MobileNet-224 (Table 1) built from the plugin's kind: 4,253,864 parameters, the count of the reference
     * Keras implementation ({@code keras.applications.MobileNet}, batch-norm statistics included; the paper
     * rounds to 4.2 million), and 568,740,352 multiply-adds, the paper's "569 million Mult-Adds" (Table 8).
     */
    @Test
    void mobileNet224HasThePublishedParameterAndMultiplyAddCounts() throws Exception {
        NetworkSpec spec = NetworkJson.read(MobileNet.json(1.0), "mobilenet").spec();
        AnalysisReport report = new Analyzer(plugins.kinds()).analyze(spec);
        assertThat(report.isValid()).as(report.diagnostics().toString()).isTrue();
        assertThat(report.totals().paramTotal()).isEqualTo(4_253_864L);
        assertThat(report.totals().macs()).isEqualTo(568_740_352L);
        assertThat(report.result("pool6").orElseThrow().output()).isEqualTo(new Shape.FeatureMap(1024, 1, 1));
    }

    /**
     * Written to Caffe prototxt through the plugin's CaffeMapping (grouped 3x3 + 1x1 convolutions with BatchNorm,
     * Scale and ReLU) and imported back with the built-in kinds only: the same parameters and multiply-adds.
     */
    @Test
    void mobileNetExportsToPrototxtAndImportsBackWithTheSameCounts() throws Exception {
        NetworkSpec spec = NetworkJson.read(MobileNet.json(1.0), "mobilenet").spec();
        String prototxt = PrototxtExporter.toText(spec, plugins.kinds());
        assertThat(prototxt).contains("name: \"sep2/dw\"", "group: 32", "type: \"Scale\"", "name: \"sep2\"")
                .doesNotContain("~");
        KindRegistry builtIn = Plugins.load(List.of()).kinds();
        PrototxtImport imported = new PrototxtImporter(builtIn, PrototxtImporter.Options.DEFAULT)
                .read(prototxt, "mobilenet.prototxt", "mobilenet");
        assertThat(imported.skipped()).isEmpty();
        assertThat(imported.spec().node("sep14")).isPresent();   // the pointwise layer carries the block's id
        AnalysisReport report = new Analyzer(builtIn).analyze(imported.spec());
        assertThat(report.isValid()).as(report.diagnostics().toString()).isTrue();
        assertThat(report.totals().paramTotal()).isEqualTo(4_253_864L);
        assertThat(report.totals().macs()).isEqualTo(568_740_352L);
    }

    /** 0.5 MobileNet-224 (Table 6): 149 million Mult-Adds and 1.3 million parameters, as the paper rounds them. */
    @Test
    void halfWidthMobileNetRoundsToThePapersCounts() throws Exception {
        NetworkSpec spec = NetworkJson.read(MobileNet.json(0.5), "mobilenet-0.5").spec();
        AnalysisReport report = new Analyzer(plugins.kinds()).analyze(spec);
        assertThat(Math.round(report.totals().macs() / 1e6)).isEqualTo(149);
        // the paper's parameter counts leave out batch-norm parameters (4 per channel)
        long batchNorm = report.layers().stream().filter(r -> !r.id().equals("fc7"))
                .mapToLong(r -> r.params().statistics() * 2).sum();
        assertThat(Math.round((report.totals().paramTotal() - batchNorm) / 1e5) / 10.0).isEqualTo(1.3);
    }
}
