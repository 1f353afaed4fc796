package org.cnnworkbench.engine.scaling;

/**
 * One point of a scaling curve.
 *
 * @param workers N
 * @param computeSeconds {@code batchPerWorker x secondsPerImage}, the same for every N
 * @param communicationSeconds time to exchange gradients and weights in one iteration
 * @param iterationSeconds {@code compute + communication} (no overlap)
 * @param speedup images per second relative to one worker: {@code N x iteration(1) / iteration(N)}
 * @param efficiency {@code speedup / N}
 */
public record ScalingPoint(int workers, double computeSeconds, double communicationSeconds, double iterationSeconds,
                           double speedup, double efficiency) {
}
