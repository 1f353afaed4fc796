package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.cnnworkbench.engine.data.FashionMnist;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.data.ImageSample;
import org.cnnworkbench.engine.data.RealFashionMnist;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {

    @TempDir
    Path dir;

    private static final AtomicBoolean NO_CANCEL = new AtomicBoolean();

    /** A tiny network with batch norm and dropout, so that resume must restore their state and random draws. */
    static NetworkSpec tinySpec(int classes) throws Exception {
        return NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "tiny", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 2},
                  {"id": "bn1", "kind": "batchnorm", "inputs": ["conv1"]},
                  {"id": "relu1", "kind": "relu", "inputs": ["bn1"]},
                  {"id": "drop1", "kind": "dropout", "inputs": ["relu1"], "rate": 0.2},
                  {"id": "conv2", "kind": "conv", "inputs": ["drop1"], "filters": %d, "kernel": 1},
                  {"id": "pool", "kind": "globalavgpool", "inputs": ["conv2"]},
                  {"id": "prob", "kind": "softmax", "inputs": ["pool"]}]}
                """.formatted(classes), "tiny").spec();
    }

    /** Synthetic IDX files: 120 train and 40 test images whose brightness pattern depends on the label. */
    private Path fakeFashion() throws IOException {
        return IdxFiles.learnableFashionMnist(dir.resolve("idx"), 120, 40);
    }

    /** A small plain CNN (about 0.3M MACs per image, 20x less than fashion-squeezenet) to keep the test fast. */
    static NetworkSpec smallCnn() throws Exception {
        return NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "small-cnn", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 16, "kernel": 3, "stride": 2,
                   "activation": "relu"},
                  {"id": "conv2", "kind": "conv", "inputs": ["conv1"], "filters": 32, "kernel": 3, "stride": 2,
                   "activation": "relu"},
                  {"id": "fc", "kind": "fc", "inputs": ["conv2"], "units": 10},
                  {"id": "prob", "kind": "softmax", "inputs": ["fc"]}]}
                """, "small-cnn").spec();
    }

    @Test
    void fashionSqueezenetTrainsAnEpochOnAFewImages() throws Exception {
        Path idx = IdxFiles.learnableFashionMnist(dir.resolve("idx"), 64, 16);
        trainFashionSqueezenetForAnEpoch(new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 0, 0, 0, 0, true), 16);
    }

    @Test
    @RealFashionMnist
    void fashionSqueezenetTrainsAnEpochOnAFewImagesOfTheInstalledDataSet() throws Exception {
        trainFashionSqueezenetForAnEpoch(DataSpec.fashionMnist(256, 64), 64);
    }

    private void trainFashionSqueezenetForAnEpoch(DataSpec dataSpec, int batch) throws Exception {
        NetworkSpec spec = NetworkJson.read(Path.of("../sample-networks/networks/fashion-squeezenet.json")).spec();
        TrainingData data = TrainingData.open(dataSpec, new org.cnnworkbench.engine.model.Shape.FeatureMap(1, 28, 28));
        RunSummary summary = Trainer.train(spec, data, TrainingConfig.defaults().withEpochs(1).withBatchSize(batch),
                dir.resolve("squeeze"), new TrainingListener() { }, NO_CANCEL);
        System.out.printf("fashion-squeezenet %d/%d, 1 epoch: %.0f images/s%n", data.train().size(),
                data.validation().size(), summary.imagesPerSecond());
        assertThat(summary.status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(summary.params()).isEqualTo(61_834);
        assertThat(summary.top1()).isBetween(0.0, 1.0);
    }

    @Test
    void shortRunLowersTheLossAndBeatsChance() throws Exception {
        Path idx = IdxFiles.learnableFashionMnist(dir.resolve("idx"), 200, 50);
        // not augmented: a shift of the bright rows would turn one label's pattern into another's
        shortRunLowersTheLossAndBeatsChance(new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 0, 0, 0, 0, false),
                10);
    }

    @Test
    @RealFashionMnist
    void shortFashionMnistRunLowersTheLossAndBeatsChance() throws Exception {
        shortRunLowersTheLossAndBeatsChance(DataSpec.fashionMnist(2_000, 500), 50);
    }

    private void shortRunLowersTheLossAndBeatsChance(DataSpec dataSpec, int batch) throws Exception {
        NetworkSpec spec = smallCnn();
        TrainingData data = TrainingData.open(dataSpec, new org.cnnworkbench.engine.model.Shape.FeatureMap(1, 28, 28));
        List<Double> losses = new ArrayList<>();
        Path run = dir.resolve("run");
        RunSummary summary = Trainer.train(spec, data, TrainingConfig.defaults().withEpochs(2).withBatchSize(batch)
                .withLearningRate(0.003), run, new TrainingListener() {
                    @Override
                    public void progress(Progress p) {
                        losses.add(p.loss());
                    }
                }, NO_CANCEL);
        System.out.printf("small-cnn %d/%d, 2 epochs: top-1 %.3f top-5 %.3f, %.0f images/s, %.1f s%n",
                data.train().size(), data.validation().size(), summary.top1(), summary.top5(),
                summary.imagesPerSecond(), summary.wallSeconds());
        assertThat(summary.status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(summary.top1()).isGreaterThan(0.4);
        assertThat(summary.top5()).isGreaterThanOrEqualTo(summary.top1());
        double firstTen = losses.subList(0, 10).stream().mapToDouble(d -> d).average().orElseThrow();
        double lastTen = losses.subList(losses.size() - 10, losses.size()).stream().mapToDouble(d -> d)
                .average().orElseThrow();
        assertThat(lastTen).isLessThan(firstTen * 0.7);
        assertThat(new RunDirectory(run).metricsRows()).hasSize(2);
        for (String f : List.of("spec.json", "config.json", "data.json", "metrics.csv", "summary.json",
                "model.zip", "checkpoint-epoch-2.zip")) {
            assertThat(run.resolve(f)).exists();
        }
        assertThat(summary.modelBytes()).isEqualTo(Files.size(run.resolve("model.zip")));

        // the saved model gives exactly the validation accuracy measured in memory before saving
        Predictor predictor = Predictor.load(run);
        List<ImageSample> val = new ArrayList<>();
        for (int i = 0; i < data.validation().size(); i++) {
            val.add(data.validation().read(i, null).orElseThrow());
        }
        float[][] p = predictor.probabilities(val);
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int c = 1; c < p[i].length; c++) {
                best = p[i][c] > p[i][best] ? c : best;
            }
            correct += best == val.get(i).label() ? 1 : 0;
        }
        assertThat((double) correct / p.length).isEqualTo(summary.top1());
    }

    /** With 2 workers too: each worker thread's dropout draws are seeded per epoch, so resuming is exact. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void resumingFromACheckpointGivesTheParametersOfAnUninterruptedRun(int workers) throws Exception {
        Path idx = fakeFashion();
        DataSpec dataSpec = new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 0, 0, 0, 0, true);
        TrainingData data = TrainingData.open(dataSpec, new org.cnnworkbench.engine.model.Shape.FeatureMap(1, 28, 28));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(2).withBatchSize(16).withWorkers(workers);
        Path straight = dir.resolve("straight");
        Trainer.train(tinySpec(10), data, config, straight, new TrainingListener() { }, NO_CANCEL);

        Path resumed = dir.resolve("resumed");
        RunSummary first = Trainer.train(tinySpec(10), data, config.withEpochs(1), resumed,
                new TrainingListener() { }, NO_CANCEL);
        assertThat(first.epochs()).isEqualTo(1);
        RunSummary second = Trainer.resume(resumed, 2, new TrainingListener() { }, NO_CANCEL);
        assertThat(second.epochs()).isEqualTo(2);

        ComputationGraph a = ModelSerializer.restoreComputationGraph(straight.resolve("model.zip").toFile(), false);
        ComputationGraph b = ModelSerializer.restoreComputationGraph(resumed.resolve("model.zip").toFile(), false);
        assertThat(b.params()).isEqualTo(a.params());
        assertThat(new RunDirectory(resumed).metricsRows()).hasSize(2);

        // the saved model reproduces the validation loss measured in memory before saving
        Predictor predictor = Predictor.load(resumed, ModelChoice.LAST);
        List<ImageSample> val = new ArrayList<>();
        for (int i = 0; i < data.validation().size(); i++) {
            val.add(data.validation().read(i, null).orElseThrow());
        }
        float[][] p = predictor.probabilities(val);
        double loss = 0;
        for (int i = 0; i < p.length; i++) {
            loss -= Math.log(Math.max(p[i][val.get(i).label()], 1e-10));
        }
        String[] last = new RunDirectory(resumed).metricsRows().get(1).split(",");
        assertThat(loss / p.length).isCloseTo(Double.parseDouble(last[2]), org.assertj.core.data.Offset.offset(1e-6));

        // an image file goes through the same normalisation: a PNG of a test image gives its probabilities
        BufferedImage png = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        FashionMnist.Split test = FashionMnist.open(idx).load(FashionMnist.Subset.TEST, 1);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                png.getRaster().setSample(x, y, 0, test.pixel(0, y, x));
            }
        }
        Path file = dir.resolve("test0.png");
        ImageIO.write(png, "png", file.toFile());
        Predictor.ClassScore best = predictor.predictFiles(List.of(file), 1).get(0).classes().get(0);
        int argmax = 0;
        for (int c = 1; c < p[0].length; c++) {
            argmax = p[0][c] > p[0][argmax] ? c : argmax;
        }
        assertThat(best.label()).isEqualTo(argmax);
        assertThat(best.probability()).isCloseTo(p[0][argmax], org.assertj.core.data.Offset.offset(1e-6));
        assertThat(new RunDirectory(resumed).metricsRows().get(1).split(",")[4])
                .isEqualTo(new RunDirectory(straight).metricsRows().get(1).split(",")[4]);
    }

    @Test
    void nanLossStopsTheRunWithAClearMessage() throws Exception {
        List<ImageSample> samples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[] chw = new float[784];
            chw[i] = i == 5 ? Float.NaN : 0.5f;
            samples.add(new ImageSample(chw, 1, 28, 28, i % 10));
        }
        TrainingData data = TrainingData.of(samples, samples.subList(0, 10), FashionMnist.CLASS_NAMES);
        Path run = dir.resolve("nan");
        // No ReLU here: oneDNN's ReLU turns NaN into 0, which would hide the bad value from the loss.
        NetworkSpec linear = NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "linear", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 10, "kernel": 3, "stride": 2},
                  {"id": "pool", "kind": "globalavgpool", "inputs": ["conv1"]},
                  {"id": "prob", "kind": "softmax", "inputs": ["pool"]}]}
                """, "linear").spec();
        RunSummary summary = Trainer.train(linear, data, TrainingConfig.defaults().withEpochs(2)
                .withBatchSize(40), run, new TrainingListener() { }, NO_CANCEL);
        assertThat(summary.status()).isEqualTo(RunSummary.Status.DIVERGED);
        assertThat(summary.message()).containsAnyOf("the loss is NaN", "the parameters became NaN")
                .contains("epoch 1, batch 1")
                .contains("Lower the learning rate");
        assertThat(new RunDirectory(run).summary()).contains(summary);
        assertThat(run.resolve("model.zip")).doesNotExist();
    }

    @Test
    void lossGuardNamesExplodingLosses() {
        assertThat(Trainer.lossProblem(2.3, 2.3)).isNull();
        assertThat(Trainer.lossProblem(Double.POSITIVE_INFINITY, 2.3)).isEqualTo("the loss is infinite");
        assertThat(Trainer.lossProblem(3e4, 2.3)).startsWith("the loss exploded to 3.000e+04");
    }

    @Test
    void corruptImageInAFolderIsSkippedAndCountedAndCancelKeepsTheLastEpoch() throws Exception {
        Path root = dir.resolve("folder");
        for (String split : List.of("train", "val")) {
            for (int c = 0; c < 2; c++) {
                Path classDir = Files.createDirectories(root.resolve(split).resolve("class" + c));
                for (int i = 0; i < 6; i++) {
                    BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                    for (int y = 0; y < 28; y++) {
                        for (int x = 0; x < 28; x++) {
                            img.getRaster().setSample(x, y, 0, c == 0 ? x * 9 : y * 9);
                        }
                    }
                    ImageIO.write(img, "png", classDir.resolve(i + ".png").toFile());
                }
            }
        }
        Files.write(root.resolve("train/class1/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        TrainingData data = TrainingData.open(DataSpec.folder(root.toString(), 0, 0),
                new org.cnnworkbench.engine.model.Shape.FeatureMap(1, 28, 28));
        assertThat(data.classes()).containsExactly("class0", "class1");
        AtomicBoolean cancel = new AtomicBoolean();
        List<String> warnings = new ArrayList<>();
        Path run = dir.resolve("run");
        RunSummary summary = Trainer.train(tinySpec(2), data, TrainingConfig.defaults().withEpochs(3)
                .withBatchSize(4), run, new TrainingListener() {
                    @Override
                    public void epochEnded(EpochMetrics m) {
                        cancel.set(true);
                    }

                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }
                }, cancel);
        assertThat(summary.skippedImages()).isEqualTo(1);
        assertThat(warnings).singleElement().asString().contains("broken.png");
        assertThat(summary.status()).isEqualTo(RunSummary.Status.CANCELLED);
        assertThat(summary.epochs()).isEqualTo(1);
        assertThat(new RunDirectory(run).latestEpoch()).isEqualTo(1);
        assertThat(run.resolve("model.zip")).exists();
        List<Predictor.Prediction> predictions = Predictor.load(run).predictFiles(
                List.of(root.resolve("val/class0/0.png"), root.resolve("train/class1/broken.png")), 5);
        assertThat(predictions.get(0).classes()).hasSize(2);
        assertThat(predictions.get(0).classes().get(0).probability()
                + predictions.get(0).classes().get(1).probability()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(predictions.get(1).error()).isNotNull();
    }

    @Test
    void interruptedPolyScheduleRunResumesToTheParametersOfAnUninterruptedRun() throws Exception {
        Path idx = fakeFashion();
        TrainingData data = TrainingData.open(new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 0, 0, 0, 0, true),
                new org.cnnworkbench.engine.model.Shape.FeatureMap(1, 28, 28));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(3).withBatchSize(16).withLearningRate(0.01)
                .withSchedule(TrainingConfig.Schedule.POLY);
        Path straight = dir.resolve("straight");
        Trainer.train(tinySpec(10), data, config, straight, new TrainingListener() { }, NO_CANCEL);

        Path interrupted = dir.resolve("interrupted");
        AtomicBoolean cancel = new AtomicBoolean();
        RunSummary first = Trainer.train(tinySpec(10), data, config, interrupted, new TrainingListener() {
            @Override
            public void epochEnded(EpochMetrics m) {
                cancel.set(m.epoch() == 2);
            }
        }, cancel);
        assertThat(first.status()).isEqualTo(RunSummary.Status.CANCELLED);
        assertThat(first.epochs()).isEqualTo(2);
        Trainer.resume(interrupted, 0, new TrainingListener() { }, NO_CANCEL);

        ComputationGraph a = ModelSerializer.restoreComputationGraph(straight.resolve("model.zip").toFile(), false);
        ComputationGraph b = ModelSerializer.restoreComputationGraph(interrupted.resolve("model.zip").toFile(), false);
        assertThat(b.params()).isEqualTo(a.params());
        assertThat(new RunDirectory(interrupted).config()).isEqualTo(config);
    }

    @Test
    void polyScheduleGivesEveryLayerTheRateOfEachEpoch() throws Exception {
        TrainingConfig config = TrainingConfig.defaults().withEpochs(4).withLearningRate(0.02)
                .withSchedule(TrainingConfig.Schedule.POLY);
        assertThat(List.of(1, 2, 3, 4).stream().map(config::learningRateOfEpoch).toList())
                .containsExactly(0.02, 0.015, 0.01, 0.005);
        var conf = Trainer.configure(Dl4jConverter.convert(tinySpec(10)).configuration(), config);
        int layers = 0;
        for (var vertex : conf.getVertices().values()) {
            if (vertex instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer layer) {
                layers++;
                for (int epoch = 1; epoch <= 5; epoch++) {
                    assertThat(layer.getIUpdater().getLearningRate(1000, epoch - 1)).as("epoch %d", epoch)
                            .isCloseTo(config.learningRateOfEpoch(epoch), org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
        assertThat(layers).isPositive();
        assertThat(TrainingConfig.defaults().withLearningRate(0.02).learningRateOfEpoch(7)).isEqualTo(0.02);
    }

    @Test
    void runsSavedBeforeSchedulesAndAugmentationReadAsConstantAndPlain() throws Exception {
        Path run = Files.createDirectories(dir.resolve("old"));
        Files.writeString(run.resolve("config.json"), """
                {"epochs": 3, "batchSize": 32, "learningRate": 0.002, "optimizer": "ADAM", "momentum": 0.9,
                 "weightDecay": 0.0, "seed": 7}""");
        assertThat(new RunDirectory(run).config()).isEqualTo(
                new TrainingConfig(3, 32, 0.002, TrainingConfig.Optimizer.ADAM, 0.9, 0, 7));
        assertThat(new RunDirectory(run).config().schedule()).isEqualTo(TrainingConfig.Schedule.CONSTANT);
        assertThat(new RunDirectory(run).config().workers()).isEqualTo(1);
        DataSpec old = new com.fasterxml.jackson.databind.ObjectMapper().readValue("""
                {"source": "fashion-mnist", "classes": 0, "perClass": 0, "trainLimit": 100, "valLimit": 10}""",
                DataSpec.class);
        assertThat(old.augment()).isFalse();
    }
}
