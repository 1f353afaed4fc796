package org.cnnworkbench.engine.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cnnworkbench.engine.compression.LayerPlan;

/**
 * What a compressed run was asked to do ({@code compression.json} in its run directory): the source run, the
 * methods in the order they are applied, the per-layer settings and the fine-tuning epochs of each stage.
 *
 * <p>Stages run in a fixed order: low-rank factorisation (when the run is created; then {@code svdEpochs} of
 * fine-tuning), pruning (iteratively: one step at the start of each of its {@code pruneEpochs}, or at once where
 * it has none), quantization (then
 * {@code quantizeEpochs}); Huffman coding applies when the compressed file is written. A stage with no epochs of
 * its own takes effect where the next stage starts, or after the last epoch.
 *
 * @param source the source run directory, as given
 * @param sourceNetwork the source run's network name
 * @param sourceParams the source model's parameters
 * @param methods the methods used
 * @param svd per layer (node id): the rank (a whole number of at least 1) or the energy fraction to keep (below 1)
 * @param layers per layer (node id): density, bits and gap width for pruning and quantization
 * @param svdEpochs fine-tuning epochs after the factorisation
 * @param pruneEpochs fine-tuning epochs with the pruned weights held at zero
 * @param quantizeEpochs fine-tuning epochs of the centroids
 * @param centroidRate the step of the centroids' gradient descent
 * @param sourceModel which model of the source run is compressed; {@code null} reads as {@link ModelChoice#LAST},
 *        the only model of jobs written before best epochs were recorded
 */
public record CompressionJob(String source, String sourceNetwork, long sourceParams, List<Method> methods,
                             Map<String, Double> svd, List<LayerPlan> layers, int svdEpochs, int pruneEpochs,
                             int quantizeEpochs, double centroidRate, ModelChoice sourceModel) {

    /**
     * The default step of the centroids' gradient descent. The step multiplies the sum of the gradients of every
     * weight that shares a centroid, so it is far below a per-weight rate: measured on {@code fashion-squeezenet}
     * at 4 bits (README, "Compression"), 1e-4 cost 2.7 points of top-1 in one epoch; 1e-5 and 0 cost none.
     */
    public static final double DEFAULT_CENTROID_RATE = 1e-5;

    /** The compression methods. */
    public enum Method { SVD, PRUNE, QUANTIZE, HUFFMAN }

    public CompressionJob {
        methods = methods == null ? List.of() : List.copyOf(new java.util.TreeSet<>(methods));
        svd = svd == null ? Map.of() : new TreeMap<>(svd);
        layers = layers == null ? List.of() : List.copyOf(layers);
        sourceModel = sourceModel == null ? ModelChoice.LAST : sourceModel;
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no compression method: choose svd, prune, quantize and/or huffman");
        }
        if (methods.contains(Method.HUFFMAN) && !methods.contains(Method.QUANTIZE)
                && !methods.contains(Method.PRUNE)) {
            throw new IllegalArgumentException("Huffman coding codes the quantized weight indices and the index "
                    + "gaps of pruned layers: use it with prune and/or quantize");
        }
        if (svdEpochs < 0 || pruneEpochs < 0 || quantizeEpochs < 0) {
            throw new IllegalArgumentException("fine-tuning epochs cannot be negative");
        }
        if (svdEpochs + pruneEpochs + quantizeEpochs < 1) {
            throw new IllegalArgumentException("compression fine-tunes for at least one epoch in all");
        }
        if (!(centroidRate >= 0) || Double.isInfinite(centroidRate)) {
            throw new IllegalArgumentException("the centroid learning rate must be a number of at least 0, not "
                    + centroidRate);
        }
        if (methods.contains(Method.SVD) && svd.isEmpty()) {
            throw new IllegalArgumentException("svd needs at least one layer with a rank or an energy fraction");
        }
        for (var e : svd.entrySet()) {
            double v = e.getValue();
            if (!(v > 0) || (v >= 1 && v != Math.rint(v)) || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("svd of '" + e.getKey() + "': give a rank (a whole number of at "
                        + "least 1) or an energy fraction in (0, 1), not " + v);
            }
        }
        Set<String> seen = new java.util.HashSet<>();
        for (LayerPlan p : layers) {
            if (!seen.add(p.layer())) {
                throw new IllegalArgumentException("layer '" + p.layer() + "' is given twice");
            }
        }
    }

    /** The same job for the run in {@code dir} (its network's name and parameter count). */
    public CompressionJob withSource(String dir, String network, long params) {
        return new CompressionJob(dir, network, params, methods, svd, layers, svdEpochs, pruneEpochs, quantizeEpochs,
                centroidRate, sourceModel);
    }

    /** The same job compressing the source run's {@code choice} model. */
    public CompressionJob withSourceModel(ModelChoice choice) {
        return new CompressionJob(source, sourceNetwork, sourceParams, methods, svd, layers, svdEpochs, pruneEpochs,
                quantizeEpochs, centroidRate, choice);
    }

    public boolean uses(Method m) {
        return methods.contains(m);
    }

    /** The epochs in all. */
    public int epochs() {
        return svdEpochs + pruneEpochs + quantizeEpochs;
    }

    /** The first epoch trained with pruned weights. */
    int pruneEpoch() {
        return svdEpochs + 1;
    }

    /** The first epoch trained with shared weights. */
    int quantizeEpoch() {
        return svdEpochs + pruneEpochs + 1;
    }

    /** The plan of one layer, if it has one. */
    public java.util.Optional<LayerPlan> plan(String layer) {
        return layers.stream().filter(p -> p.layer().equals(layer)).findFirst();
    }

    /** A short name of the approach, as the comparison table shows it ("pruning", "Deep Compression", ...). */
    public String approach() {
        List<String> parts = new ArrayList<>();
        boolean deep = uses(Method.PRUNE) && uses(Method.QUANTIZE) && uses(Method.HUFFMAN);
        if (uses(Method.SVD)) {
            parts.add("SVD");
        }
        if (deep) {
            parts.add("Deep Compression");
        } else {
            if (uses(Method.PRUNE)) {
                parts.add("pruning");
            }
            if (uses(Method.QUANTIZE)) {
                parts.add("quantization");
            }
            if (uses(Method.HUFFMAN)) {
                parts.add("Huffman");
            }
        }
        return String.join(" + ", parts);
    }
}
