package org.cnnworkbench.engine.dl4j;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.cnnworkbench.engine.compression.KMeans1D;
import org.cnnworkbench.engine.compression.MagnitudePruning;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One compressed layer during fine-tuning: which weights are kept (pruning) and, once quantized, the codebook
 * and the centroid of every kept weight. The graph's weights are kept equal to what this state says after every
 * update ({@link #enforce}).
 */
final class SharedLayer {

    private final GraphWeights.WeightLayer layer;
    private boolean[] kept;
    /** 1 where kept, 0 where pruned, in the layer's weight shape; null while nothing is pruned. */
    private INDArray maskArray;
    private float[] codebook;
    /** Per weight (C order): its centroid, or -1 if pruned; null while not quantized. */
    private int[] assignment;
    private double[] centroidGradient;

    SharedLayer(GraphWeights.WeightLayer layer) {
        this.layer = layer;
    }

    GraphWeights.WeightLayer layer() {
        return layer;
    }

    /** The kept weights (C order); all true if the layer is not pruned. */
    boolean[] kept() {
        if (kept == null) {
            boolean[] all = new boolean[layer.size()];
            Arrays.fill(all, true);
            return all;
        }
        return kept.clone();
    }

    boolean pruned() {
        return kept != null;
    }

    boolean quantized() {
        return codebook != null;
    }

    float[] codebook() {
        return codebook == null ? null : codebook.clone();
    }

    /**
     * Keeps the {@code density} largest weights by magnitude and zeroes the rest; a layer already pruned is pruned
     * further among the weights it kept (iterative pruning).
     */
    void prune(ComputationGraph graph, double density) {
        setKept(MagnitudePruning.mask(GraphWeights.read(graph, layer.vertex(), GraphWeights.WEIGHTS), kept, density));
        enforce(graph);
    }

    /**
     * Shares the kept weights among {@code 2^bits} centroids (k-means, linear initialisation) and sets every kept
     * weight to its centroid.
     */
    void quantize(ComputationGraph graph, int bits) {
        float[] weights = GraphWeights.read(graph, layer.vertex(), GraphWeights.WEIGHTS);
        boolean[] keep = kept();
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        float[] values = new float[n];
        for (int i = 0, j = 0; i < weights.length; i++) {
            if (keep[i]) {
                values[j++] = weights[i];
            }
        }
        KMeans1D.Codebook clusters = KMeans1D.cluster(values, bits);
        codebook = clusters.centroids().clone();
        assignment = new int[weights.length];
        for (int i = 0, j = 0; i < weights.length; i++) {
            assignment[i] = keep[i] ? clusters.assignment()[j++] : -1;
        }
        centroidGradient = new double[codebook.length];
        enforce(graph);
    }

    /**
     * Takes the state back from weights this layer wrote (a checkpoint): a zero weight was pruned (if the layer
     * is pruned), and with {@code quantized} the distinct kept values are the codebook.
     */
    void recover(ComputationGraph graph, boolean isPruned, boolean isQuantized) {
        float[] weights = GraphWeights.read(graph, layer.vertex(), GraphWeights.WEIGHTS);
        if (isPruned) {
            boolean[] keep = new boolean[weights.length];
            for (int i = 0; i < weights.length; i++) {
                keep[i] = weights[i] != 0f;
            }
            setKept(keep);
        }
        if (isQuantized) {
            TreeSet<Float> distinct = new TreeSet<>();
            boolean[] keep = kept();
            for (int i = 0; i < weights.length; i++) {
                if (keep[i]) {
                    distinct.add(weights[i]);
                }
            }
            codebook = new float[distinct.size()];
            Map<Integer, Integer> index = new HashMap<>();
            int c = 0;
            for (float v : distinct) {
                index.put(Float.floatToIntBits(v), c);
                codebook[c++] = v;
            }
            assignment = new int[weights.length];
            for (int i = 0; i < weights.length; i++) {
                assignment[i] = keep[i] ? index.get(Float.floatToIntBits(weights[i])) : -1;
            }
            centroidGradient = new double[codebook.length];
        }
    }

    private void setKept(boolean[] keep) {
        kept = keep;
        float[] mask = new float[keep.length];
        for (int i = 0; i < keep.length; i++) {
            mask[i] = keep[i] ? 1f : 0f;
        }
        maskArray = Nd4j.create(mask, layer.shape(), 'c');
    }

    /**
     * Called with the weights' gradient before the optimiser sees it: a quantized layer adds up the gradient of
     * each centroid's weights (Deep Compression's centroid fine-tuning) and hides the gradient from the
     * optimiser; a pruned layer zeroes the gradient of its pruned weights.
     */
    void gradient(INDArray weightGradient) {
        if (quantized()) {
            float[] g = GraphWeights.flatten(weightGradient);
            Arrays.fill(centroidGradient, 0);
            for (int i = 0; i < g.length; i++) {
                if (assignment[i] >= 0) {
                    centroidGradient[assignment[i]] += g[i];
                }
            }
            weightGradient.assign(0);
        } else if (maskArray != null) {
            weightGradient.muli(maskArray.castTo(weightGradient.dataType()));
        }
    }

    /** After an update: moves the centroids down their gradient ({@code centroidRate}), then {@link #enforce}. */
    void updated(ComputationGraph graph, double centroidRate) {
        if (quantized()) {
            for (int c = 0; c < codebook.length; c++) {
                codebook[c] = (float) (codebook[c] - centroidRate * centroidGradient[c]);
            }
        }
        enforce(graph);
    }

    /** Sets the graph's weights to this state: pruned weights zero, shared weights their centroid. */
    void enforce(ComputationGraph graph) {
        if (quantized()) {
            float[] values = new float[assignment.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = assignment[i] < 0 ? 0f : codebook[assignment[i]];
            }
            GraphWeights.write(graph, layer.vertex(), GraphWeights.WEIGHTS, values);
        } else if (maskArray != null) {
            INDArray weights = GraphWeights.view(graph, layer.vertex(), GraphWeights.WEIGHTS);
            weights.muli(maskArray.castTo(weights.dataType()));
        }
    }
}
