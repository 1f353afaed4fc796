package org.cnnworkbench.engine.compression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * The size a network would have under a {@link CompressionPlan}, computed from the spec alone, before any
 * training (docs/compression.md, "Analytic size"). For a planned layer of n weights at density d, b index bits and
 * g gap bits:
 *
 * <pre>
 * kept    = round(d * n)
 * fillers = round(kept * q / (1 - q)),  q = (1 - d)^M,  M = 2^g - 1     (0 when d = 1: no gap stream)
 * bits    = kept * (b + g) + fillers * g + 2^b * 32                      (b &lt; 32: indices and the codebook)
 *         = kept * (32 + g) + fillers * g                                 (b = 32: float weights)
 * bytes   = ceil(bits / 8)
 * </pre>
 *
 * A filler is the largest gap symbol M, which advances M positions without a weight; with s zeros before a kept
 * weight there are floor(s / M) of them. With kept positions uniformly random, the zeros before a kept weight are
 * geometric and E[floor(s / M)] = sum over k &gt;= 1 of (1 - d)^(kM) = q / (1 - q). Biases, batch-norm parameters
 * and the weights of layers the plan does not name are counted at 32 bits. Huffman coding is not modelled: the
 * estimate is an upper bound of what the compressed file holds before Huffman coding; the real file is usually
 * smaller.
 *
 * <pre>{@code
 * CompressedSizeEstimate e = CompressedSizeEstimate.of(spec, CompressionDefaults.forSpec(spec));
 * e.totalBytes();                 // 8,812,907 for alexnet (243,860,896 bytes at 32 bits)
 * e.layers().get(0).bytes();      // conv1's weights and codebook
 * }</pre>
 *
 * @param network    the network's name
 * @param layers     one row per convolution or fully connected layer with weights, in topological order
 * @param otherBytes every other stored parameter (biases, batch norm) at 32 bits
 * @param denseBytes the whole model at 32 bits per parameter
 */
public record CompressedSizeEstimate(String network, List<LayerSize> layers, long otherBytes, long denseBytes) {

    public CompressedSizeEstimate {
        layers = List.copyOf(layers);
    }

    /**
     * The estimate of one layer.
     *
     * @param weights the layer's weights n
     * @param kept    weights kept after pruning
     * @param bits    bits of a kept weight (index bits, or 32)
     * @param gapBits bits of a gap; 0 when nothing is pruned
     * @param fillers expected filler gaps
     * @param size    bits of the layer's weights, indices, gaps and codebook
     * @param bytes   {@code size} in whole bytes
     * @param ratio   {@code bytes} over the layer's weights at 32 bits
     */
    public record LayerSize(String layer, long weights, long kept, int bits, int gapBits, long fillers, long size,
                            long bytes, double ratio) {

        /** The estimate of {@code n} weights stored as {@code plan} says. */
        public static LayerSize of(long n, LayerPlan plan) {
            List<String> problems = plan.problems();
            if (!problems.isEmpty() || n < 0) {
                throw new IllegalArgumentException(plan.layer() + ": " + (n < 0 ? "negative weight count " + n
                        : String.join("; ", problems)));
            }
            long kept = Math.round(plan.density() * n);
            int gap = plan.sparse() ? plan.gapBits() : 0;
            long fillers = plan.sparse() ? Math.round(kept * expectedFillersPerKept(plan.density(), gap)) : 0;
            long size = Math.addExact(Math.multiplyExact(kept, (long) plan.bits() + gap), Math.multiplyExact(fillers,
                    (long) gap));
            if (plan.quantized()) {
                size = Math.addExact(size, (1L << plan.bits()) * 32L);
            }
            long bytes = Math.floorDiv(Math.addExact(size, 7L), 8L);
            return new LayerSize(plan.layer(), n, kept, plan.bits(), gap, fillers, size, bytes,
                    n == 0 ? 1.0 : bytes / (4.0 * n));
        }

        /** The layer stored dense at 32 bits. */
        public static LayerSize float32(String layer, long n) {
            return of(n, LayerPlan.float32(layer));
        }
    }

    /**
     * E[fillers per kept weight] = q / (1 - q) with q = (1 - d)^M, M = 2^g - 1: the expected number of full gaps
     * of M zeros before a kept weight when kept positions are uniformly random at density d.
     */
    public static double expectedFillersPerKept(double density, int gapBits) {
        if (density >= 1) {
            return 0;
        }
        double q = Math.pow(1 - density, (1L << gapBits) - 1);
        return q / (1 - q);
    }

    /** {@link #of(NetworkSpec, CompressionPlan, Analyzer)} with the built-in kinds. */
    public static CompressedSizeEstimate of(NetworkSpec spec, CompressionPlan plan) {
        return of(spec, plan, Analyzer.standard());
    }

    /**
     * The estimate of {@code spec} under {@code plan}; planned layers that are not weight layers of the spec are
     * ignored (see {@link CompressionPlan#validate}).
     *
     * @throws IllegalArgumentException if a planned value is out of range ({@link LayerPlan#problems()})
     */
    public static CompressedSizeEstimate of(NetworkSpec spec, CompressionPlan plan, Analyzer analyzer) {
        return of(spec.name(), WeightLayers.of(spec, analyzer), plan);
    }

    /**
     * The estimate under {@link CompressionDefaults#forSpec}: what the what-if tools show as the compressed size
     * (Deep Compression defaults), with one analysis of the expanded spec.
     */
    public static CompressedSizeEstimate ofDefaults(NetworkSpec spec, Analyzer analyzer) {
        WeightLayers weightLayers = WeightLayers.of(spec, analyzer);
        return of(spec.name(), weightLayers, CompressionDefaults.forSpec(spec, weightLayers));
    }

    private static CompressedSizeEstimate of(String network, WeightLayers weightLayers, CompressionPlan plan) {
        List<LayerSize> rows = new ArrayList<>();
        for (Map.Entry<String, Long> layer : weightLayers.weights.entrySet()) {
            LayerPlan p = plan.layer(layer.getKey()).orElse(null);
            rows.add(p == null ? LayerSize.float32(layer.getKey(), layer.getValue()) : LayerSize.of(layer.getValue(),
                    p));
        }
        long other = Math.multiplyExact(weightLayers.totalParams - weightLayers.layerWeights(), 4L);
        return new CompressedSizeEstimate(network, rows, other, Math.multiplyExact(weightLayers.totalParams, 4L));
    }

    /** Bytes of the planned and dense weight layers together. */
    public long layerBytes() {
        return layers.stream().mapToLong(LayerSize::bytes).sum();
    }

    /** The whole model: every layer's bytes plus {@link #otherBytes()}. */
    public long totalBytes() {
        return Math.addExact(layerBytes(), otherBytes);
    }

    /** Bytes of everything except the named layers: what a choice among those layers cannot change. */
    public long bytesOutside(java.util.Collection<String> chosenLayers) {
        long sum = otherBytes;
        for (LayerSize l : layers) {
            if (!chosenLayers.contains(l.layer())) {
                sum = Math.addExact(sum, l.bytes());
            }
        }
        return sum;
    }

    /** {@link #totalBytes()} over {@link #denseBytes()}. */
    public double ratio() {
        return denseBytes == 0 ? 1.0 : (double) totalBytes() / denseBytes;
    }
}
