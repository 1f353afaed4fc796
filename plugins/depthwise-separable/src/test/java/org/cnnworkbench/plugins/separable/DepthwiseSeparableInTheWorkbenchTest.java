package org.cnnworkbench.plugins.separable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnnworkbench.app.cli.WorkbenchCommand;
import org.cnnworkbench.app.ui.document.NodeTemplates;
import org.cnnworkbench.app.ui.viewmodel.PaletteViewModel;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.kinds.Category;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The installed plugin as a user meets it: in the palette, in saved files, and on the command line. */
class DepthwiseSeparableInTheWorkbenchTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void install() {
        InstalledPlugin.folder();   // before anything asks for the installed plugins
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run workbench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = WorkbenchCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void thePaletteOffersTheKindUnderConvolutionAndANewNodeRecordsItsPlugin() {
        PaletteViewModel palette = new PaletteViewModel(KindRegistry.standard().units());
        palette.filter().set("separable");
        assertThat(palette.groups().get()).singleElement().satisfies(g -> {
            assertThat(g.category()).isEqualTo(Category.CONVOLUTION);
            assertThat(g.kinds()).extracting(LayerKind::name).containsExactly("dwsep");
        });
        LayerKind kind = KindRegistry.standard().unit("dwsep").orElseThrow();
        Node node = NodeTemplates.newNode(kind, "dwsep1", List.of("data"));
        assertThat(node.plugin()).isEqualTo("depthwise-separable");
        assertThat(node.params()).containsEntry("filters", 64L);
        NetworkSpec spec = NetworkSpec.of("n", List.of(Node.of("data", "input", List.of(),
                java.util.Map.of("channels", 3, "height", 8, "width", 8)), node));
        assertThat(NetworkJson.write(spec)).contains("\"kind\":\"dwsep\",\"plugin\":\"depthwise-separable\"");
    }

    @Test
    void pluginsListsItAndAnalyzeCountsMobileNet() {
        String folder = InstalledPlugin.folder().toString();
        Run plugins = workbench("--plugins", folder, "plugins");
        assertThat(plugins.exit()).isZero();
        assertThat(plugins.out()).contains("depthwise-separable 0.1.0-SNAPSHOT", "kinds: dwsep", "Not loaded: none");

        Run analyze = workbench("--plugins", folder, "analyze", "examples/mobilenet-v1.json");
        // only warnings: symmetric padding 1 leaves a padding row of the strided layers unused (Keras pads 0 and 1)
        assertThat(analyze.err()).doesNotContain("error", "skipped");
        assertThat(analyze.exit()).isZero();
        assertThat(analyze.out()).contains("4,253,864", "sep14");
    }

    @Test
    void aNetworkOfTheKindTrainsFromTheCommandLine() throws Exception {
        Path idx = IdxFiles.learnableFashionMnist(dir.resolve("idx"), 60, 40);
        Path spec = Files.writeString(dir.resolve("tiny.json"), """
                {"format": "cnn-workbench-network", "version": 1, "name": "tiny-mobilenet", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 2,
                   "activation": "relu"},
                  {"id": "sep2", "kind": "dwsep", "plugin": "depthwise-separable", "inputs": ["conv1"],
                   "filters": 16, "stride": 2},
                  {"id": "sep3", "kind": "dwsep", "plugin": "depthwise-separable", "inputs": ["sep2"],
                   "filters": 10, "activation": "none", "batchnorm": false, "bias": true},
                  {"id": "pool", "kind": "globalavgpool", "inputs": ["sep3"]},
                  {"id": "prob", "kind": "softmax", "inputs": ["pool"]}]}
                """);
        Path run = dir.resolve("run");
        Run train = workbench("--plugins", InstalledPlugin.folder().toString(), "train", "--network",
                spec.toString(), "--fashion-dir", idx.toString(), "--epochs", "1", "--batch", "20", "--lr", "0.01",
                "--out", run.toString());
        assertThat(train.err()).isEmpty();
        assertThat(train.exit()).isZero();
        assertThat(train.out()).contains("epoch 1: train loss", "completed after 1 epochs");
        assertThat(run.resolve("model.zip")).exists();
    }
}
