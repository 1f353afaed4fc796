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
 * @param bestEpoch       the epoch with the best validation top-1 (its model is {@code best-epoch-N.zip}); 0 if
 *                        none was recorded (runs from before, compressed runs, a run whose validation never scored)
 * @param bestTop1        that epoch's validation top-1 (NaN if none)
 * @param bestTop5        that epoch's validation top-5 (NaN if none)
 */
public record RunSummary(Status status, int epochs, double top1, double top5, long params, long modelBytes,
                         double imagesPerSecond, double wallSeconds, int trainImages, int valImages,
                         int skippedImages, String message, int bestEpoch, double bestTop1, double bestTop5) {

    /** Refuses what no run writes (a damaged summary.json reads as an error, not as a strange run). */
    public RunSummary {
        if (status == null) {
            throw new IllegalArgumentException("no status (COMPLETED, CANCELLED or DIVERGED)");
        }
        if (epochs < 0 || params < 0 || modelBytes < 0 || trainImages < 0 || valImages < 0 || skippedImages < 0
                || bestEpoch < 0) {
            throw new IllegalArgumentException("epochs, parameters, bytes and image counts must not be negative");
        }
        message = message == null ? "" : message;
        if (bestEpoch == 0) {
            // a summary.json written before best epochs were recorded reads 0.0 here
            bestTop1 = Double.NaN;
            bestTop5 = Double.NaN;
        }
    }

    /** Whether a best epoch was recorded. */
    public boolean hasBest() {
        return bestEpoch > 0;
    }

    /** How a run ended. */
    public enum Status { COMPLETED, CANCELLED, DIVERGED }
}
