package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every sample network converts to DL4J with the engine's parameter count and activation shapes. */
class Dl4jSampleNetworksTest {

    private static final Path SAMPLES = Path.of("..", "sample-networks", "networks");

    static NetworkSpec sample(String name) throws Exception {
        return NetworkJson.read(SAMPLES.resolve(name + ".json")).spec();
    }

    @ParameterizedTest
    @ValueSource(strings = {"squeezenet-v1.0", "squeezenet-v1.1", "squeezenet-v1.0-bypass", "alexnet", "nin",
            "vgg16"})
    void sampleNetworkHasTheEnginesParamCountAndShapes(String name) throws Exception {
        long start = System.nanoTime();
        ConvertedGraph converted = Dl4jConverter.convert(sample(name));
        ComputationGraph graph = converted.newGraph();

        Dl4jParity.assertParamsEqual(converted, graph);
        long built = System.nanoTime();
        Dl4jParity.assertActivationShapesEqual(converted, graph);
        long done = System.nanoTime();
        System.out.printf("dl4j parity %s: %,d params, convert+init %d ms, forward %d ms%n", name,
                graph.numParams(), (built - start) / 1_000_000, (done - built) / 1_000_000);
        assertThat(converted.outputs()).isNotEmpty();
    }
}
