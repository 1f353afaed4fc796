package org.cnnworkbench.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.engine.dl4j.DataSpec;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.dl4j.Trainer;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import org.cnnworkbench.engine.dl4j.TrainingData;
import org.cnnworkbench.engine.dl4j.TrainingListener;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on local[2] through DL4J's parameter averaging, in the same run directory as local training. */
class SparkEpochFitTest {

    @TempDir
    Path dir;

    static NetworkSpec smallCnn() throws Exception {
        return NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "small-cnn", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 2,
                   "activation": "relu"},
                  {"id": "fc", "kind": "fc", "inputs": ["conv1"], "units": 10},
                  {"id": "prob", "kind": "softmax", "inputs": ["fc"]}]}
                """, "small-cnn").spec();
    }

    @Test
    void trainsOnLocalTwoTheLossFallsAndAStoppedRunResumes() throws Exception {
        Path idx = IdxFiles.learnableFashionMnist(dir.resolve("idx"), 256, 64);
        DataSpec spec = new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 0, 0, 0, 0, false);
        TrainingData data = TrainingData.open(spec, new Shape.FeatureMap(1, 28, 28));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(3).withBatchSize(16).withLearningRate(0.01);
        Path run = dir.resolve("run");
        List<Double> losses = new ArrayList<>();
        AtomicBoolean cancel = new AtomicBoolean();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void progress(Progress p) {
                losses.add(p.loss());
            }

            @Override
            public void epochEnded(EpochMetrics m) {
                if (m.epoch() == 2) {
                    cancel.set(true);
                }
            }
        };
        RunSummary first;
        try (SparkEpochFit fit = new SparkEpochFit(SparkSettings.of("local[2]", 0, 2), run.resolve("spark-batches"),
                config.seed())) {
            first = Trainer.train(smallCnn(), data, config, run, listener, cancel, fit);
        }
        assertThat(first.status()).isEqualTo(RunSummary.Status.CANCELLED);
        assertThat(first.epochs()).isEqualTo(2);
        // 256 images in batches of 16: 16 files, 2 workers x 2 batches a round: 4 rounds an epoch
        assertThat(Files.readAllLines(run.resolve("spark-batches").resolve(SparkEpochFit.INDEX))).hasSize(16);
        assertThat(losses).hasSizeGreaterThanOrEqualTo(8);
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0));
        assertThat(first.top1()).isGreaterThan(0.3);   // chance is 0.1
        // the averaged parameters that came back to the driver changed from one epoch to the next
        org.nd4j.linalg.api.ndarray.INDArray epoch1 = org.deeplearning4j.nn.graph.ComputationGraph.load(
                run.resolve("checkpoint-epoch-1.zip").toFile(), false).params();
        org.nd4j.linalg.api.ndarray.INDArray epoch2 = org.deeplearning4j.nn.graph.ComputationGraph.load(
                run.resolve("checkpoint-epoch-2.zip").toFile(), false).params();
        assertThat(epoch1.length()).isEqualTo(epoch2.length());
        assertThat(epoch1.sub(epoch2).norm2Number().doubleValue()).isGreaterThan(1e-3);
        cancel.set(false);
        RunSummary resumed;
        try (SparkEpochFit fit = new SparkEpochFit(SparkSettings.of("local[2]", 0, 2), run.resolve("spark-batches"),
                config.seed())) {
            resumed = Trainer.resume(run, 3, new TrainingListener() { }, cancel, fit);
        }
        assertThat(resumed.status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(resumed.epochs()).isEqualTo(3);
    }

    @Test
    @org.junit.jupiter.api.Timeout(300)
    void gradientSharingTrainsOnLocalTwoAndRecordsItsSettings() throws Exception {
        Path idx = IdxFiles.learnableFashionMnist(dir.resolve("idx"), 256, 64);
        DataSpec spec = new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 0, 0, 0, 0, false);
        TrainingData data = TrainingData.open(spec, new Shape.FeatureMap(1, 28, 28));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(3).withBatchSize(16).withLearningRate(0.01);
        Path run = dir.resolve("shared");
        List<Double> losses = new ArrayList<>();
        SparkSettings sharing = SparkSettings.of("local[2]", 0, 2).withSharing(1e-3);
        // with batch norm, whose running statistics the workers do not share with the driver
        NetworkSpec withBatchNorm = NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "small-bn-cnn", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 2},
                  {"id": "bn1", "kind": "batchnorm", "inputs": ["conv1"]},
                  {"id": "relu1", "kind": "relu", "inputs": ["bn1"]},
                  {"id": "fc", "kind": "fc", "inputs": ["relu1"], "units": 10},
                  {"id": "prob", "kind": "softmax", "inputs": ["fc"]}]}
                """, "small-bn-cnn").spec();
        List<TrainingListener.EpochMetrics> epochs = new ArrayList<>();
        TrainingListener recording = new TrainingListener() {
            @Override
            public void progress(Progress p) {
                losses.add(p.loss());
            }

            @Override
            public void epochEnded(EpochMetrics m) {
                epochs.add(m);
            }
        };
        RunSummary summary = SparkTraining.train(withBatchNorm, data, config, run, sharing, recording,
                new AtomicBoolean());
        assertThat(summary.status()).isEqualTo(RunSummary.Status.COMPLETED);
        // the progress loss is a training loss of the model being trained: by the end of epoch 1 it is near that
        // epoch's validation loss (scored with the driver's batch-norm statistics, which stay as they were until the
        // epoch's re-estimate, it stayed near 1.5 while the validation loss was 0.07)
        // 256 images in batches of 16, 2 workers x 2 batches a round: 4 rounds an epoch
        assertThat(losses).hasSize(12);
        assertThat(losses.get(3)).isLessThan(Math.max(0.5, 3 * epochs.get(0).valLoss()));
        assertThat(losses).allSatisfy(l -> assertThat(l).isPositive());   // the driver's own score, not DL4J's 0
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0));
        assertThat(summary.top1()).isGreaterThan(0.3);   // chance is 0.1
        assertThat(SparkTraining.read(run)).isEqualTo(sharing);
        assertThat(SparkTraining.read(run).mode()).isEqualTo(SparkSettings.Mode.SHARING);
    }

    @Test
    void everyLocalWorkerHasTheOneDnnFastPath() {
        try (SparkEpochFit fit = new SparkEpochFit(SparkSettings.of("local[2]", 0, 1), dir, 1)) {
            List<WorkerFastPath> workers = fit.workerFastPath();
            assertThat(workers).isNotEmpty().allSatisfy(w -> {
                assertThat(w.engaged()).as(w.description()).isTrue();
                assertThat(w.executor()).startsWith("driver on ");   // local[N]: threads of this JVM
                assertThat(w.description()).contains("convolution helper MKLDNNConvHelper");
            });
        }
    }

    @Test
    void settingsWrittenBeforeGradientSharingReadAsAveraging() throws Exception {
        Files.createDirectories(dir.resolve("old"));
        Files.writeString(dir.resolve("old").resolve(SparkTraining.FILE),
                "{\"master\" : \"local[2]\", \"workers\" : 2, \"averagingFrequency\" : 5}");
        assertThat(SparkTraining.read(dir.resolve("old"))).isEqualTo(new SparkSettings("local[2]", 2, 5));
        assertThatThrownBy(() -> SparkSettings.of("local[2]", 0, 5).withSharing(0))
                .hasMessageContaining("threshold must be above 0");
    }

    @Test
    void aBadMasterUrlIsOneClearError() {
        SparkEpochFit fit = new SparkEpochFit(new SparkSettings("nonsense://x", 2, 1), dir, 1);
        assertThatThrownBy(fit::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot start Spark with master 'nonsense://x'")
                .hasMessageContaining("Could not parse Master URL");
        assertThatThrownBy(() -> SparkSettings.of("spark://host:7077", 0, 1))
                .hasMessageContaining("give the number of Spark workers");
    }
}
