package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.junit.jupiter.api.Test;

/** The output format of bench-infer with one timed pass (its numbers are a benchmark's, not checked here). */
class BenchInferCommandTest {

    @Test
    void reportsEachBatchSizeWithThroughputAndPercentOfPeak() {
        Run r = CommandLineTest.run("bench-infer", "--network", "squeezenet-v1.1", "--batch", "1,2",
                "--warmup", "1", "--runs", "1");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("squeezenet-v1.1", "387.7 MMACs per frame", "fast path engaged",
                "peak: 195.0 GFLOP/s (profile epyc-2core)", "ms/frame", "ms/batch", "frames/s", "GFLOP/s",
                "% of peak");
        assertThat(r.out().lines().filter(l -> l.matches("\\s*[12]\\s+[0-9.,]+\\s.*"))).hasSize(2);
    }

    @Test
    void refusesABatchOfZero() {
        Run r = CommandLineTest.run("bench-infer", "--network", "squeezenet-v1.1", "--batch", "0");

        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--batch");
    }
}
