package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.data.ImageSample;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The inference graph ({@link Dl4jConverter#convertForInference}: convolutions carry their activations) against the
 * training graph of the same spec with the same weights: every node's output must be the same.
 */
class InferenceFormTest {

    @TempDir
    Path dir;

    private static NetworkSpec sample(String name) throws Exception {
        return NetworkJson.read(Path.of("../sample-networks/networks/" + name + ".json")).spec();
    }

    /** Largest |a - b| relative to the largest |a|. */
    private static double relativeDifference(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b)).maxNumber().doubleValue() / Math.max(1e-12, a.amaxNumber().doubleValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"squeezenet-v1.1", "alexnet", "fashion-squeezenet", "squeezedet-mini"})
    void everyNodeGivesTheSameOutputInBothGraphsWithTheSameWeights(String name) throws Exception {
        NetworkSpec spec = sample(name);
        ConvertedGraph training = Dl4jConverter.convert(spec);
        ConvertedGraph inference = Dl4jConverter.convertForInference(spec);
        ComputationGraph trained = training.newGraph();
        String input = training.inputs().get(0);
        if (name.startsWith("fashion")) {
            // a few training steps, so that the batch-norm statistics and the weights are not the initial ones
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, 10);
            for (int i = 0; i < 8; i++) {
                labels.putScalar(i, i % 10, 1);
            }
            for (int step = 0; step < 3; step++) {
                trained.fit(new DataSet(Nd4j.rand(DataType.FLOAT, training.activationShape(input, 8)), labels));
            }
        }
        // both forms start from the same seeded initial weights: move them, so that only a copy makes them equal
        trained.params().addi(Nd4j.rand(DataType.FLOAT, trained.params().shape()).muli(0.01));
        ComputationGraph fused = inference.withWeightsOf(training, trained);
        assertThat(fused.numParams()).isEqualTo(trained.numParams());
        assertThat(fused.getVertices().length).isLessThan(trained.getVertices().length);

        INDArray x = Nd4j.rand(DataType.FLOAT, training.activationShape(input, 2)).subi(0.5);
        Map<String, INDArray> expected = trained.feedForward(x, false);
        Map<String, INDArray> actual = fused.feedForward(x, false);
        for (var node : training.analysis().layers()) {
            INDArray e = expected.get(node.id());
            INDArray a = actual.get(node.id());
            assertThat(a).as(node.id()).isNotNull();
            assertThat(a.shape()).as(node.id()).isEqualTo(e.shape());
            assertThat(relativeDifference(e, a)).as(node.id()).isLessThan(1e-5);
        }
        assertThat(relativeDifference(trained.output(false, x)[0], fused.output(false, x)[0])).isLessThan(1e-5);
    }

    @Test
    void theInferenceGraphsConvolutionsCarryTheirReluTheTrainingGraphsDoNot() throws Exception {
        NetworkSpec spec = sample("squeezenet-v1.1");
        ComputationGraph training = Dl4jConverter.convert(spec).newGraph();
        ComputationGraph inference = Dl4jConverter.convertForInference(spec).newGraph();
        assertThat(activationLayers(inference)).isZero();
        assertThat(activationLayers(training)).isEqualTo(26);   // conv1, 8 Fire modules x 3, conv10
        assertThat(convolutions(training, Activation.RELU)).isZero();
        assertThat(convolutions(inference, Activation.RELU)).isEqualTo(26);
        // the node ids still name the node's output vertex; only the id/conv vertices are gone
        assertThat(inference.getVertex("conv1")).isNotNull();
        assertThat(inference.getVertex("conv1/conv")).isNull();
        assertThat(training.getVertex("conv1/conv")).isNotNull();
    }

    private static long activationLayers(ComputationGraph graph) {
        return java.util.Arrays.stream(graph.getVertices()).filter(GraphVertex::hasLayer)
                .filter(v -> v.getLayer().conf().getLayer() instanceof ActivationLayer).count();
    }

    private static long convolutions(ComputationGraph graph, Activation activation) {
        return java.util.Arrays.stream(graph.getVertices()).filter(GraphVertex::hasLayer)
                .map(v -> v.getLayer().conf().getLayer())
                .filter(l -> l instanceof ConvolutionLayer c
                        && c.getActivationFn().equals(activation.getActivationFunction()))
                .count();
    }

    @Test
    void weightsOfAnotherNetworkAreRefused() throws Exception {
        ConvertedGraph v11 = Dl4jConverter.convert(sample("squeezenet-v1.1"));
        ConvertedGraph v10 = Dl4jConverter.convertForInference(sample("squeezenet-v1.0"));
        assertThatThrownBy(() -> v10.withWeightsOf(v11, v11.newGraph()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another network");
        // and the predictors fall back to the graph as trained instead of failing
        ComputationGraph trained = v11.newGraph();
        assertThat(InferenceGraphs.forInference(sample("squeezenet-v1.0"), trained)).isSameAs(trained);
    }

    @Test
    void aTrainedRunPredictsWithItsInferenceGraphAndTheSameProbabilities() throws Exception {
        NetworkSpec spec = NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "relu-net", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 2,
                   "activation": "relu"},
                  {"id": "fire2", "kind": "fire", "inputs": ["conv1"], "s1x1": 4, "e1x1": 8, "e3x3": 8},
                  {"id": "conv3", "kind": "conv", "inputs": ["fire2"], "filters": 10, "kernel": 1,
                   "activation": "relu"},
                  {"id": "pool", "kind": "globalavgpool", "inputs": ["conv3"]},
                  {"id": "prob", "kind": "softmax", "inputs": ["pool"]}]}
                """, "relu-net").spec();
        Path idx = IdxFiles.learnableFashionMnist(dir.resolve("idx"), 40, 20);
        TrainingData data = TrainingData.open(new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 0, 0, 0, 0, true),
                new Shape.FeatureMap(1, 28, 28));
        Path run = dir.resolve("run");
        Trainer.train(spec, data, TrainingConfig.defaults().withEpochs(1).withBatchSize(20), run,
                new TrainingListener() { }, new AtomicBoolean());

        Predictor predictor = Predictor.load(run, ModelChoice.LAST);
        ComputationGraph trained = ModelFiles.load(new RunDirectory(run).modelFile(), false);
        assertThat(predictor.inferenceGraph()).isNotSameAs(predictor.graph());
        assertThat(predictor.inferenceGraph().getVertices().length).isLessThan(trained.getVertices().length);

        List<ImageSample> samples = java.util.stream.IntStream.range(0, data.validation().size())
                .mapToObj(i -> data.validation().read(i, null).orElseThrow()).toList();
        float[][] probabilities = predictor.probabilities(samples);
        float[] pixels = new float[samples.size() * 28 * 28];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i).chw(), 0, pixels, i * 28 * 28, 28 * 28);
        }
        INDArray nchw = Nd4j.create(pixels, new long[] {samples.size(), 1, 28, 28}, 'c');
        float[][] expected = InputLayout.toMatrix(trained.output(false,
                InputLayout.fromNchw(nchw, new RunDirectory(run).dataInfo().layout()))[0]).toFloatMatrix();
        for (int i = 0; i < expected.length; i++) {
            for (int c = 0; c < expected[i].length; c++) {
                assertThat(probabilities[i][c]).isCloseTo(expected[i][c], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }
}
