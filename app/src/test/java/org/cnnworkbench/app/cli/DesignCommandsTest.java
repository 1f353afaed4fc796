package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cnnworkbench.app.cli.CommandLineTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesignCommandsTest {

    @TempDir
    Path dir;

    @Test
    void generateWithTheDefaultsWritesSqueezeNetV10() throws Exception {
        Path file = dir.resolve("generated.json");
        Run r = run("generate", "--out", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(NetworkJson.read(file).spec().nodes())
                .isEqualTo(SampleNetworks.load("squeezenet-v1.0").spec().nodes());
    }

    @Test
    void generatePrintsToStdoutAndTakesEveryMetaparameter() throws Exception {
        Run r = run("generate", "--base-e", "64", "--incr-e", "32", "--freq", "1", "--pct-3x3", "0.25",
                "--sr", "0.25", "--fire-modules", "4", "--pool-after", "1,3", "--classes", "10",
                "--input-size", "96", "--conv1-filters", "64", "--bypass", "simple", "--name", "tiny");
        assertThat(r.exit()).isZero();
        var spec = NetworkJson.read(r.out(), "stdout").spec();
        assertThat(spec.name()).isEqualTo("tiny");
        assertThat(spec.node("fire5").orElseThrow().params())
                .containsEntry("s1x1", 40L).containsEntry("e1x1", 120L).containsEntry("e3x3", 40L);
        assertThat(spec.node("pool3")).isPresent();
        assertThat(spec.node("conv10").orElseThrow().param("filters")).isEqualTo(10L);
    }

    @Test
    void generateRefusesInvalidMetaparametersInOneLine() {
        Run r = run("generate", "--sr", "0");
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("workbench: error: sr: SR is 0; the squeeze ratio must be greater than 0 "
                + "(SqueezeNet uses 0.125)\n");
        assertThat(run("generate", "--pct-3x3", "2").err()).contains("pct_3x3 is 2; it is a share");
        assertThat(run("generate", "--bypass", "full").err()).contains("--bypass is 'full'; use none or simple");
        assertThat(run("generate", "--pool-after", "1,x").err()).contains("'x' is not a layer number");
    }

    @Test
    void sweepWritesOneCsvRowPerPoint() throws Exception {
        Path file = dir.resolve("sr.csv");
        Run r = run("sweep", "--param", "sr", "--from", "0.125", "--to", "1.0", "--steps", "8",
                "--out", file.toString());
        assertThat(r.exit()).isZero();
        String[] lines = Files.readString(file).split("\n");
        assertThat(lines).hasSize(9);
        assertThat(lines[0]).isEqualTo("sr,params,macs,activations,model_bytes_32,accuracy,compressed_bytes");
        assertThat(lines[1]).startsWith("0.125,1248424,").endsWith(",4993696,,500285");
        assertThat(lines[6]).startsWith("0.75,4841704,");
    }

    @Test
    void sweepOfTwoMetaparametersPrintsTheGrid() {
        Run r = run("sweep", "--param", "sr", "--from", "0.125", "--to", "0.5", "--steps", "4",
                "--param2", "pct_3x3", "--from2", "0.25", "--to2", "0.75", "--steps2", "3", "--base-e", "64");
        assertThat(r.exit()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(1 + 12);
        assertThat(lines[0]).startsWith("sr,pct_3x3,params,");
    }

    @Test
    void sweepRefusesBadRangesInOneLine() {
        Run r = run("sweep", "--param", "sr", "--from", "0", "--to", "1");
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("workbench: error: at sr = 0: sr: SR is 0");
        assertThat(run("sweep", "--param", "depth", "--from", "1", "--to", "2").err())
                .contains("cannot sweep 'depth'");
        assertThat(run("sweep", "--param", "sr", "--from", "0.1", "--to", "1", "--steps", "0").err())
                .contains("steps of sr is 0");
        assertThat(run("sweep", "--param", "sr", "--from", "0.1", "--to", "1", "--param2", "freq").err())
                .contains("--param2 freq needs --from2 and --to2");
        assertThat(run("sweep", "--from", "0.1", "--to", "1").err())
                .contains("sweep needs --param NAME --from X --to Y (or --resume SWEEP-DIR)");
        assertThat(run("sweep", "--param", "sr", "--from", "0.1", "--to", "1", "--seeds", "2").err())
                .contains("--seeds, --max-minutes and --images-per-point size a trained sweep: add --train");
    }

    @Test
    void sweepTrainTrainsEveryPointAndSeedAndContinuesWithResume() throws Exception {
        Path idx = org.cnnworkbench.engine.data.IdxFiles.learnableFashionMnist(dir.resolve("idx"), 60, 40);
        Path sweep = dir.resolve("sweep");
        Run r = run("sweep", "--train", "--fashion-dir", idx.toString(), "--param", "pct_3x3", "--from", "0.25",
                "--to", "0.75", "--steps", "2", "--base-e", "16", "--incr-e", "16", "--epochs", "1", "--batch", "20",
                "--seeds", "2", "--images-per-point", "60", "--out", sweep.toString(), "--plain");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("budget of 60 training images per point: 1 epoch of all 60 training images per "
                + "run", "sweep of 2 points x 2 seeds into " + sweep, "small-input trunk", "seeds [42, 43]",
                "run 1/4: pct_3x3 = 0.25, seed 42 -> " + sweep.resolve("runs/01-pct_3x3-0.25-seed-42"),
                "run 4/4 done: best top-1", "top-1 (best epoch)", "all 4 runs trained");
        List<String> csv = Files.readAllLines(sweep.resolve("sweep.csv"));
        assertThat(csv).hasSize(3);
        for (String row : csv.subList(1, 3)) {
            String[] cells = row.split(",", -1);
            assertThat(Double.parseDouble(cells[5])).isBetween(0.0, 1.0);    // accuracy: mean of the two seeds
            assertThat(cells[8]).isNotEmpty();                                 // top1_sd
            assertThat(cells[11]).isEqualTo("2");                              // seeds
            assertThat(cells[12].split(" ")).hasSize(2);                       // best_epochs
        }
        assertThat(Files.readAllLines(sweep.resolve("runs.csv"))).hasSize(5);

        Run again = run("sweep", "--resume", sweep.toString(), "--plain");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("continuing the sweep in " + sweep, "4 of 4 runs are finished already",
                "all 4 runs trained (0 in this session)").doesNotContain("run 1/4:");
        assertThat(Files.readAllLines(sweep.resolve("sweep.csv"))).isEqualTo(csv);

        Run runs = run("runs", sweep.toString());   // a sweep folder lists its runs/
        assertThat(runs.exit()).isZero();
        assertThat(runs.out()).contains("01-pct_3x3-0.25-seed-42", "02-pct_3x3-0.75-seed-43", "best top-1 (epoch)");
    }

    @Test
    void sweepTrainRefusesWhatCannotWorkInOneLine() throws Exception {
        Path idx = org.cnnworkbench.engine.data.IdxFiles.learnableFashionMnist(dir.resolve("idx"), 60, 40);
        String[] axis = {"--param", "sr", "--from", "0.25", "--to", "0.5", "--steps", "2", "--fashion-dir",
                idx.toString()};
        Run noOut = run(concat(new String[] {"sweep", "--train"}, axis));
        assertThat(noOut.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noOut.err()).isEqualTo("workbench: error: sweep --train needs --out SWEEP-DIR, the folder for the "
                + "runs and results\n");
        Run tooShort = run(concat(new String[] {"sweep", "--train", "--max-minutes", "0.001", "--out",
                dir.resolve("s").toString()}, axis));
        assertThat(tooShort.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(tooShort.err()).contains("minutes are not enough for 2 runs even at 1 epoch of 60 images");
        Run notASweep = run("sweep", "--resume", dir.toString());
        assertThat(notASweep.err()).contains(dir + " is not a trained sweep (no sweep.json)");
        Run wrongClasses = run(concat(new String[] {"sweep", "--train", "--classes", "20", "--out",
                dir.resolve("c").toString()}, axis));
        assertThat(wrongClasses.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(wrongClasses.err()).contains("20 classes were asked for, but the data has only 10");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
