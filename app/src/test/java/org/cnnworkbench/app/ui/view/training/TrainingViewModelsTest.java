package org.cnnworkbench.app.ui.view.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.cnnworkbench.engine.data.FashionMnist;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.dl4j.DataSpec;
import org.cnnworkbench.engine.dl4j.ModelChoice;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.dl4j.Trainer;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import org.cnnworkbench.engine.dl4j.TrainingData;
import org.cnnworkbench.engine.dl4j.TrainingListener;
import org.cnnworkbench.engine.data.kitti.KittiSynth;
import org.cnnworkbench.engine.dl4j.DetectionRunInfo;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Shape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training, runs and inference view models, toolkit-free, on a small generated Fashion-MNIST. */
class TrainingViewModelsTest {

    @TempDir
    Path dir;

    /** 40 training and 40 test images in the IDX format of the Debian package. */
    private Path idx;

    static NetworkSpec tiny(int classes) throws Exception {
        return NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "tiny cnn", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 2,
                   "activation": "relu"},
                  {"id": "conv2", "kind": "conv", "inputs": ["conv1"], "filters": %d, "kernel": 1},
                  {"id": "pool", "kind": "globalavgpool", "inputs": ["conv2"]},
                  {"id": "prob", "kind": "softmax", "inputs": ["pool"]}]}
                """.formatted(classes), "tiny").spec();
    }

    @BeforeEach
    void writeFashionMnist() throws Exception {
        idx = IdxFiles.fakeFashionMnist(dir.resolve("idx"), 40, 28);
    }

    private TrainingViewModel small() {
        TrainingViewModel vm = new TrainingViewModel(dir.resolve("runs"), Runnable::run, Runnable::run);
        vm.fashionDir().set(idx.toString());
        vm.trainLimit().set(256);
        vm.valLimit().set(64);
        vm.epochs().set(2);
        vm.batchSize().set(32);
        vm.learningRate().set(0.003);
        return vm;
    }

    @Test
    void startTrainsTheNetworkAndPublishesProgressChartsAndTheSummary() throws Exception {
        TrainingViewModel vm = small();
        Path run = vm.suggestRunDirectory("tiny cnn");
        assertThat(run.getFileName().toString()).startsWith("tiny-cnn-");
        vm.runDirectory().set(run.toString());
        vm.weightDecay().set(1e-4);
        vm.seed().set(7);

        assertThat(vm.start(tiny(10))).isTrue();

        assertThat(vm.error().get()).isEmpty();
        assertThat(vm.state().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(vm.progress().get()).isEqualTo(1.0);
        assertThat(vm.epochMetrics()).extracting(TrainingListener.EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(vm.lossCurve()).isNotEmpty();
        assertThat(vm.lossCurve().get(vm.lossCurve().size() - 1).epoch()).isEqualTo(2.0);
        assertThat(vm.lossCurve()).allSatisfy(p -> assertThat(p.loss()).isPositive());
        assertThat(vm.speed().get()).endsWith("images/s");
        assertThat(vm.eta().get()).startsWith("ETA ");
        RunSummary s = vm.summary().get();
        assertThat(s.status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(vm.status().get()).contains("completed after 2 epochs");
        assertThat(s.top1()).isEqualTo(vm.epochMetrics().get(1).top1());
        assertThat(run.resolve("model.zip")).exists();
        TrainingConfig saved = new org.cnnworkbench.engine.dl4j.RunDirectory(run).config();
        assertThat(saved).isEqualTo(new TrainingConfig(2, 32, 0.003, TrainingConfig.Optimizer.ADAM, 0.9, 1e-4, 7,
                TrainingConfig.Schedule.POLY, TrainingConfig.automaticWorkers()));

        // the same directory again is refused, nothing is overwritten
        assertThat(vm.start(tiny(10))).isFalse();
        assertThat(vm.error().get()).contains("already holds a run");
    }

    /** A network ending in a convdet head trains on a KITTI folder as a detection run; on Fashion-MNIST it is refused. */
    @Test
    void aDetectorTrainsOnAKittiFolderAndResumesAsADetectionRun() throws Exception {
        NetworkSpec detector = NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "tiny detector", "nodes": [
                  {"id": "data", "kind": "input", "channels": 3, "height": 64, "width": 208},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 4,
                   "pad": 1, "activation": "relu"},
                  {"id": "pool", "kind": "maxpool", "inputs": ["conv1"], "kernel": 2, "stride": 2},
                  {"id": "det", "kind": "convdet", "inputs": ["pool"], "anchors": [[12, 12], [30, 20]]}]}
                """, "tiny detector").spec();
        TrainingViewModel vm = small();
        vm.runDirectory().set(dir.resolve("det-on-fashion").toString());
        assertThat(vm.start(detector)).isFalse();
        assertThat(vm.error().get()).contains("convdet head", "KITTI folder");
        assertThat(vm.state().get()).isEqualTo(TrainingViewModel.State.IDLE);

        Path kitti = dir.resolve("kitti");
        KittiSynth.generate(kitti, new KittiSynth.Options(10, 2, 208, 64));
        vm.dataSource().set(kitti.toString());
        vm.epochs().set(1);
        vm.batchSize().set(4);
        Path run = dir.resolve("det");
        vm.runDirectory().set(run.toString());
        assertThat(vm.start(detector)).isTrue();
        assertThat(vm.error().get()).isEmpty();
        assertThat(vm.state().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(vm.detection().get()).isTrue();
        assertThat(vm.epochMetrics()).hasSize(1);
        assertThat(DetectionRunInfo.isDetectionRun(run)).isTrue();

        TrainingViewModel again = new TrainingViewModel(dir.resolve("runs"), Runnable::run, Runnable::run);
        assertThat(again.resume(run)).isTrue();   // at its planned epochs already: reads and ends at once
        assertThat(again.detection().get()).isTrue();
        assertThat(again.state().get()).isEqualTo(TrainingViewModel.State.FINISHED);
    }

    @Test
    void wrongSettingsAreReportedNotThrownBeforeAnyDataIsRead() throws Exception {
        TrainingViewModel vm = small();
        vm.fashionDir().set(dir.resolve("no-data-here").toString());
        vm.runDirectory().set(dir.resolve("a").toString());
        vm.learningRate().set(0);
        assertThat(vm.start(tiny(10))).isFalse();
        assertThat(vm.error().get()).contains("learning rate must be positive");
        assertThat(vm.state().get()).isEqualTo(TrainingViewModel.State.IDLE);

        vm.learningRate().set(0.001);
        vm.runDirectory().set(" ");
        assertThat(vm.start(tiny(10))).isFalse();
        assertThat(vm.error().get()).isEqualTo("choose a run directory");
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void missingDataAndAWrongNetworkEndTheRunWithTheirReason() throws Exception {
        TrainingViewModel vm = small();
        vm.fashionDir().set(dir.resolve("no-data-here").toString());
        vm.runDirectory().set(dir.resolve("a").toString());
        assertThat(vm.start(tiny(10))).isTrue();
        assertThat(vm.state().get()).isEqualTo(TrainingViewModel.State.FAILED);
        assertThat(vm.error().get()).contains("Fashion-MNIST not found: no " + dir.resolve("no-data-here"));

        vm.fashionDir().set(idx.toString());
        vm.runDirectory().set(dir.resolve("b").toString());
        assertThat(vm.start(tiny(7))).isTrue();   // starts, then the converter refuses 7 outputs for 10 classes
        assertThat(vm.state().get()).isEqualTo(TrainingViewModel.State.FAILED);
        assertThat(vm.error().get()).contains("7 outputs").contains("10 classes");
    }

    /** A run of {@code epochs} planned epochs stopped after {@code done}. */
    private Path unfinishedRun(String name, int epochs, int done) throws Exception {
        TrainingData data = TrainingData.open(new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 0, 0, 256, 64, true),
                new Shape.FeatureMap(1, 28, 28));
        AtomicBoolean cancel = new AtomicBoolean();
        Path run = dir.resolve("runs").resolve(name);
        Trainer.train(tiny(10), data, TrainingConfig.defaults().withEpochs(epochs).withBatchSize(32), run,
                new TrainingListener() {
                    @Override
                    public void epochEnded(EpochMetrics m) {
                        cancel.set(m.epoch() == done);
                    }
                }, cancel);
        return run;
    }

    @Test
    void resumeShowsTheEarlierEpochsAndContinuesToThePlannedOnes() throws Exception {
        Path run = unfinishedRun("r", 2, 1);
        TrainingViewModel vm = new TrainingViewModel(dir.resolve("runs"), Runnable::run, Runnable::run);

        assertThat(vm.resume(run)).isTrue();

        assertThat(vm.state().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(vm.epochMetrics()).extracting(TrainingListener.EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(vm.epochs().get()).isEqualTo(2);
        assertThat(vm.trainLimit().get()).isEqualTo(256);
        assertThat(vm.fashionDir().get()).isEqualTo(idx.toString());
        assertThat(vm.runDirectory().get()).isEqualTo(run.toString());
        assertThat(vm.resume(dir.resolve("nothing"))).isFalse();
        assertThat(vm.error().get()).contains("not a training run directory");
    }

    @Test
    void runsListShowsEveryRunTheUnreadableOnesWithTheirProblemAndTheSelectedMetrics() throws Exception {
        Path unfinished = unfinishedRun("a-unfinished", 3, 1);
        Path complete = unfinishedRun("b-complete", 1, 0);
        Path broken = Files.createDirectories(dir.resolve("runs/c-broken"));
        Files.writeString(broken.resolve("config.json"), "{ not json");
        Files.copy(complete.resolve("spec.json"), broken.resolve("spec.json"));
        RunsViewModel vm = new RunsViewModel(dir.resolve("runs"), Runnable::run, Runnable::run);

        vm.refresh();

        assertThat(vm.runs()).extracting(RunsViewModel.RunRow::name)
                .containsExactly("a-unfinished", "b-complete", "c-broken");
        RunsViewModel.RunRow a = vm.runs().get(0);
        assertThat(a.network()).isEqualTo("tiny cnn");
        assertThat(a.completedEpochs()).isEqualTo(1);
        assertThat(a.plannedEpochs()).isEqualTo(3);
        assertThat(a.status()).isEqualTo("cancelled");
        assertThat(a.canResume()).isTrue();
        assertThat(a.hasModel()).isTrue();
        RunsViewModel.RunRow b = vm.runs().get(1);
        assertThat(b.status()).isEqualTo("completed");
        assertThat(b.params()).isEqualTo(tinyParams());
        assertThat(b.canResume()).isFalse();
        RunsViewModel.RunRow c = vm.runs().get(2);
        assertThat(c.problem()).isNotEmpty();
        assertThat(c.canResume()).isFalse();
        assertThat(c.hasModel()).isFalse();
        assertThat(vm.message().get()).isEqualTo("3 runs in " + dir.resolve("runs"));

        vm.select(a);
        assertThat(vm.selectedMetrics()).hasSize(1);
        vm.select(null);
        assertThat(vm.selectedMetrics()).isEmpty();

        RunsViewModel none = new RunsViewModel(dir.resolve("missing"), Runnable::run, Runnable::run);
        none.refresh();
        assertThat(none.runs()).isEmpty();
        assertThat(none.message().get()).contains("created by the first run");
        assertThat(unfinished).exists();
    }

    private static long tinyParams() {
        return (8 * 9 + 8) + (8 * 10 + 10);
    }

    @Test
    void inferenceGivesTheTopFiveOfEachImageAndSkipsUnreadableOnes() throws Exception {
        Path run = unfinishedRun("m", 1, 0);
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        FashionMnist.Split test = FashionMnist.open(idx).load(FashionMnist.Subset.TEST, 1);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                img.getRaster().setSample(x, y, 0, test.pixel(0, y, x));
            }
        }
        Path png = dir.resolve("shoe.png");
        ImageIO.write(img, "png", png.toFile());
        Path broken = Files.write(dir.resolve("broken.jpg"), new byte[] {1, 2, 3});
        InferenceViewModel vm = new InferenceViewModel(Runnable::run, Runnable::run);

        vm.classify(List.of(png));
        assertThat(vm.message().get()).isEqualTo("choose a trained model first");
        vm.loadModel(run);
        assertThat(vm.model().get()).isEqualTo(run);
        assertThat(vm.message().get()).contains("10 classes");
        vm.classify(List.of(png, broken));

        assertThat(vm.results()).hasSize(2);
        assertThat(vm.results().get(0).classes()).hasSize(5);
        assertThat(vm.results().get(0).classes().get(0).probability())
                .isGreaterThanOrEqualTo(vm.results().get(0).classes().get(4).probability());
        assertThat(vm.results().get(1).error()).isNotNull();
        assertThat(vm.message().get()).contains("2 images").contains("1 unreadable");
        assertThat(InferenceView.describe(vm.results().get(0)).lines()).hasSize(5);

        vm.loadModel(dir.resolve("no-run"));
        assertThat(vm.message().get()).startsWith("cannot load the model");
        assertThat(vm.model().get()).isEqualTo(run);
    }

    @Test
    void inferenceUsesTheBestEpochByDefaultOrTheLastAndSaysWhichModelItLoaded() throws Exception {
        Path run = unfinishedRun("two-epochs", 2, 0);
        int best = new org.cnnworkbench.engine.dl4j.RunDirectory(run).bestEpoch();
        assertThat(best).isBetween(1, 2);
        InferenceViewModel vm = new InferenceViewModel(Runnable::run, Runnable::run);
        assertThat(vm.modelChoice().get()).isEqualTo(ModelChoice.BEST);

        vm.loadModel(run);
        assertThat(vm.modelFile().get())
                .isEqualTo("best-epoch-" + best + ".zip (epoch " + best + ", the best validation top-1)");

        vm.modelChoice().set(ModelChoice.LAST);   // loads the run's other model
        assertThat(vm.model().get()).isEqualTo(run);
        assertThat(vm.modelFile().get()).isEqualTo("model.zip (the last completed epoch)");
    }

    @Test
    void aDamagedModelIsShownAsSuchAndInferenceFallsBackToACheckpointWithAWarning() throws Exception {
        Path run = unfinishedRun("d-damaged", 1, 0);
        Path model = run.resolve("model.zip");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        RunsViewModel runs = new RunsViewModel(dir.resolve("runs"), Runnable::run, Runnable::run);

        runs.refresh();

        RunsViewModel.RunRow row = runs.runs().get(0);
        assertThat(row.status()).isEqualTo("damaged");
        assertThat(row.problem()).contains("model.zip");
        assertThat(row.hasModel()).isTrue();
        InferenceViewModel inference = new InferenceViewModel(Runnable::run, Runnable::run);
        // the best epoch's model is a file of its own, undamaged
        inference.loadModel(run);
        assertThat(inference.model().get()).isEqualTo(run);
        assertThat(inference.modelFile().get()).startsWith("best-epoch-1.zip");
        assertThat(inference.message().get()).contains("10 classes").doesNotContain("warning");
        // the last epoch's model.zip is the damaged one: its checkpoint stands in, with a warning
        inference.modelChoice().set(ModelChoice.LAST);
        assertThat(inference.modelFile().get()).startsWith("checkpoint-epoch-1.zip");
        assertThat(inference.message().get()).contains("10 classes", "(warning: ", "model.zip");
    }

    @Test
    void aRunThatRunsOutOfMemoryFailsWithThatSaid() {
        TrainingViewModel vm = new TrainingViewModel(dir.resolve("runs"), Runnable::run, Runnable::run);
        vm.finish(() -> {
            throw new OutOfMemoryError("Cannot allocate new FloatPointer");
        });
        assertThat(vm.state().get()).isEqualTo(TrainingViewModel.State.FAILED);
        assertThat(vm.error().get()).contains("out of memory", "smaller batch");
    }
}
