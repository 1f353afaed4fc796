package org.cnnworkbench.engine.hardware;

import java.util.List;

/**
 * A network's roofline estimate on one machine, per frame (one image).
 *
 * @param batch frames processed together (weights are read once per batch)
 * @param layers the estimated layers in execution order (layers without arithmetic are left out)
 * @param secondsPerFrame the sum of the layers' times
 * @param framesPerSecond {@code 1 / secondsPerFrame}
 * @param joulesPerFrame {@code powerWatts x secondsPerFrame}
 * @param percentOfPeak with a measured time per frame: {@code 100 x (flops per frame / measured) / peak};
 *                      {@code null} when nothing was measured
 */
public record Estimate(HardwareProfile hardware, int batch, List<LayerEstimate> layers, double secondsPerFrame,
                       double framesPerSecond, double joulesPerFrame, Double percentOfPeak) {

    public Estimate {
        layers = List.copyOf(layers);
    }

    /** FLOPs of one frame, summed over the layers. */
    public double flopsPerFrame() {
        return layers.stream().mapToDouble(LayerEstimate::flops).sum();
    }

    /** Off-chip bytes of one frame, summed over the layers. */
    public double bytesPerFrame() {
        return layers.stream().mapToDouble(LayerEstimate::bytes).sum();
    }

    /** The fraction (0..1) of the estimated time spent in compute-bound layers. */
    public double computeBoundTimeShare() {
        if (secondsPerFrame == 0) {
            return 0;
        }
        return layers.stream().filter(LayerEstimate::computeBound).mapToDouble(LayerEstimate::seconds).sum()
                / secondsPerFrame;
    }

    /** The FLOP/s the estimate attains on average: {@code flopsPerFrame / secondsPerFrame}. */
    public double attainedFlops() {
        return secondsPerFrame == 0 ? 0 : flopsPerFrame() / secondsPerFrame;
    }
}
