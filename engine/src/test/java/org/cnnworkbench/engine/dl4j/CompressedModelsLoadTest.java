package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.compression.CompressedFormatException;
import org.cnnworkbench.engine.compression.CompressedModel;
import org.cnnworkbench.engine.compression.CompressedModelFile;
import org.cnnworkbench.engine.compression.Tensor;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CompressedModels#load} of files written here from an untrained network (no training needed). */
class CompressedModelsLoadTest {

    @TempDir
    Path dir;

    /** A model.cwz of {@link TrainerTest#tinySpec} with its initial weights; {@code poison} names a tensor to fill. */
    private Path write(String poison, float value) throws Exception {
        NetworkSpec spec = TrainerTest.tinySpec(10);
        ComputationGraph graph = Dl4jConverter.convert(spec).newGraph();
        List<Tensor> tensors = new ArrayList<>();
        for (var vertex : GraphWeights.all(graph).entrySet()) {
            for (var param : vertex.getValue().entrySet()) {
                String name = vertex.getKey() + "/" + param.getKey();
                float[] values = GraphWeights.flatten(param.getValue());
                if (name.equals(poison)) {
                    values[values.length / 2] = value;
                }
                tensors.add(Tensor.raw(name, param.getValue().shape(), values));
            }
        }
        ObjectNode metadata = RunDirectory.JSON.createObjectNode();
        metadata.put("format", "cnn-workbench-compressed-model");
        metadata.set("spec", RunDirectory.JSON.readTree(NetworkJson.write(spec)));
        metadata.set("data", RunDirectory.JSON.valueToTree(new RunDirectory.DataInfo(
                new DataSpec(DataSpec.FASHION_MNIST, "idx", 0, 0, 0, 0, false),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), new float[] {0.5f}, 1, 28, 28, InputLayout.current())));
        Path file = dir.resolve("model.cwz");
        CompressedModelFile.write(file, new CompressedModel(RunDirectory.JSON.writeValueAsString(metadata), tensors));
        return file;
    }

    @Test
    void aModelWithFiniteWeightsLoads() throws Exception {
        Predictor predictor = CompressedModels.load(write("", 0));

        assertThat(predictor.classes()).hasSize(10);
    }

    @Test
    void weightsThatAreNotFiniteNumbersAreRefusedNamingTheTensor() throws Exception {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            Path file = write("conv1/W", bad);

            assertThatThrownBy(() -> CompressedModels.load(file)).isInstanceOf(CompressedFormatException.class)
                    .hasMessage(file + ": conv1/W holds 1 value that is not a finite number (" + bad
                            + "); the network would predict NaN");
        }
    }
}
