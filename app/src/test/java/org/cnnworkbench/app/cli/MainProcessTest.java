package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program as a user starts it, in a JVM of its own (logging is set up once per process, before anything
 * logs): a command that loads Deeplearning4j prints nothing of the libraries' on stderr, and {@code --verbose}
 * shows their log in the CLI's style.
 */
class MainProcessTest {

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private Result main(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "org.cnnworkbench.app.Main"));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("workbench " + String.join(" ", args) + " did not end within 3 minutes");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path tinyNetwork() throws IOException {
        return Files.writeString(dir.resolve("tiny.json"), """
                {"format": "cnn-workbench-network", "version": 1, "name": "tiny", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 4, "kernel": 3, "stride": 2},
                  {"id": "pool", "kind": "globalavgpool", "inputs": ["conv1"]},
                  {"id": "prob", "kind": "softmax", "inputs": ["pool"]}]}
                """);
    }

    @Test
    void aCommandThatLoadsDl4jPrintsNoLoggingNoiseAndVerboseShowsItsLog() throws Exception {
        String[] bench = {"bench-infer", "--network", tinyNetwork().toString(), "--batch", "1", "--warmup", "1",
            "--runs", "1"};

        Result quiet = main(bench);

        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.out()).contains("fast path");
        assertThat(quiet.err()).isEmpty();

        List<String> verboseArgs = new ArrayList<>(List.of(bench));
        verboseArgs.add("--verbose");
        Result verbose = main(verboseArgs.toArray(String[]::new));

        assertThat(verbose.exit()).as(verbose.err()).isZero();
        assertThat(verbose.err()).doesNotContain("SLF4J").contains("workbench: info: [Nd4jBackend] Loaded [");
        assertThat(verbose.err().lines()).isNotEmpty().allMatch(l -> l.startsWith("workbench: "));
    }
}
