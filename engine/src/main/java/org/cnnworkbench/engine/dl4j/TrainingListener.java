package org.cnnworkbench.engine.dl4j;

import java.time.Duration;

/**
 * Callbacks of a training run, on the training thread. All methods have empty defaults.
 *
 * <pre>{@code
 * TrainingListener printer = new TrainingListener() {
 *     public void epochEnded(EpochMetrics m) { System.out.println(m.epoch() + ": top-1 " + m.top1()); }
 * };
 * }</pre>
 */
public interface TrainingListener {

    /** The run starts (or resumes) at {@code firstEpoch}. */
    default void started(RunStart start) {
    }

    /** After every batch. */
    default void progress(Progress progress) {
    }

    /** After every epoch's validation and checkpoint. */
    default void epochEnded(EpochMetrics metrics) {
    }

    /** A warning worth showing, for example unreadable images that were skipped. */
    default void warning(String message) {
    }

    /** What a run is about to do; {@code workers}: the worker threads that share each batch (1: none). */
    record RunStart(int firstEpoch, int epochs, int trainImages, int valImages, int batchesPerEpoch,
                    long params, int workers) {
    }

    /**
     * One batch done.
     *
     * @param loss            the batch's loss
     * @param imagesPerSecond training throughput in this epoch so far
     * @param eta             the estimated time to the end of the run (validation excluded)
     */
    record Progress(int epoch, int epochs, int batch, int batches, double loss, double imagesPerSecond,
                    Duration eta) {
    }

    /** One epoch done: its mean training loss, validation loss, top-1 and top-5 accuracy (0..1). */
    record EpochMetrics(int epoch, double trainLoss, double valLoss, double top1, double top5,
                        double imagesPerSecond, double seconds) {
    }
}
