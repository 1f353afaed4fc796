package org.cnnworkbench.engine.hardware;

/**
 * The roofline estimate of one layer, per frame (for a batch, the layer's weights are counted once per batch
 * and so contribute {@code 1 / batch} of their bytes to each frame).
 *
 * @param flops floating-point operations: {@code 2 x MACs + otherOps}
 * @param bytes bytes moved to and from off-chip memory: {@code 4 x (input + output elements + params / batch)}
 * @param intensity arithmetic intensity, {@code flops / bytes}
 * @param computeBound whether {@code intensity x bandwidth >= peak}; otherwise memory-bound
 * @param seconds {@code flops / min(peak, intensity x bandwidth)}
 */
public record LayerEstimate(String id, String kind, double flops, double bytes, double intensity,
                            boolean computeBound, double seconds) {
}
