package org.cnnworkbench.engine.scaling;

/**
 * The inputs of the data-parallel scaling model besides the network's parameter count.
 *
 * @param batchPerWorker images each worker processes per iteration (weak scaling: fixed as workers are added)
 * @param secondsPerImage training time (forward and backward) of one image on one worker
 * @param bandwidthBytesPerSecond interconnect bandwidth of one link, bytes per second
 * @param bytesPerParameter bytes sent per parameter (4 for 32-bit floats)
 */
public record ScalingSetup(int batchPerWorker, double secondsPerImage, double bandwidthBytesPerSecond,
                           int bytesPerParameter) {

    public ScalingSetup {
        if (batchPerWorker < 1) {
            throw new IllegalArgumentException("the batch per worker must be at least 1, not " + batchPerWorker);
        }
        if (!(secondsPerImage > 0) || Double.isInfinite(secondsPerImage)) {
            throw new IllegalArgumentException("the time per image must be a positive number of seconds, not "
                    + secondsPerImage);
        }
        if (!(bandwidthBytesPerSecond > 0) || Double.isInfinite(bandwidthBytesPerSecond)) {
            throw new IllegalArgumentException("the interconnect bandwidth must be a positive number of bytes/s, not "
                    + bandwidthBytesPerSecond);
        }
        if (bytesPerParameter < 1) {
            throw new IllegalArgumentException("bytes per parameter must be at least 1, not " + bytesPerParameter);
        }
    }
}
