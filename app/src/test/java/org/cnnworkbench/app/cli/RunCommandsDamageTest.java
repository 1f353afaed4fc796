package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.cnnworkbench.engine.data.IdxFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runs}, {@code infer} and {@code train --resume} on a real run directory with each of its files damaged
 * in each of several ways: the answer is a result, or one {@code workbench: error:} line naming the file with
 * exit status 2 - never a stack trace or an internal error (exit 70).
 */
class RunCommandsDamageTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path pristine;
    private static Path image;

    private static final String TINY = """
            {"format": "cnn-workbench-network", "version": 1, "name": "tiny", "nodes": [
              {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
              {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 4, "kernel": 3, "stride": 2},
              {"id": "conv2", "kind": "conv", "inputs": ["conv1"], "filters": 10, "kernel": 1},
              {"id": "pool", "kind": "globalavgpool", "inputs": ["conv2"]},
              {"id": "prob", "kind": "softmax", "inputs": ["pool"]}]}
            """;

    @BeforeAll
    static void trainATinyRun() throws Exception {
        Path idx = IdxFiles.learnableFashionMnist(shared.resolve("idx"), 20, 20);
        Path spec = Files.writeString(shared.resolve("tiny.json"), TINY);
        pristine = shared.resolve("run");
        Run train = CommandLineTest.run("train", "--network", spec.toString(), "--fashion-dir", idx.toString(),
                "--epochs", "2", "--batch", "10", "--out", pristine.toString(), "--plain");
        assertThat(train.exit()).as(train.err()).isZero();
        Path pngs = shared.resolve("pngs");
        assertThat(CommandLineTest.run("dataset", "export-folder", "--out", pngs.toString(), "--split", "test",
                "--classes", "1", "--per-class", "1", "--source", idx.toString()).exit()).isZero();
        try (Stream<Path> s = Files.walk(pngs)) {
            image = s.filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
        }
    }

    private Path copy(String name) throws IOException {
        Path to = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> files = Files.list(pristine)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    enum Damage { MISSING, EMPTY, TRUNCATED, GARBAGE }

    private static void damage(Path file, Damage how) throws IOException {
        switch (how) {
            case MISSING -> Files.delete(file);
            case EMPTY -> Files.write(file, new byte[0]);
            case TRUNCATED -> Files.write(file, Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) / 2));
            case GARBAGE -> Files.write(file, new byte[] {(byte) 0xff, 0, 0x13, '{', '"', (byte) 0x80, 'x'});
        }
    }

    /** A result (exit 0) or exit 2 with one error line naming a file of the run; never a trace or exit 70. */
    private static void assertClear(Run r, Path run, String what) {
        assertThat(r.exit()).as(what + ": exit status; stderr: " + r.err()).isIn(ExitCodes.OK, ExitCodes.BAD_INPUT);
        assertThat(r.err()).as(what).doesNotContain("internal error", "\tat ", "Exception:");
        if (r.exit() == ExitCodes.BAD_INPUT) {
            List<String> errors = r.err().lines().filter(l -> l.startsWith("workbench: error: ")).toList();
            assertThat(errors).as(what + ": " + r.err()).isNotEmpty()
                    .allSatisfy(l -> assertThat(l).contains(run.toString()));
        }
    }

    @Test
    void everyFileDamagedEveryWayGivesAResultOrOneClearErrorLine() throws Exception {
        List<String> files = List.of("config.json", "summary.json", "data.json", "metrics.csv", "spec.json",
                "latest-checkpoint", "model.zip", "checkpoint-epoch-1.zip", "checkpoint-epoch-2.zip");
        int failures = 0;
        for (String file : files) {
            for (Damage how : Damage.values()) {
                Path run = copy(file + "-" + how);
                damage(run.resolve(file), how);
                String what = file + " " + how;
                Run runs = CommandLineTest.run("runs", run.toString());
                assertClear(runs, run, "runs, " + what);
                // the listing reads or checks every file but the older checkpoints; no summary is an unfinished run
                boolean listed = !file.equals("checkpoint-epoch-1.zip")
                        && !(file.equals("summary.json") && how == Damage.MISSING);
                assertThat(runs.exit()).as("runs, " + what + ": " + runs.err())
                        .isEqualTo(listed ? ExitCodes.BAD_INPUT : ExitCodes.OK);
                assertClear(CommandLineTest.run("infer", "--model", run.toString(), image.toString()), run,
                        "infer, " + what);
                Run resume = CommandLineTest.run("train", "--resume", run.toString(), "--epochs", "2", "--plain");
                assertClear(resume, run, "resume, " + what);
                if (List.of("config.json", "data.json", "spec.json").contains(file)) {
                    assertThat(resume.exit()).as("resume, " + what).isEqualTo(ExitCodes.BAD_INPUT);
                    assertThat(resume.err().lines().count()).as(resume.err()).isOne();
                    assertThat(resume.err()).contains(run.resolve(file).toString());
                }
                failures += resume.exit() == ExitCodes.OK ? 0 : 1;
            }
        }
        assertThat(failures).isPositive();
    }

    @Test
    void aDamagedNewestCheckpointIsPassedOverWithAWarningAndTheOlderOneKept() throws Exception {
        Path run = copy("newest");
        damage(run.resolve("checkpoint-epoch-2.zip"), Damage.TRUNCATED);
        byte[] older = Files.readAllBytes(run.resolve("checkpoint-epoch-1.zip"));

        Run resume = CommandLineTest.run("train", "--resume", run.toString(), "--epochs", "2", "--plain");

        assertThat(resume.exit()).as(resume.err()).isZero();
        assertThat(resume.err()).startsWith("workbench: warning: " + run.resolve("checkpoint-epoch-2.zip")
                + ": damaged or truncated").contains("using checkpoint-epoch-1.zip (epoch 1)");
        assertThat(resume.out()).contains("resuming at epoch 2 of 2", "completed after 2 epochs");
        assertThat(run.resolve("checkpoint-epoch-1.zip")).hasBinaryContent(older);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.sorted(Comparator.naturalOrder()).toList()).hasSize(1);
        }
    }
}
