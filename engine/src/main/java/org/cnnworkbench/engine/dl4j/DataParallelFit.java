package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Trains an epoch with each batch split between worker threads (docs/dl4j.md, "Training with a worker per core"):
 * every worker computes the gradient of an equal share of the batch on a graph of the same configuration that
 * shares the trained graph's parameter array (the first share on the trained graph itself, on the calling thread),
 * the shares' gradients are averaged into the trained graph's gradient, and its updater and a step
 * {@code params -= update} apply it once, as {@code ComputationGraph.fit} does with the gradient of the whole batch.
 * Each worker's operations run on {@code cores / workers} threads (OpenMP, which oneDNN uses, and ND4J's own).
 *
 * <p>The update equals the whole batch's except for batch normalisation, whose batch statistics are each share's
 * (as in data-parallel training on several GPUs without synchronised batch norm). DL4J sums the examples' gradients
 * and its updater divides them by the batch size, so the mean of the shares' sums divided by the share size is the
 * whole batch's mean gradient; the "gradients" that are updates of the running mean and variance (which the
 * updater does not divide) become the mean of the shares' updates. Training listeners (compression's
 * fine-tuning) get {@code onGradientCalculation} with the averaged gradient and {@code iterationDone} after the
 * step. A batch that does not split evenly (an odd last batch) is trained whole by {@code ComputationGraph.fit}.
 *
 * <p>Why: a training step of a small network such as {@code fashion-squeezenet} gains little from a second thread
 * inside each operation (1 thread: 172 images/s, 2 threads: 206, on 2 cores), while two single-threaded workers
 * each train half the batch in about the time one needs for the whole batch's half.
 */
final class DataParallelFit implements EpochFit {

    private final int workers;
    private final int threadsPerWorker;

    /** {@code workers} workers (at least 2), sharing {@code cores} cores. */
    DataParallelFit(int workers, int cores) {
        if (workers < 2) {
            throw new IllegalArgumentException("a data-parallel fit needs at least 2 workers, not " + workers);
        }
        this.workers = workers;
        this.threadsPerWorker = Math.max(1, cores / workers);
    }

    @Override
    public Outcome fit(ComputationGraph graph, int epoch, Iterator<DataSet> batches, int batchCount, BatchCheck check,
                       AtomicBoolean cancel) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(workers - 1, r -> {
            Thread t = new Thread(r, "training worker");
            t.setDaemon(true);
            return t;
        });
        Environment env = Nd4j.getEnvironment();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int maxThreads = env.maxThreads();
        int maxMasterThreads = env.maxMasterThreads();
        int ompThreads = ops.ompGetMaxThreads();
        try {
            List<ComputationGraph> replicas = new ArrayList<>();
            List<Future<?>> setUp = new ArrayList<>();
            for (int w = 1; w < workers; w++) {
                replicas.add(replica(graph));
                // each worker thread's dropout draws from its own generator, seeded from the epoch's seed
                long seed = Nd4j.getRandom().nextLong();
                setUp.add(pool.submit(() -> {
                    ops.setOmpNumThreads(threadsPerWorker);
                    Nd4j.getRandom().setSeed(seed);
                }));
            }
            for (Future<?> f : setUp) {
                await(f);
            }
            env.setMaxThreads(threadsPerWorker);
            env.setMaxMasterThreads(threadsPerWorker);
            ops.setOmpNumThreads(threadsPerWorker);
            return EpochFit.batchByBatch((g, ds) -> ds.numExamples() % workers == 0
                    ? step(g, replicas, pool, ds, ds.numExamples() / workers)
                    : WHOLE_BATCH.fit(g, ds)).fit(graph, epoch, batches, batchCount, check, cancel);
        } finally {
            pool.shutdownNow();
            env.setMaxThreads(maxThreads);
            env.setMaxMasterThreads(maxMasterThreads);
            ops.setOmpNumThreads(ompThreads);
        }
    }

    /** One update from {@code ds} split into shares of {@code share} examples; returns the batch's loss. */
    private double step(ComputationGraph graph, List<ComputationGraph> replicas, ExecutorService pool, DataSet ds,
                        int share) {
        List<Future<Double>> losses = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            ComputationGraph replica = replicas.get(w - 1);
            DataSet part = share(ds, w, share);
            losses.add(pool.submit(() -> gradient(replica, part)));
        }
        double loss = gradient(graph, share(ds, 0, share));
        INDArray mean = graph.getGradientsViewArray();
        for (int w = 1; w < workers; w++) {
            loss += await(losses.get(w - 1));
            mean.addi(replicas.get(w - 1).getGradientsViewArray());
        }
        mean.divi(workers);
        int iteration = graph.getIterationCount();
        int epoch = graph.getEpochCount();
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            for (TrainingListener l : graph.getListeners()) {
                l.onGradientCalculation(graph);
            }
            // the updater turns the gradient view into the update in place (divided by the share size)
            graph.getUpdater().update(graph.gradient(), iteration, epoch, share, LayerWorkspaceMgr.noWorkspaces());
            graph.params().subi(mean.reshape(mean.length()));
            for (TrainingListener l : graph.getListeners()) {
                l.iterationDone(graph, iteration, epoch);
            }
        }
        BaseOptimizer.incrementIterationCount(graph, 1);
        return loss / workers;
    }

    /** Computes {@code g}'s gradient of {@code part} into its gradient view; returns the loss. */
    private static double gradient(ComputationGraph g, DataSet part) {
        g.setInputs(part.getFeatures());
        g.setLabels(part.getLabels());
        g.computeGradientAndScore();
        double score = g.score();
        g.clearLayersStates();
        return score;
    }

    private static DataSet share(DataSet ds, int w, int share) {
        return new DataSet(rows(ds.getFeatures(), w, share), rows(ds.getLabels(), w, share));
    }

    private static INDArray rows(INDArray a, int w, int share) {
        return a.get(NDArrayIndex.interval((long) w * share, (long) (w + 1) * share)).dup();
    }

    /** A graph of the same configuration whose parameters are {@code graph}'s own array (not a copy). */
    private static ComputationGraph replica(ComputationGraph graph) {
        ComputationGraph replica = new ComputationGraph(graph.getConfiguration().clone());
        replica.init(graph.params(), false);
        return replica;
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a training worker ran", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
