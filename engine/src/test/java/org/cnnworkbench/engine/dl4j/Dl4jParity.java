package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The parity checks shared by the sample and the property tests. */
public final class Dl4jParity {

    private Dl4jParity() {
    }

    /** DL4J's parameter count equals the engine's total. */
    public static void assertParamsEqual(ConvertedGraph converted, ComputationGraph graph) {
        assertThat(graph.numParams()).as("DL4J numParams of %s", converted.primitiveSpec().name())
                .isEqualTo(converted.analysis().totals().paramTotal());
    }

    /**
     * A forward pass of one random sample gives, for every node, an activation of the engine's shape in the
     * graph's layout ({@link ConvertedGraph#activationShape}: [1, h, w, c] in NHWC).
     */
    public static void assertActivationShapesEqual(ConvertedGraph converted, ComputationGraph graph) {
        INDArray[] inputs = converted.inputs().stream()
                .map(id -> Nd4j.rand(converted.activationShape(id, 1)))
                .toArray(INDArray[]::new);
        Map<String, INDArray> activations = graph.feedForward(inputs, false);
        for (Node node : converted.primitiveSpec().nodes()) {
            assertThat(activations).as("activations").containsKey(node.id());
            assertThat(activations.get(node.id()).shape()).as("activation shape of %s (%s)", node.id(), node.kind())
                    .containsExactly(converted.activationShape(node.id(), 1));
        }
    }

    /** [1, c, h, w] for a feature map, [1, n] for a vector (the engine's order, NCHW). */
    public static long[] shapeOf(Shape shape) {
        if (shape instanceof Shape.FeatureMap fm) {
            return new long[] {1, fm.channels(), fm.height(), fm.width()};
        }
        return new long[] {1, shape.channels()};
    }
}
