package org.cnnworkbench.engine.design;

/**
 * One training run of a trained sweep: one design point with one seed.
 *
 * @param point the index of the design point in the sweep (0-based, sweep order)
 * @param seed the training seed
 * @param run the run directory's name (under the sweep folder's {@code runs/})
 * @param status COMPLETED, CANCELLED or DIVERGED, as the run's summary says
 * @param epochs epochs completed
 * @param bestEpoch the epoch with the best validation top-1 (0 if none)
 * @param bestTop1 that epoch's validation top-1 (0..1; NaN if none)
 * @param bestTop5 that epoch's validation top-5 (0..1; NaN if none)
 * @param lastTop1 the last epoch's validation top-1 (0..1; NaN if none)
 * @param seconds wall time of the run's training (all its sessions)
 * @param imagesPerSecond mean training throughput
 */
public record TrainedRun(int point, long seed, String run, String status, int epochs, int bestEpoch, double bestTop1,
                         double bestTop5, double lastTop1, double seconds, double imagesPerSecond) {

    /** Whether the run trained all its planned epochs. */
    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}
