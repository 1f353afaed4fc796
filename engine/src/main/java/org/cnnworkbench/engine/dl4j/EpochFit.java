package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

/**
 * How one epoch's training batches reach the network: on this machine batch by batch ({@link #LOCAL}), or
 * elsewhere, e.g. on a Spark cluster. {@link Trainer} keeps everything around it the same: validation,
 * checkpoints, metrics, the best epoch, resume.
 */
public interface EpochFit {

    /** Called after each batch (or group of batches) with its loss; returns a problem that stops the run, or null. */
    interface BatchCheck {
        String afterBatch(int batch, int batches, double loss, long images);
    }

    /** What an epoch did: images and the loss summed over them; a problem or a cancel ends the run. */
    record Outcome(long images, double lossSum, boolean cancelled, int batch, String problem) {
    }

    /**
     * Trains {@code graph} on one epoch of {@code batches} (positioned at the epoch's start, {@code batchCount} of
     * them), checking {@code check} after each step and {@code cancel} before each.
     */
    Outcome fit(ComputationGraph graph, int epoch, Iterator<DataSet> batches, int batchCount, BatchCheck check,
                AtomicBoolean cancel) throws IOException;

    /** One update of a graph from one batch; returns the batch's loss. */
    interface Step {
        double fit(ComputationGraph graph, DataSet batch);
    }

    /** The whole batch by {@code ComputationGraph.fit}. */
    Step WHOLE_BATCH = (graph, ds) -> {
        graph.fit(ds);
        return graph.score();
    };

    /** Batch by batch on this machine, each batch by {@code ComputationGraph.fit}. */
    EpochFit LOCAL = batchByBatch(WHOLE_BATCH);

    /** An epoch trained batch by batch on this machine, each batch by {@code step}. */
    static EpochFit batchByBatch(Step step) {
        return (graph, epoch, batches, batchCount, check, cancel) -> {
            long images = 0;
            double lossSum = 0;
            int batch = 0;
            while (batches.hasNext()) {
                if (cancel.get()) {
                    return new Outcome(images, lossSum, true, batch, null);
                }
                DataSet ds = batches.next();
                double loss = step.fit(graph, ds);
                batch++;
                String problem = check.afterBatch(batch, batchCount, loss, images + ds.numExamples());
                if (problem != null) {
                    return new Outcome(images, lossSum, false, batch, problem);
                }
                images += ds.numExamples();
                lossSum += loss * ds.numExamples();
            }
            return new Outcome(images, lossSum, false, batch, null);
        };
    }
}
