package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.engine.data.FashionMnist;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.data.RealFashionMnist;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class BatchNormStatisticsTest {

    @TempDir
    Path dir;

    /** conv1 -> bn1 of TrainerTest.tinySpec, with random weights and inputs on a small scale, as images are. */
    private static ComputationGraph tinyGraph() throws Exception {
        ConvertedGraph c = Dl4jConverter.convert(TrainerTest.tinySpec(3));
        ComputationGraph g = new ComputationGraph(Trainer.configure(c.configuration(), TrainingConfig.defaults()));
        Nd4j.getRandom().setSeed(7);
        g.init();
        return g;
    }

    /** Two convolutions, each followed by batch norm, and a fully connected classifier. */
    private static NetworkSpec batchNormCnn() throws Exception {
        return NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "bn-cnn", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 2},
                  {"id": "bn1", "kind": "batchnorm", "inputs": ["conv1"]},
                  {"id": "relu1", "kind": "relu", "inputs": ["bn1"]},
                  {"id": "conv2", "kind": "conv", "inputs": ["relu1"], "filters": 8, "kernel": 3, "stride": 2},
                  {"id": "bn2", "kind": "batchnorm", "inputs": ["conv2"]},
                  {"id": "relu2", "kind": "relu", "inputs": ["bn2"]},
                  {"id": "fc", "kind": "fc", "inputs": ["relu2"], "units": 10},
                  {"id": "prob", "kind": "softmax", "inputs": ["fc"]}]}
                """, "bn-cnn").spec();
    }

    private static List<DataSet> batches(int count, int size) {
        Nd4j.getRandom().setSeed(11);
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> new DataSet(
                Nd4j.rand(new int[] {size, 28, 28, 1}).muli(0.3 + 0.1 * i), Nd4j.zeros(size, 3))).toList();
    }

    @Test
    void storedStatisticsBecomeThePopulationMeanAndVarianceOfTheLayerInput() throws Exception {
        ComputationGraph g = tinyGraph();
        List<DataSet> batches = batches(3, 10);
        long used = BatchNormStatistics.reestimate(g, batches.iterator(), 1000);
        assertThat(used).isEqualTo(30);
        INDArray all = Nd4j.concat(0, batches.stream().map(DataSet::getFeatures).toArray(INDArray[]::new));
        INDArray conv = g.feedForward(new INDArray[] {all}, false, false).get("conv1").dup();   // NHWC
        double[] mean = conv.mean(0, 1, 2).toDoubleVector();
        double[] var = conv.var(false, 0, 1, 2).toDoubleVector();
        Map<String, INDArray> p = g.getLayer("bn1").paramTable();
        double[] stored = p.get("mean").toDoubleVector();
        double[] log10Std = p.get("log10stdev").toDoubleVector();
        for (int c = 0; c < mean.length; c++) {
            assertThat(stored[c]).isCloseTo(mean[c], within(1e-5 + 1e-4 * Math.abs(mean[c])));
            assertThat(Math.pow(10, 2 * log10Std[c])).isCloseTo(var[c], within(1e-4 * var[c] + 1e-9));
        }
        // inference normalises with them: (x - mean) / sqrt(var + eps) * gamma + beta, eps = 1e-5 (then relu1, which DL4J
        // applies in place to bn1's array)
        INDArray x = batches.get(0).getFeatures();
        INDArray convOut = g.feedForward(new INDArray[] {x}, false, false).get("conv1").dup();
        INDArray bn = g.feedForward(new INDArray[] {x}, false, false).get("bn1").dup();
        double[] gamma = p.get("gamma").toDoubleVector();
        double[] beta = p.get("beta").toDoubleVector();
        for (int c = 0; c < mean.length; c++) {
            double std = Math.sqrt(Math.pow(10, 2 * log10Std[c]) + 1e-5);
            double expected = (convOut.getDouble(0, 3, 4, c) - stored[c]) / std * gamma[c] + beta[c];
            assertThat(bn.getDouble(0, 3, 4, c)).isCloseTo(Math.max(0, expected), within(1e-4));
        }
    }

    @Test
    void atMostTheGivenNumberOfImagesIsRead() throws Exception {
        ComputationGraph g = tinyGraph();
        assertThat(BatchNormStatistics.reestimate(g, batches(5, 10).iterator(), 15)).isEqualTo(20);
    }

    @Test
    void aGraphWithoutBatchNormIsLeftAsItIs() throws Exception {
        ConvertedGraph c = Dl4jConverter.convert(TrainerTest.smallCnn());
        ComputationGraph g = new ComputationGraph(Trainer.configure(c.configuration(), TrainingConfig.defaults()));
        g.init();
        INDArray before = g.params().dup();
        assertThat(BatchNormStatistics.reestimate(g, batches(2, 4).iterator(), 100)).isZero();
        assertThat(g.params()).isEqualTo(before);
    }

    /**
     * The case of issue 11: fashion-squeezenet with 3 classes on 900 images. With DL4J's moving averages alone
     * its validation stayed at chance (36%, 37%) for two epochs while the training loss fell to 0.27.
     */
    @Test
    @RealFashionMnist
    void aShortRunOfTheInstalledDataSetValidatesAsItTrains() throws Exception {
        NetworkSpec sample = NetworkJson.read(Path.of("../sample-networks/networks/fashion-squeezenet.json")).spec();
        List<Node> nodes = sample.nodes().stream().map(n -> n.id().equals("conv10")
                ? n.withParam("filters", 3) : n).toList();
        NetworkSpec spec = new NetworkSpec(sample.name(), sample.description(), nodes);
        TrainingData data = TrainingData.open(new DataSpec(DataSpec.FASHION_MNIST,
                FashionMnist.DEFAULT_DIRECTORY.toString(), 3, 300, 0, 0, true), new Shape.FeatureMap(1, 28, 28));
        Path run = dir.resolve("run");
        Trainer.train(spec, data, TrainingConfig.defaults().withEpochs(2), run, new TrainingListener() { },
                new AtomicBoolean());
        for (TrainingListener.EpochMetrics m : new RunDirectory(run).metrics()) {
            assertThat(m.top1()).as("epoch %d", m.epoch()).isGreaterThan(0.8);
            assertThat(m.valLoss()).as("epoch %d", m.epoch()).isLessThan(2 * m.trainLoss());
        }
    }

    /** On generated images: after one epoch the network validates as well as it does with batch statistics. */
    @Test
    void aShortRunValidatesAsItTrains() throws Exception {
        Path idx = IdxFiles.learnableFashionMnist(dir.resolve("idx"), 300, 100);
        TrainingData data = TrainingData.open(new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 0, 0, 0, 0,
                false), new Shape.FeatureMap(1, 28, 28));
        Path run = dir.resolve("run");
        Trainer.train(batchNormCnn(), data, TrainingConfig.defaults().withEpochs(3).withBatchSize(20),
                run, new TrainingListener() { }, new AtomicBoolean());
        TrainingListener.EpochMetrics first = new RunDirectory(run).metrics().get(0);
        // what the network scores when it normalises with each batch's own statistics, as in training
        ComputationGraph graph = ModelFiles.load(run.resolve("checkpoint-epoch-1.zip"), false);
        SampleBatches val = new SampleBatches(data.validation(), 20, 10, false, InputLayout.current(), false, 1);
        long right = 0;
        long n = 0;
        while (val.hasNext()) {
            DataSet ds = val.next();
            INDArray p = graph.output(true, ds.getFeatures())[0];
            right += p.argMax(1).eq(ds.getLabels().argMax(1)).castTo(org.nd4j.linalg.api.buffer.DataType.INT)
                    .sumNumber().longValue();
            n += ds.numExamples();
        }
        double trainingMode = (double) right / n;
        System.out.printf("bn-cnn, epoch 1 of 15 batches: top-1 %.3f with the stored statistics, %.3f with batch "
                + "statistics%n", first.top1(), trainingMode);
        assertThat(trainingMode).isGreaterThan(0.3);
        assertThat(first.top1()).isCloseTo(trainingMode, within(0.1));
    }
}
