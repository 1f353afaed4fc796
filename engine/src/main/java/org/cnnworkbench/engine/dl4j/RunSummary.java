package org.cnnworkbench.engine.dl4j;

/**
 * The outcome of a training run, saved as {@code summary.json}.
 *
 * @param status          how the run ended
 * @param epochs          epochs completed (checkpointed)
 * @param top1            validation top-1 accuracy of the last completed epoch (0..1; NaN if none)
 * @param top5            validation top-5 accuracy (0..1; NaN if none)
 * @param params          the number of parameters
 * @param modelBytes      the size of {@code model.zip}
 * @param imagesPerSecond mean training throughput of this session's epochs
 * @param wallSeconds     wall time of this session
 * @param skippedImages   unreadable images skipped
 * @param message         why the run stopped early, or empty
 */
public record RunSummary(Status status, int epochs, double top1, double top5, long params, long modelBytes,
                         double imagesPerSecond, double wallSeconds, int trainImages, int valImages,
                         int skippedImages, String message) {

    /** Refuses what no run writes (a damaged summary.json reads as an error, not as a strange run). */
    public RunSummary {
        if (status == null) {
            throw new IllegalArgumentException("no status (COMPLETED, CANCELLED or DIVERGED)");
        }
        if (epochs < 0 || params < 0 || modelBytes < 0 || trainImages < 0 || valImages < 0 || skippedImages < 0) {
            throw new IllegalArgumentException("epochs, parameters, bytes and image counts must not be negative");
        }
        message = message == null ? "" : message;
    }

    /** How a run ended. */
    public enum Status { COMPLETED, CANCELLED, DIVERGED }
}
