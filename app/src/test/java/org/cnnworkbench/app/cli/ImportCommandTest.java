package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workbench import} and the prototxt files that analyze and compare accept wherever they take a spec. */
class ImportCommandTest {

    /** The published networks written as prototxt, relative to the app module (the working directory of its tests). */
    static final Path PROTOTXT = Path.of("..", "engine", "src", "test", "resources", "prototxt");
    static final String SQUEEZENET = PROTOTXT.resolve("squeezenet-v1.0-deploy.prototxt").toString();
    static final String NIN = PROTOTXT.resolve("nin-imagenet-train-val.prototxt").toString();

    @TempDir
    Path dir;

    @Test
    void importWritesTheSpecWithFireModulesRecognised() throws Exception {
        Path out = dir.resolve("sq.json");

        Run r = CommandLineTest.run("import", SQUEEZENET, "-o", out.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("as " + out + ": 17 nodes");
        NetworkSpec spec = NetworkJson.read(out).spec();
        assertThat(spec.name()).isEqualTo("SqueezeNet_v1.0");
        assertThat(spec.node("fire9").orElseThrow().kind()).isEqualTo("fire");
    }

    @Test
    void noFireKeepsThePrimitiveLayersAndWithoutOutTheSpecGoesToStdout() throws Exception {
        Run r = CommandLineTest.run("import", "--no-fire", SQUEEZENET);

        assertThat(r.exit()).isZero();
        NetworkSpec spec = NetworkJson.read(r.out(), "stdout").spec();
        assertThat(spec.node("fire9/concat").orElseThrow().kind()).isEqualTo("concat");
        assertThat(spec.nodes()).noneMatch(n -> n.kind().equals("fire"));
    }

    @Test
    void skippedLayersArePrintedAsWarningsWithTheirLines() {
        Run r = CommandLineTest.run("import", NIN, "-o", dir.resolve("nin.json").toString());

        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("workbench: warning: " + NIN + ":11:1: skipped layer 'data' (Data): only in "
                + "the TRAIN phase", "skipped layer 'accuracy' (Accuracy): ignored", "3 (colour images) assumed");
        assertThat(r.out()).contains("2 layers skipped (listed above)");
    }

    @Test
    void analyzeTakesAPrototxt() {
        Run r = CommandLineTest.run("analyze", SQUEEZENET);

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("1,248,424").containsPattern("conv10 +conv +1000x15x15")
                .containsPattern("pool1 +maxpool +96x55x55");
    }

    @Test
    void compareShowsWhereTheReleasedSqueezeNetDiffersFromThePaper() {
        Run r = CommandLineTest.run("compare", "squeezenet-v1.0", SQUEEZENET);

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("edited layers: conv10", "1000x13x13", "1000x15x15");
    }

    @Test
    void aMalformedPrototxtIsOneLineWithLineAndColumn() throws Exception {
        Path bad = dir.resolve("bad.prototxt");
        Files.writeString(bad, "layer {\n  name: \"x\"\n  type \"ReLU\"\n}\n");

        Run r = CommandLineTest.run("analyze", bad.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("workbench: error: " + bad + ":3:8: malformed prototxt: expected ':' or '{' "
                + "after the field name 'type', found '\"'\n");
    }
}
