package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cnnworkbench.engine.data.kitti.KittiCheck;
import org.cnnworkbench.engine.detection.ConvDetGrid;
import org.cnnworkbench.engine.detection.ConvDetLoss;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/** The loss a convdet head carries in its model file, old and new. */
class ConvDetLossFunctionTest {

    private static final ConvDetGrid GRID = ConvDetGrid.of(8, 26, 64, 208,
            List.of(new KittiCheck.Anchor(10, 12), new KittiCheck.Anchor(30, 16)), 3);

    @Test
    void aConvertedHeadTrainsWithTheWorkbenchLossAndItsModelFileKeepsIt() throws Exception {
        ConvertedGraph converted = Dl4jConverter.convert(DetectionTrainerTest.tinyDetector(3));
        ComputationGraph graph = new ComputationGraph(converted.configuration());
        graph.init();
        assertThat(ConvDetLossFunction.of(graph)).isEqualTo(ConvDetLoss.WORKBENCH);
        ComputationGraph reread = new ComputationGraph(
                ComputationGraphConfiguration.fromJson(graph.getConfiguration().toJson()));
        reread.init();
        assertThat(ConvDetLossFunction.of(reread)).isEqualTo(ConvDetLoss.WORKBENCH);
    }

    @Test
    void aModelSavedBeforeTheNeighbourTermKeepsSqueezeDetsLoss() throws Exception {
        String json = NeuralNetConfiguration.mapper().writeValueAsString(
                ConvDetLossFunction.of(GRID, ConvDetLoss.SQUEEZEDET));
        assertThat(json).containsPattern("\"neighbourIou\" ?: ?null");
        String older = json.replaceAll("\"neighbourIou\" ?: ?null,?", "");
        assertThat(older).doesNotContain("neighbourIou");
        ConvDetLossFunction f = (ConvDetLossFunction) NeuralNetConfiguration.mapper().readValue(older,
                ILossFunction.class);
        assertThat(f.loss()).isEqualTo(ConvDetLoss.SQUEEZEDET);
        ConvDetLossFunction w = (ConvDetLossFunction) NeuralNetConfiguration.mapper().readValue(
                NeuralNetConfiguration.mapper().writeValueAsString(ConvDetLossFunction.of(GRID, ConvDetLoss.WORKBENCH)),
                ILossFunction.class);
        assertThat(w.loss()).isEqualTo(ConvDetLoss.WORKBENCH);
        assertThat(w).isEqualTo(ConvDetLossFunction.of(GRID, ConvDetLoss.WORKBENCH))
                .isNotEqualTo(ConvDetLossFunction.of(GRID, ConvDetLoss.SQUEEZEDET));
    }
}
