package org.cnnworkbench.engine.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times DL4J inference of a converted network: random weights, a random input batch, {@code warmup} passes
 * discarded, then the median of {@code runs} timed passes ({@code ComputationGraph.output}, inference mode).
 * A benchmark, not a test: the numbers depend on the machine and on what else runs on it.
 *
 * <pre>{@code
 * ConvertedGraph converted = Dl4jConverter.convert(spec);
 * InferenceBenchmark.Result r = InferenceBenchmark.run(converted, converted.newGraph(), 16, 5, 20);
 * r.msPerFrame();   // median ms per image
 * r.gflops();       // 2 x MACs / time
 * }</pre>
 */
public final class InferenceBenchmark {

    private InferenceBenchmark() {
    }

    /**
     * One batch size's measurement; free of DL4J types.
     *
     * @param batch frames per forward pass
     * @param warmup untimed passes before the timed ones
     * @param runs timed passes
     * @param msPerBatch median milliseconds per forward pass
     * @param minMsPerBatch fastest pass, milliseconds
     * @param macsPerFrame multiply-accumulates per frame (the engine's analysis)
     */
    public record Result(int batch, int warmup, int runs, double msPerBatch, double minMsPerBatch,
                         long macsPerFrame) {

        /** Median milliseconds per frame. */
        public double msPerFrame() {
            return msPerBatch / batch;
        }

        public double framesPerSecond() {
            return 1000 / msPerFrame();
        }

        /** Achieved GFLOP/s, counting 2 x MACs per frame (other operations are not counted). */
        public double gflops() {
            return 2.0 * macsPerFrame / (msPerFrame() / 1000) / 1e9;
        }

        /** Achieved FLOP/s as a percentage of {@code peakFlops}. */
        public double percentOfPeak(double peakFlops) {
            return 100 * gflops() * 1e9 / peakFlops;
        }
    }

    /**
     * Checks, before anything is allocated, that a batch of {@code batch} can fit in memory.
     *
     * @throws IllegalArgumentException if its activations alone exceed the memory ND4J may use
     */
    public static void requireFits(ConvertedGraph converted, int batch) {
        MemoryBudget.requireFits(converted, batch, "inference");
    }

    /** Benchmarks {@code graph} (built from {@code converted}) at one batch size. */
    public static Result run(ConvertedGraph converted, ComputationGraph graph, int batch, int warmup, int runs) {
        if (batch < 1 || warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("batch and runs must be at least 1, warmup at least 0: batch "
                    + batch + ", warmup " + warmup + ", runs " + runs);
        }
        requireFits(converted, batch);
        INDArray[] inputs = converted.inputs().stream()
                .map(id -> Nd4j.rand(DataType.FLOAT, converted.activationShape(id, batch)))
                .toArray(INDArray[]::new);
        for (int i = 0; i < warmup; i++) {
            graph.output(false, inputs);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            graph.output(false, inputs);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        double median = runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
        return new Result(batch, warmup, runs, median, ms[0], converted.analysis().totals().macs());
    }

    /**
     * This machine's matrix-multiply throughput on ND4J, FLOP/s: the best of {@code reps} products of two
     * {@code n x n} float matrices ({@code 2 n^3} FLOPs each) after one untimed product. A practical peak; the
     * FMA peak of the cores is higher (shared/notes/dl4j-cpu-speed.md: about 170 vs 195-200 GFLOP/s here).
     */
    public static double measureGemmFlops(int n, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        a.mmuli(b, c);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            a.mmuli(b, c);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return 2.0 * n * n * (double) n / best;
    }
}
