package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * {@link DataParallelFit}: the shares' averaged gradient gives the update of the whole batch ({@code
 * ComputationGraph.fit}), exactly where batch normalisation cannot tell the difference, and it leaves the thread
 * settings as it found them.
 */
class DataParallelFitTest {

    private static final AtomicBoolean NO_CANCEL = new AtomicBoolean();
    private static final EpochFit.BatchCheck NO_CHECK = (batch, batches, loss, images) -> null;

    /** Convolution, batch norm, ReLU, a Fire module, global pooling, softmax: no dropout (no random draws). */
    private static NetworkSpec withBatchNorm() throws Exception {
        return NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "bn", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 12, "width": 12},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3},
                  {"id": "bn1", "kind": "batchnorm", "inputs": ["conv1"]},
                  {"id": "relu1", "kind": "relu", "inputs": ["bn1"]},
                  {"id": "pool1", "kind": "maxpool", "inputs": ["relu1"], "kernel": 2, "stride": 2},
                  {"id": "fire2", "kind": "fire", "inputs": ["pool1"], "s1x1": 4, "e1x1": 8, "e3x3": 8},
                  {"id": "conv3", "kind": "conv", "inputs": ["fire2"], "filters": 5, "kernel": 1},
                  {"id": "pool", "kind": "globalavgpool", "inputs": ["conv3"]},
                  {"id": "prob", "kind": "softmax", "inputs": ["pool"]}]}
                """, "bn").spec();
    }

    /** Convolutions with ReLU and a fully connected layer: nothing that depends on the batch's statistics. */
    private static NetworkSpec withoutBatchNorm() throws Exception {
        return NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "plain", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 12, "width": 12},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 2,
                   "activation": "relu"},
                  {"id": "conv2", "kind": "conv", "inputs": ["conv1"], "filters": 8, "kernel": 3,
                   "activation": "relu"},
                  {"id": "fc", "kind": "fc", "inputs": ["conv2"], "units": 5},
                  {"id": "prob", "kind": "softmax", "inputs": ["fc"]}]}
                """, "plain").spec();
    }

    private static ComputationGraph graph(ConvertedGraph converted, TrainingConfig config) {
        return Trainer.newGraph(converted, config);
    }

    /** {@code count} batches of {@code n} random images (NHWC) and one-hot labels of 5 classes. */
    private static List<DataSet> batches(int count, int n, boolean twice, long seed) {
        Nd4j.getRandom().setSeed(seed);
        List<DataSet> batches = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            int distinct = twice ? n / 2 : n;
            INDArray x = Nd4j.rand(DataType.FLOAT, distinct, 12, 12, 1);
            INDArray y = Nd4j.zeros(DataType.FLOAT, distinct, 5);
            for (int i = 0; i < distinct; i++) {
                y.putScalar(i, (i + b) % 5, 1);
            }
            batches.add(twice ? new DataSet(Nd4j.concat(0, x, x), Nd4j.concat(0, y, y)) : new DataSet(x, y));
        }
        return batches;
    }

    private static double fit(EpochFit fit, ComputationGraph graph, List<DataSet> batches) throws Exception {
        EpochFit.Outcome o = fit.fit(graph, 1, batches.iterator(), batches.size(), NO_CHECK, NO_CANCEL);
        assertThat(o.batch()).isEqualTo(batches.size());
        return o.lossSum() / o.images();
    }

    private static void assertSameParameters(ComputationGraph a, ComputationGraph b, double tolerance) {
        INDArray diff = a.params().sub(b.params());
        double scale = a.params().amaxNumber().doubleValue();
        assertThat(diff.amaxNumber().doubleValue()).isLessThan(tolerance * scale);
    }

    @Test
    void twoWorkersUpdateAsTheWholeBatchWhereNothingDependsOnTheBatchStatistics() throws Exception {
        ConvertedGraph converted = Dl4jConverter.convert(withoutBatchNorm());
        for (TrainingConfig config : List.of(TrainingConfig.defaults().withLearningRate(0.01),
                TrainingConfig.defaults().withOptimizer(TrainingConfig.Optimizer.NESTEROVS).withLearningRate(0.05)
                        .withWeightDecay(1e-3))) {
            ComputationGraph whole = graph(converted, config);
            ComputationGraph shared = graph(converted, config);
            assertThat(shared.params()).isEqualTo(whole.params());
            List<DataSet> data = batches(4, 8, false, 7);
            double wholeLoss = fit(EpochFit.LOCAL, whole, data);
            double sharedLoss = fit(new DataParallelFit(2, 2), shared, data);
            assertThat(whole.params()).isNotEqualTo(graph(converted, config).params());
            assertSameParameters(whole, shared, 1e-5);
            assertThat(sharedLoss).isCloseTo(wholeLoss, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(shared.getIterationCount()).isEqualTo(whole.getIterationCount()).isEqualTo(4);
            // the updater's state (Adam's moments, the momentum) moved the same way
            assertThat(shared.getUpdater().getStateViewArray().sub(whole.getUpdater().getStateViewArray())
                    .amaxNumber().doubleValue()).isLessThan(1e-5);
        }
    }

    /**
     * Each share holds the same images, so each share's batch statistics are the whole batch's: the gradients,
     * and the updates of the running mean and variance (averaged, not summed), are the whole batch's. (Plain SGD:
     * the bias of a convolution before batch norm has a gradient of rounding noise only, which Adam would scale up
     * to a full step of either sign.)
     */
    @Test
    void withBatchNormTheUpdateIsTheWholeBatchsWhenTheSharesHaveItsStatistics() throws Exception {
        ConvertedGraph converted = Dl4jConverter.convert(withBatchNorm());
        TrainingConfig config = TrainingConfig.defaults().withOptimizer(TrainingConfig.Optimizer.SGD)
                .withLearningRate(0.1);
        ComputationGraph whole = graph(converted, config);
        ComputationGraph shared = graph(converted, config);
        List<DataSet> data = batches(3, 8, true, 11);
        fit(EpochFit.LOCAL, whole, data);
        fit(new DataParallelFit(2, 2), shared, data);
        assertSameParameters(whole, shared, 1e-4);
        INDArray mean = shared.getLayer("bn1").getParam("mean");
        assertThat(mean.amaxNumber().doubleValue()).isGreaterThan(0);   // the running mean did move
        assertThat(mean.sub(whole.getLayer("bn1").getParam("mean")).amaxNumber().doubleValue())
                .isLessThan(1e-5);

        // different images in the shares: close to the whole batch, but not the same (each share's statistics)
        ComputationGraph wholeB = graph(converted, config);
        ComputationGraph sharedB = graph(converted, config);
        List<DataSet> distinct = batches(3, 8, false, 11);
        fit(EpochFit.LOCAL, wholeB, distinct);
        fit(new DataParallelFit(2, 2), sharedB, distinct);
        assertThat(sharedB.params().sub(wholeB.params()).amaxNumber().doubleValue()).isGreaterThan(1e-6);
    }

    @Test
    void listenersSeeTheAveragedGradientAndEveryStepAndAnOddBatchTrainsWhole() throws Exception {
        ConvertedGraph converted = Dl4jConverter.convert(withoutBatchNorm());
        TrainingConfig config = TrainingConfig.defaults();
        ComputationGraph shared = graph(converted, config);
        AtomicInteger gradients = new AtomicInteger();
        AtomicInteger steps = new AtomicInteger();
        List<Integer> iterations = new ArrayList<>();
        shared.setListeners(new BaseTrainingListener() {
            @Override
            public void onGradientCalculation(Model model) {
                gradients.incrementAndGet();
            }

            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                steps.incrementAndGet();
                iterations.add(iteration);
            }
        });
        List<DataSet> data = batches(3, 6, false, 3);
        data.add(batches(1, 5, false, 4).get(0));   // 5 images: no even split
        ComputationGraph whole = graph(converted, config);
        fit(EpochFit.LOCAL, whole, data);
        fit(new DataParallelFit(2, 2), shared, data);
        assertThat(gradients).hasValue(4);
        assertThat(steps).hasValue(4);
        assertThat(iterations).containsExactly(0, 1, 2, 3);
        assertSameParameters(whole, shared, 1e-5);
    }

    @Test
    void threadSettingsAreRestoredAndCancelStopsBeforeTheNextBatch() throws Exception {
        ConvertedGraph converted = Dl4jConverter.convert(withoutBatchNorm());
        ComputationGraph g = graph(converted, TrainingConfig.defaults());
        int maxThreads = Nd4j.getEnvironment().maxThreads();
        int omp = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        AtomicBoolean cancel = new AtomicBoolean();
        List<DataSet> data = batches(3, 4, false, 5);
        EpochFit.Outcome o = new DataParallelFit(2, 2).fit(g, 1, data.iterator(), 3,
                (batch, batches, loss, images) -> {
                    cancel.set(batch == 2);
                    return null;
                }, cancel);
        assertThat(o.cancelled()).isTrue();
        assertThat(o.batch()).isEqualTo(2);
        assertThat(o.images()).isEqualTo(8);
        assertThat(Nd4j.getEnvironment().maxThreads()).isEqualTo(maxThreads);
        assertThat(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()).isEqualTo(omp);
        assertThatThrownBy(() -> new DataParallelFit(1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTrainerUsesTheWorkersOfTheConfigOnTheCpu() {
        assertThat(Trainer.onThisMachine(EpochFit.LOCAL, TrainingConfig.defaults()))
                .isSameAs(EpochFit.LOCAL);
        assertThat(Trainer.onThisMachine(EpochFit.LOCAL, TrainingConfig.defaults().withWorkers(2)))
                .isInstanceOf(DataParallelFit.class);
        EpochFit elsewhere = EpochFit.batchByBatch(EpochFit.WHOLE_BATCH);
        assertThat(Trainer.onThisMachine(elsewhere, TrainingConfig.defaults().withWorkers(2))).isSameAs(elsewhere);
        assertThatThrownBy(() -> TrainingConfig.defaults().withWorkers(-1))
                .hasMessageContaining("workers must be from 1 to 64");
    }
}
