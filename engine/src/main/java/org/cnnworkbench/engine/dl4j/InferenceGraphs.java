package org.cnnworkbench.engine.dl4j;

import org.cnnworkbench.engine.model.NetworkSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A trained graph in the inference form of its spec ({@link Dl4jConverter#convertForInference}: each convolution
 * carries its activation, one pass less over its output), for the places that only predict: {@code infer},
 * {@code detect} and the GUI's inference. Training and the compressor keep the graph they trained.
 *
 * <pre>{@code
 * ComputationGraph fast = InferenceGraphs.forInference(run.spec(), ModelFiles.load(file, false));
 * }</pre>
 */
final class InferenceGraphs {

    /** Largest difference between the two forms' outputs accepted, relative to the output's largest magnitude. */
    static final double TOLERANCE = 1e-4;

    private InferenceGraphs() {
    }

    /**
     * {@code trained}'s weights in the inference form of {@code spec}; {@code trained} itself when that form cannot
     * take them (a model of another layout or of older vertex names, a kind without a DL4J mapping) or gives other
     * outputs than {@code trained} for a random input, so a prediction never changes by the switch.
     */
    static ComputationGraph forInference(NetworkSpec spec, ComputationGraph trained) {
        try {
            ConvertedGraph training = Dl4jConverter.convert(spec);
            ConvertedGraph inference = Dl4jConverter.convertForInference(spec);
            if (inference.vertices().equals(training.vertices())) {
                return trained;   // nothing to fuse
            }
            ComputationGraph fused = inference.withWeightsOf(training, trained);
            return sameOutputs(training, trained, fused) ? fused : trained;
        } catch (Dl4jConversionException | RuntimeException cannot) {
            return trained;
        }
    }

    /** Whether both graphs give the same outputs, within {@link #TOLERANCE}, for one random input per input. */
    static boolean sameOutputs(ConvertedGraph converted, ComputationGraph a, ComputationGraph b) {
        INDArray[] inputs = converted.inputs().stream()
                .map(id -> Nd4j.rand(DataType.FLOAT, converted.activationShape(id, 1)))
                .toArray(INDArray[]::new);
        INDArray[] x = a.output(false, inputs);
        INDArray[] y = b.output(false, inputs);
        for (int i = 0; i < x.length; i++) {
            double scale = Math.max(1e-6, x[i].amaxNumber().doubleValue());
            if (!java.util.Arrays.equals(x[i].shape(), y[i].shape())
                    || Transforms.abs(x[i].sub(y[i])).maxNumber().doubleValue() > TOLERANCE * scale) {
                return false;
            }
        }
        return true;
    }
}
