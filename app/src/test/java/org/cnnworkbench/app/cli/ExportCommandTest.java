package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.samples.SampleNetworks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    @TempDir
    Path dir;

    /** TrainCommandsTest's tiny network with a saved layout. */
    private static final String TINY = TrainCommandsTest.TINY.strip().replaceFirst("]}$",
            "],\n \"layout\": {\"data\": [0, 0], \"conv1\": [0, 120]}}\n");
    /** 8 x (1 x 3 x 3) + 8, then 10 x 8 + 10. */
    private static final long TINY_PARAMS = 80 + 90;

    private static void assertNoStackTrace(Run r) {
        assertThat(r.err()).doesNotContain("\tat ", "Exception");
    }

    @Test
    void jsonOfASampleAndOfAFileWithItsLayout() throws Exception {
        Path out = dir.resolve("nin.json");
        Run r = CommandLineTest.run("export", "nin", "--to", "json", "-o", out.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + out + " (Network spec (JSON))\n");
        assertThat(NetworkJson.read(out).spec()).isEqualTo(SampleNetworks.load("nin").spec());

        Path spec = Files.writeString(dir.resolve("tiny.json"), TINY);
        Path copy = dir.resolve("copy.json");
        assertThat(CommandLineTest.run("export", spec.toString(), "--to", "json", "-o", copy.toString()).exit())
                .isZero();
        assertThat(NetworkJson.read(copy).layout()).isEqualTo(NetworkJson.read(spec).layout()).hasSize(2);
    }

    /** workbench export --to prototxt, then workbench import of that file: the same network. */
    @Test
    void prototxtExportImportsBackAsTheSameNetwork() throws Exception {
        Path prototxt = dir.resolve("sq.prototxt");
        Run r = CommandLineTest.run("export", "squeezenet-v1.0", "--to", "prototxt", "-o", prototxt.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(prototxt)).contains("type: \"Convolution\"", "name: \"fire2/squeeze1x1\"");
        Path back = dir.resolve("sq.json");
        Run imported = CommandLineTest.run("import", prototxt.toString(), "-o", back.toString());
        assertThat(imported.exit()).isZero();
        var original = SampleNetworks.load("squeezenet-v1.0").spec();
        var again = NetworkJson.read(back).spec();
        assertThat(again.nodes().stream().map(n -> n.id() + ":" + n.kind()).toList())
                .isEqualTo(original.nodes().stream().map(n -> n.id() + ":" + n.kind()).toList());
        Run analyze = CommandLineTest.run("analyze", prototxt.toString());
        assertThat(analyze.exit()).isZero();
        assertThat(analyze.out()).contains("1,248,424");
    }

    @Test
    void dl4jWithoutARunIsTheConvertedGraphWithFreshWeights() throws Exception {
        Path spec = Files.writeString(dir.resolve("tiny.json"), TINY);
        Path out = dir.resolve("models/tiny.zip");
        Run r = CommandLineTest.run("export", spec.toString(), "--to", "dl4j", "-o", out.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("wrote " + out + " (DL4J model, freshly initialised weights");
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(out.toFile());
        assertThat(graph.numParams()).isEqualTo(TINY_PARAMS);
    }

    @Test
    void dl4jOfATrainedRunWritesItsModelAndRefusesAnotherNetwork() throws Exception {
        Path idx = IdxFiles.learnableFashionMnist(dir.resolve("idx"), 40, 20);
        Path spec = Files.writeString(dir.resolve("tiny.json"), TINY);
        Path run = dir.resolve("runs/tiny");
        assertThat(CommandLineTest.run("train", "--network", spec.toString(), "--fashion-dir", idx.toString(),
                "--epochs", "1", "--batch", "20", "--out", run.toString()).exit()).isZero();

        Path best = dir.resolve("best.zip");
        Run r = CommandLineTest.run("export", "--run", run.toString(), "--to", "dl4j", "-o", best.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("trained weights of " + run + ", best epoch");
        ComputationGraph trained = ModelSerializer.restoreComputationGraph(run.resolve("model.zip").toFile());
        assertThat(ModelSerializer.restoreComputationGraph(best.toFile()).params()).isEqualTo(trained.params());

        Path last = dir.resolve("last.zip");
        assertThat(CommandLineTest.run("export", spec.toString(), "--run", run.toString(), "--use-epoch", "last",
                "--to", "dl4j", "-o", last.toString()).exit()).isZero();
        assertThat(ModelSerializer.restoreComputationGraph(last.toFile()).numParams()).isEqualTo(TINY_PARAMS);

        Run other = CommandLineTest.run("export", "nin", "--run", run.toString(), "--to", "dl4j", "-o",
                dir.resolve("nin.zip").toString());
        assertThat(other.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(other.err()).startsWith("workbench: error: ").contains("trained on a different network than nin");
        assertNoStackTrace(other);
        assertThat(dir.resolve("nin.zip")).doesNotExist();
    }

    @Test
    void reportWritesTheFolder() throws Exception {
        Path out = dir.resolve("sq");
        Run r = CommandLineTest.run("export", "squeezenet-v1.0", "--to", "report", "-o", out.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + out + " (Report (Markdown + HTML))\n");
        assertThat(out.resolve("report.md")).content().contains("1,248,424");
        assertThat(out.resolve("report.html")).exists();
        assertThat(out.resolve("params.png")).isNotEmptyFile();

        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("other/notes.txt"), "mine");
        Run refused = CommandLineTest.run("export", "nin", "--to", "report", "-o", dir.resolve("other").toString());
        assertThat(refused.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("holds other files than a report");
    }

    @Test
    void mistakesAreOneLineAndExitStatus2() {
        Run unknown = CommandLineTest.run("export", "nin", "--to", "onnx", "-o", dir.resolve("x").toString());
        assertThat(unknown.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).isEqualTo("workbench: error: --to: there is no export 'onnx'; use one of: json, "
                + "dl4j, prototxt, report\n");

        Run epochWithoutRun = CommandLineTest.run("export", "nin", "--to", "dl4j", "--use-epoch", "last", "-o",
                dir.resolve("x.zip").toString());
        assertThat(epochWithoutRun.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(epochWithoutRun.err()).contains("--use-epoch chooses a model of a training run");

        Run noNetwork = CommandLineTest.run("export", "--to", "json", "-o", dir.resolve("x.json").toString());
        assertThat(noNetwork.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noNetwork.err()).contains("give the network to export");

        Run noRun = CommandLineTest.run("export", "nin", "--to", "dl4j", "--run", dir.resolve("nope").toString(),
                "-o", dir.resolve("x.zip").toString());
        assertThat(noRun.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noRun.err()).contains("--run: ").contains("is not a folder");

        Run notARun = CommandLineTest.run("export", "nin", "--to", "dl4j", "--run", dir.toString(), "-o",
                dir.resolve("x.zip").toString());
        assertThat(notARun.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(notARun.err()).contains("is not a training run directory");

        Run noOut = CommandLineTest.run("export", "nin", "--to", "json");
        assertThat(noOut.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noOut.err()).contains("Missing required option: '--out=TARGET'");
        for (Run r : new Run[] {unknown, epochWithoutRun, noNetwork, noRun, notARun, noOut}) {
            assertNoStackTrace(r);
        }
    }
}
