package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.engine.compression.LayerPlan;
import org.cnnworkbench.engine.compression.MagnitudePruning;
import org.cnnworkbench.engine.compression.SizeBreakdown;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.data.ImageSample;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Compression of a real (small) trained run: pruning masks that hold through fine-tuning, shared weights, the
 * compressed file and its decoder, resume, SVD.
 */
class CompressorTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path source;
    private static double sourceTop1;

    static NetworkSpec network() throws Exception {
        return NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "small-mlp-cnn", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 2,
                   "activation": "relu"},
                  {"id": "bn1", "kind": "batchnorm", "inputs": ["conv1"]},
                  {"id": "conv2", "kind": "conv", "inputs": ["bn1"], "filters": 16, "kernel": 3, "stride": 2,
                   "activation": "relu"},
                  {"id": "fc1", "kind": "fc", "inputs": ["conv2"], "units": 64, "activation": "relu"},
                  {"id": "fc2", "kind": "fc", "inputs": ["fc1"], "units": 10},
                  {"id": "prob", "kind": "softmax", "inputs": ["fc2"]}]}
                """, "small").spec();
    }

    @BeforeAll
    static void trainSource() throws Exception {
        Path idx = IdxFiles.learnableFashionMnist(shared.resolve("idx"), 200, 60);
        TrainingData data = TrainingData.open(new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 0, 0, 0, 0, false),
                new Shape.FeatureMap(1, 28, 28));
        source = shared.resolve("source");
        RunSummary s = Trainer.train(network(), data, TrainingConfig.defaults().withEpochs(3).withBatchSize(20)
                .withLearningRate(0.003), source, new TrainingListener() { }, new AtomicBoolean());
        sourceTop1 = s.top1();
        assertThat(sourceTop1).isGreaterThan(0.5);
    }

    private static CompressionJob deepCompression(int pruneEpochs, int quantizeEpochs) {
        return new CompressionJob(null, null, 0, List.of(CompressionJob.Method.PRUNE, CompressionJob.Method.QUANTIZE,
                CompressionJob.Method.HUFFMAN), Map.of(), List.of(new LayerPlan("conv1", 0.8, 5, 4),
                new LayerPlan("conv2", 0.5, 4, 4), new LayerPlan("fc1", 0.2, 3, 4), new LayerPlan("fc2", 0.5, 4, 4)),
                0, pruneEpochs, quantizeEpochs, 1e-4, ModelChoice.BEST);
    }

    private static final Compressor.FineTune FINE_TUNE = new Compressor.FineTune(3e-4, 0, 0, 20);

    @Test
    void deepCompressionKeepsMasksAndCodebooksAndWritesAFileThatDecodesToTheSameModel() throws Exception {
        Path out = dir.resolve("dc");
        RunSummary s = Compressor.compress(source, deepCompression(1, 1), FINE_TUNE, out, new TrainingListener() { },
                new AtomicBoolean());
        assertThat(s.status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(s.top1()).isGreaterThan(sourceTop1 - 0.2);

        ComputationGraph afterPrune = ModelFiles.load(out.resolve("checkpoint-epoch-1.zip"), false);
        ComputationGraph last = ModelFiles.load(out.resolve("model.zip"), false);
        ConvertedGraph converted = Dl4jConverter.convert(network());
        for (GraphWeights.WeightLayer layer : GraphWeights.compressible(last, converted)) {
            LayerPlan plan = deepCompression(1, 1).plan(layer.node()).orElseThrow();
            float[] pruned = GraphWeights.read(afterPrune, layer.vertex(), GraphWeights.WEIGHTS);
            float[] shared = GraphWeights.read(last, layer.vertex(), GraphWeights.WEIGHTS);
            int kept = MagnitudePruning.keptCount(pruned.length, plan.density());
            assertThat(nonZero(pruned)).as(layer.node()).isEqualTo(kept);
            // the mask held through the quantization epoch: the same weights are zero
            for (int i = 0; i < pruned.length; i++) {
                assertThat(shared[i] == 0f).as(layer.node() + " weight " + i).isEqualTo(pruned[i] == 0f);
            }
            Set<Float> distinct = new HashSet<>();
            for (float v : shared) {
                if (v != 0f) {
                    distinct.add(v);
                }
            }
            assertThat(distinct.size()).as(layer.node()).isLessThanOrEqualTo(1 << plan.bits()).isGreaterThan(1);
        }

        Path file = out.resolve(CompressedModels.FILE);
        CompressedModels.Report report = CompressedModels.readReport(out);
        assertThat(report.fileBytes()).isEqualTo(Files.size(file));
        assertThat(report.sizes().totalBytes()).isEqualTo(Files.size(file));
        long sum = report.sizes().headerBytes() + report.sizes().metadataBytes() + report.sizes().checksumBytes();
        for (SizeBreakdown.TensorSize t : report.sizes().tensors()) {
            sum += t.totalBytes();
        }
        assertThat(sum).isEqualTo(Files.size(file));
        assertThat(report.fileBytes()).isLessThan(report.originalBytes() / 4);

        // the file alone gives the predictions of the compressed model before it was written
        Predictor fromZip = Predictor.load(out);
        Predictor fromFile = Predictor.load(file);
        List<ImageSample> images = validation(out, 30);
        float[][] a = fromZip.probabilities(images);
        float[][] b = fromFile.probabilities(images);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).containsExactly(a[i]);
        }
        assertThat(fromFile.graph().params().equals(fromZip.graph().params())).isTrue();
    }

    @Test
    void pruningOverTwoEpochsPrunesInTwoStepsAndAWeightOncePrunedStaysPruned() throws Exception {
        Path out = dir.resolve("iterative");
        CompressionJob job = new CompressionJob(null, null, 0, List.of(CompressionJob.Method.PRUNE), Map.of(),
                List.of(new LayerPlan("conv2", 0.25, 32, 4), new LayerPlan("fc1", 0.09, 32, 4)), 0, 2, 0, 0, ModelChoice.BEST);
        RunSummary s = Compressor.compress(source, job, FINE_TUNE, out, new TrainingListener() { },
                new AtomicBoolean());
        assertThat(s.status()).isEqualTo(RunSummary.Status.COMPLETED);
        ComputationGraph first = ModelFiles.load(out.resolve("checkpoint-epoch-1.zip"), false);
        ComputationGraph last = ModelFiles.load(out.resolve("model.zip"), false);
        for (GraphWeights.WeightLayer layer : GraphWeights.compressible(last, Dl4jConverter.convert(network()))) {
            float[] step1 = GraphWeights.read(first, layer.vertex(), GraphWeights.WEIGHTS);
            float[] step2 = GraphWeights.read(last, layer.vertex(), GraphWeights.WEIGHTS);
            var plan = job.plan(layer.node());
            if (plan.isEmpty()) {
                assertThat(nonZero(step2)).as(layer.node()).isEqualTo(step2.length);
                continue;
            }
            double d = plan.get().density();
            // step 1 keeps sqrt(d) of the weights (0.5, 0.3), step 2 d of them
            assertThat(nonZero(step1)).as(layer.node()).isEqualTo(MagnitudePruning.keptCount(step1.length,
                    Math.sqrt(d)));
            assertThat(nonZero(step2)).as(layer.node()).isEqualTo(MagnitudePruning.keptCount(step2.length, d));
            for (int i = 0; i < step1.length; i++) {
                if (step1[i] == 0f) {
                    assertThat(step2[i]).as(layer.node() + " weight " + i).isZero();
                }
            }
        }
    }

    @Test
    void aStageWithoutEpochsReestimatesTheBatchNormStatisticsOfTheChangedWeights() throws Exception {
        Path out = dir.resolve("quantized-at-the-end");
        // quantization has no epochs of its own: it changes the weights after the last (pruning) epoch
        Compressor.compress(source, deepCompression(1, 0), FINE_TUNE, out, new TrainingListener() { },
                new AtomicBoolean());
        ComputationGraph model = ModelFiles.load(out.resolve("model.zip"), false);
        TrainingData data = TrainingData.open(new RunDirectory(out).dataInfo().data(), new Shape.FeatureMap(1, 28,
                28), new RunDirectory(out).dataInfo().mean());
        SampleBatches all = new SampleBatches(data.train(), 1000, 10, false, InputLayout.current(), false, 1);
        INDArray conv1 = model.feedForward(new INDArray[] {all.next().getFeatures()}, false, false).get("conv1");
        double[] mean = conv1.mean(0, 1, 2).toDoubleVector();
        double[] stored = model.getLayer("bn1").paramTable().get("mean").toDoubleVector();
        for (int c = 0; c < mean.length; c++) {
            assertThat(stored[c]).as("channel %d", c).isCloseTo(mean[c], within(1e-5 + 1e-4 * Math.abs(mean[c])));
        }
    }

    @Test
    void aDamagedCompressedFileIsRefusedNotDecoded() throws Exception {
        Path out = dir.resolve("dc");
        Compressor.compress(source, deepCompression(1, 0), FINE_TUNE, out, new TrainingListener() { },
                new AtomicBoolean());
        Path file = out.resolve(CompressedModels.FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Path damaged = dir.resolve("damaged.cwbz");
        Files.write(damaged, bytes);
        assertThatThrownBy(() -> Predictor.load(damaged)).hasMessageContaining("damaged.cwbz")
                .hasMessageContaining("checksum");
        Path truncated = dir.resolve("truncated.cwbz");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(file), bytes.length - 9));
        assertThatThrownBy(() -> Predictor.load(truncated)).hasMessageContaining("truncated.cwbz");
    }

    @Test
    void anInterruptedCompressionResumesToTheParametersOfAnUninterruptedOne() throws Exception {
        Path straight = dir.resolve("straight");
        Compressor.compress(source, deepCompression(1, 1), FINE_TUNE, straight, new TrainingListener() { },
                new AtomicBoolean());
        Path interrupted = dir.resolve("interrupted");
        AtomicBoolean cancel = new AtomicBoolean();
        RunSummary stopped = Compressor.compress(source, deepCompression(1, 1), FINE_TUNE, interrupted,
                new TrainingListener() {
                    @Override
                    public void progress(Progress p) {
                        if (p.epoch() == 2) {
                            cancel.set(true);
                        }
                    }
                }, cancel);
        assertThat(stopped.status()).isEqualTo(RunSummary.Status.CANCELLED);
        assertThat(interrupted.resolve(CompressedModels.FILE)).doesNotExist();
        RunSummary resumed = Compressor.resume(interrupted, new TrainingListener() { }, new AtomicBoolean());
        assertThat(resumed.status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(ModelFiles.load(interrupted.resolve("model.zip"), false).params())
                .isEqualTo(ModelFiles.load(straight.resolve("model.zip"), false).params());
        assertThat(Files.readAllBytes(interrupted.resolve(CompressedModels.FILE)))
                .isEqualTo(Files.readAllBytes(straight.resolve(CompressedModels.FILE)));
    }

    @Test
    void svdFactorisesAFullyConnectedLayerIntoTwoAndFineTunesThem() throws Exception {
        Path out = dir.resolve("svd");
        CompressionJob job = new CompressionJob(null, null, 0, List.of(CompressionJob.Method.SVD), Map.of("fc1", 8.0),
                List.of(), 1, 0, 0, 0, ModelChoice.BEST);
        RunSummary s = Compressor.compress(source, job, FINE_TUNE, out, new TrainingListener() { },
                new AtomicBoolean());
        assertThat(s.status()).isEqualTo(RunSummary.Status.COMPLETED);
        NetworkSpec spec = new RunDirectory(out).spec();
        assertThat(spec.node("fc1_lr").orElseThrow().param("units")).isEqualTo(8L);
        assertThat(spec.node("fc1").orElseThrow().inputs()).containsExactly("fc1_lr");
        // conv2's 16x6x6 = 576 outputs: fc1 had 576 x 64 weights, the factors 576 x 8 + 8 x 64
        long before = new RunDirectory(source).summary().orElseThrow().params();
        assertThat(s.params()).isEqualTo(before - 576 * 64 + 576 * 8 + 8 * 64);
        assertThat(s.top1()).isGreaterThan(sourceTop1 - 0.25);
        assertThat(Predictor.load(out.resolve(CompressedModels.FILE)).graph().numParams()).isEqualTo(s.params());
    }

    @Test
    void aJobNamingAnUnknownLayerIsRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("bad");
        CompressionJob job = new CompressionJob(null, null, 0, List.of(CompressionJob.Method.PRUNE), Map.of(),
                List.of(new LayerPlan("fc9", 0.5, 32, 4)), 0, 1, 0, 0, ModelChoice.BEST);
        assertThatThrownBy(() -> Compressor.compress(source, job, FINE_TUNE, out, new TrainingListener() { },
                new AtomicBoolean())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fc9'")
                .hasMessageContaining("conv1, conv2, fc1, fc2");
        assertThat(out).doesNotExist();
    }

    private static int nonZero(float[] values) {
        int n = 0;
        for (float v : values) {
            n += v != 0f ? 1 : 0;
        }
        return n;
    }

    private static List<ImageSample> validation(Path run, int n) throws Exception {
        RunDirectory.DataInfo info = new RunDirectory(run).dataInfo();
        TrainingData data = TrainingData.open(info.data(), new Shape.FeatureMap(1, 28, 28), info.mean());
        List<ImageSample> images = new ArrayList<>();
        for (int i = 0; i < Math.min(n, data.validation().size()); i++) {
            images.add(data.validation().read(i, null).orElseThrow());
        }
        return images;
    }
}
