package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Inputs that once ended in "internal error", a stack trace or silence: each now gets one clear line. */
class BadInputCommandsTest {

    @TempDir
    Path dir;

    private static final String HEADER = "{\"format\": \"cnn-workbench-network\", \"version\": 1, \"name\": \"t\",\n";

    private Path spec(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    /** A Fire node fire2 and another node that has the name of fire2's squeeze part. */
    private Path fireWithCollidingNode() throws Exception {
        return spec("collide.json", HEADER + """
                "nodes": [
                  {"id": "data", "kind": "input", "channels": 3, "height": 32, "width": 32},
                  {"id": "fire2/squeeze1x1", "kind": "conv", "inputs": ["data"], "filters": 16, "kernel": 3},
                  {"id": "fire2", "kind": "fire", "inputs": ["fire2/squeeze1x1"], "s1x1": 8, "e1x1": 16,
                   "e3x3": 16, "bypass": false}
                ]}
                """);
    }

    @Test
    void aNodeNamedLikeACompositesPartIsAnalysedComparedAndExpanded() throws Exception {
        Path file = fireWithCollidingNode();
        Run analyze = CommandLineTest.run("analyze", file.toString());
        assertThat(analyze.exit()).as(analyze.err()).isZero();
        // 3x3x3x16+16 = 448, then squeeze 16x8+8, expand 8x16+16 and 9x8x16+16 = 1,448
        assertThat(analyze.out()).contains("1,896");

        Run compare = CommandLineTest.run("compare", file.toString(), file.toString());
        assertThat(compare.exit()).as(compare.err()).isZero();

        Run expand = CommandLineTest.run("expand", file.toString());
        assertThat(expand.exit()).as(expand.err()).isZero();
        assertThat(expand.out()).contains("\"fire2/squeeze1x1~2\"", "\"inputs\":[\"fire2/squeeze1x1\"]",
                "\"inputs\":[\"fire2/squeeze1x1~2\"]");
    }

    @Test
    void aNumberBeyondDoubleRangeIsAFormatErrorWithItsPosition() throws Exception {
        Path file = spec("huge.json", HEADER + """
                "nodes": [
                  {"id": "data", "kind": "input", "channels": 3, "height": 32, "width": 32},
                  {"id": "n", "kind": "lrn", "inputs": ["data"], "alpha": 1e400}
                ]}
                """);
        for (String command : new String[] {"analyze", "expand"}) {
            Run r = CommandLineTest.run(command, file.toString());
            assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).startsWith("workbench: error: " + file + ":4:3: ").contains("alpha")
                    .contains("beyond the range").doesNotContain("internal error");
        }
    }

    @Test
    void aSpecFileLargerThanTheLimitIsRefusedWithoutReadingIt() throws Exception {
        Path file = dir.resolve("big.json");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(400L * 1024 * 1024);   // sparse: no disk used
        }
        Run r = CommandLineTest.run("analyze", file.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("is 400.0 MiB; a network spec is at most 32.0 MiB").hasLineCount(1);
    }

    @Test
    void aBinaryFileIsNotUtf8Text() throws Exception {
        Path file = dir.resolve("model.bin");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe});
        Run r = CommandLineTest.run("analyze", file.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("is not a UTF-8 text file").doesNotContain("Input length");
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aDeviceOrPipeIsNotReadAsASpec() throws Exception {
        Path fifo = dir.resolve("pipe.json");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        for (String file : new String[] {"/dev/zero", fifo.toString()}) {
            Run r = CommandLineTest.run("analyze", file);
            assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).contains(file + ": is not a regular file");
        }
    }

    @Test
    void anEmptyNetworkIsAnError() throws Exception {
        Path file = spec("empty.json", HEADER + "\"nodes\": []}\n");
        Run r = CommandLineTest.run("analyze", file.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID_NETWORK);
        assertThat(r.err()).contains("the network has no nodes");
    }

    @Test
    void layoutEntriesForUnknownNodesAreReportedWithTheirPosition() throws Exception {
        Path file = spec("layout.json", HEADER + """
                "nodes": [
                  {"id": "data", "kind": "input", "channels": 3, "height": 32, "width": 32}
                ],
                "layout": {"data": [0, 0], "ghost": [10, 20]}}
                """);
        Run r = CommandLineTest.run("analyze", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("workbench: warning: " + file + ":5:37: the layout names \"ghost\"");
    }

    @Test
    void nonFiniteNumbersInOptionsAreRefused() {
        assertRefused(CommandLineTest.run("estimate", "squeezenet-v1.0", "--hardware", "titan-x",
                "--measured-ms", "Infinity"), "--measured-ms");
        assertRefused(CommandLineTest.run("scaling", "squeezenet-v1.0", "--image-ms", "Infinity"), "--image-ms");
        assertRefused(CommandLineTest.run("train", "--network", "fashion-squeezenet", "--out",
                dir.resolve("r1").toString(), "--momentum", "NaN"), "momentum");
        assertRefused(CommandLineTest.run("train", "--network", "fashion-squeezenet", "--out",
                dir.resolve("r2").toString(), "--weight-decay", "NaN"), "weight decay");
    }

    @Test
    void sizesBeyondTheDocumentedLimitsAreRefusedUpFront() {
        assertRefused(CommandLineTest.run("scaling", "squeezenet-v1.0", "--image-ms", "1", "--workers",
                "2000000000"), "--workers must be between 1 and 65536");
        assertRefused(CommandLineTest.run("generate", "--incr-e", "0", "--fire-modules", "100000000"),
                "from 1 to 1000");
        assertRefused(CommandLineTest.run("train", "--network", "fashion-squeezenet", "--out",
                dir.resolve("r3").toString(), "--batch", "2000000000"), "batch size must be from 1 to 65536");
        assertRefused(CommandLineTest.run("bench-infer", "--network", "squeezenet-v1.1", "--batch", "100000000",
                "--warmup", "0", "--runs", "1"), "Use a smaller batch");
    }

    @Test
    void theLargestShownWorkerCountDoesNotOverflow() {
        assertThat(ScalingCommand.shownWorkers(Integer.MAX_VALUE)).hasSize(32).endsWith(1 << 30, Integer.MAX_VALUE);
    }

    @Test
    void anErrorEscapingACommandIsOneLineAndExitSeventy() {
        CommandLine cli = WorkbenchCommand.commandLine();
        cli.addSubcommand("overflow", CommandLine.Model.CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
            throw new StackOverflowError();
        }));
        cli.addSubcommand("oom", CommandLine.Model.CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        for (String command : new String[] {"overflow", "oom"}) {
            java.io.StringWriter err = new java.io.StringWriter();
            cli.setErr(new java.io.PrintWriter(err));
            assertThat(cli.execute(command)).isEqualTo(ExitCodes.INTERNAL_ERROR);
            assertThat(err.toString()).startsWith("workbench: ").hasLineCount(1).doesNotContain("\tat ");
        }
    }

    private static void assertRefused(Run r, String message) {
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains(message).doesNotContain("internal error").doesNotContain("\tat ");
    }
}
