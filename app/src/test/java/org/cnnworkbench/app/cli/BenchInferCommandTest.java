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
        assertThat(r.out()).contains("graph: for inference (each convolution carries its activation)");
    }

    @Test
    void trainingGraphTimesTheGraphAsTrainingBuildsIt() {
        Run r = CommandLineTest.run("bench-infer", "--network", "squeezenet-v1.1", "--batch", "1",
                "--warmup", "0", "--runs", "1", "--training-graph");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("graph: as trained (each convolution's activation a layer of its own)");
    }

    @Test
    void layersPrintsEachLayersMeasuredTimeBesideTheRooflineEstimateOfEstimate() {
        Run r = CommandLineTest.run("bench-infer", "--network", "squeezenet-v1.1", "--batch", "2",
                "--warmup", "1", "--runs", "1", "--layers");
        Run estimate = CommandLineTest.run("estimate", "squeezenet-v1.1", "--hardware", "epyc-2core", "--batch", "2");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("batch 2, layer by layer", "estimated ms", "measured ms", "measured/estimated");
        // one row per layer of the spec as written, in the order they run: conv1 first, a Fire module as one row
        java.util.List<String> rows = r.out().lines().dropWhile(l -> !l.startsWith("layer "))
                .skip(2).takeWhile(l -> !l.startsWith("layers:")).toList();
        assertThat(rows).first().asString().startsWith("conv1 ");
        assertThat(rows.stream().map(l -> l.split("\\s+")[0]))
                .containsSubsequence("conv1", "pool1", "fire2", "fire3", "conv10", "pool10", "prob");
        // the estimate of a layer is estimate's time per frame x the batch: fire2's 0.3646 ms x 2
        assertThat(estimate.out()).containsPattern("fire2\\s+fire\\s+71\\.10\\s+[0-9.]+\\s+[0-9.]+\\s+compute\\s+0\\.3646");
        assertThat(rows).anySatisfy(l -> assertThat(l).matches("fire2\\s+fire\\s+0\\.729\\s+[0-9.,]+\\s+.*"));
        assertThat(r.out()).containsPattern("layers: [0-9.,]+ ms measured, [0-9.,]+ ms estimated");
    }

    @Test
    void refusesABatchOfZero() {
        Run r = CommandLineTest.run("bench-infer", "--network", "squeezenet-v1.1", "--batch", "0");

        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--batch");
    }
}
