package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.engine.data.kitti.KittiLabelFile;
import org.cnnworkbench.engine.data.kitti.KittiLabel;
import org.cnnworkbench.engine.data.kitti.KittiSynth;
import org.cnnworkbench.engine.data.kitti.KittiTrainingData;
import org.cnnworkbench.engine.detection.DetectionSettings;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short detection run on a few synthetic KITTI images: the loss falls, the run resumes, detect writes results. */
public class DetectionTrainerTest {

    @TempDir
    static Path dir;

    private static Path kitti;

    @BeforeAll
    static void data() throws Exception {
        kitti = dir.resolve("kitti");
        KittiSynth.generate(kitti, new KittiSynth.Options(24, 5, 208, 64));
    }

    /** About 6M MACs per 3x64x208 image: conv, pool, conv, pool, convdet on a 8 x 26 grid (stride 8). */
    public static NetworkSpec tinyDetector(int classes) throws Exception {
        return NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "tiny-detector", "nodes": [
                  {"id": "data", "kind": "input", "channels": 3, "height": 64, "width": 208},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 16, "kernel": 3, "stride": 2,
                   "pad": 1, "activation": "relu"},
                  {"id": "pool1", "kind": "maxpool", "inputs": ["conv1"], "kernel": 2, "stride": 2},
                  {"id": "conv2", "kind": "conv", "inputs": ["pool1"], "filters": 32, "kernel": 3, "pad": 1,
                   "activation": "relu"},
                  {"id": "pool2", "kind": "maxpool", "inputs": ["conv2"], "kernel": 2, "stride": 2},
                  {"id": "det", "kind": "convdet", "inputs": ["pool2"], "classes": %d,
                   "anchors": [[10, 12], [30, 16], [14, 34]]}]}
                """.formatted(classes), "tiny-detector").spec();
    }

    private static KittiTrainingData open() throws Exception {
        return KittiTrainingData.open(kitti, new Shape.FeatureMap(3, 64, 208),
                KittiTrainingData.Options.defaults().withAugment(false), null);
    }

    @Test
    void theLossFallsTheRunResumesAndDetectWritesKittiResults() throws Exception {
        Path run = dir.resolve("run");
        List<TrainingListener.EpochMetrics> epochs = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochEnded(EpochMetrics m) {
                epochs.add(m);
            }
        };
        TrainingConfig config = TrainingConfig.defaults().withEpochs(6).withBatchSize(8).withLearningRate(0.01);
        RunSummary first = DetectionTrainer.train(tinyDetector(3), open(), config.withEpochs(3),
                DetectionSettings.SQUEEZEDET, run, listener, new AtomicBoolean());
        assertThat(first.status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(DetectionRunInfo.isDetectionRun(run)).isTrue();
        RunSummary resumed = DetectionTrainer.resume(run, 6, listener, new AtomicBoolean());
        assertThat(resumed.epochs()).isEqualTo(6);
        assertThat(epochs).extracting(TrainingListener.EpochMetrics::epoch).containsExactly(1, 2, 3, 4, 5, 6);
        System.out.println("losses " + epochs.stream().map(m -> m.trainLoss() + "/" + m.valLoss()).toList());
        assertThat(epochs.get(5).trainLoss()).isLessThan(0.7 * epochs.get(0).trainLoss());
        assertThat(epochs).allSatisfy(m -> assertThat(m.valLoss()).isFinite());
        assertThat(new RunDirectory(run).metrics()).hasSize(6);

        Detector detector = Detector.load(run, ModelChoice.LAST);
        assertThat(detector.classNames()).containsExactly("Car", "Pedestrian", "Cyclist");
        List<Path> images;
        try (var s = Files.list(kitti.resolve("training/image_2"))) {
            images = s.sorted().limit(3).toList();
        }
        List<Detector.Result> found = detector.detect(images);
        assertThat(found).hasSize(3).allSatisfy(r -> {
            assertThat(r.error()).isNull();
            assertThat(r.width()).isEqualTo(208);
            assertThat(r.detections()).hasSizeLessThanOrEqualTo(64).allSatisfy(d -> {
                assertThat(d.left()).isGreaterThanOrEqualTo(0);
                assertThat(d.right()).isLessThanOrEqualTo(207);
                assertThat(d.score()).isBetween(0.005, 1.0);
            });
        });
        Path pred = dir.resolve("pred");
        assertThat(Detector.writeResults(found, detector.classNames(), pred)).isEqualTo(3);
        for (Detector.Result r : found) {
            List<KittiLabel> lines = KittiLabelFile.readStrict(pred.resolve(r.name() + ".txt"), KittiLabel.Kind.RESULT);
            assertThat(lines).hasSameSizeAs(r.detections());
        }
    }

    @Test
    void aHeadWhoseClassesDifferFromTheDataIsRefusedNamingTheNode() throws Exception {
        assertThatThrownBy(() -> DetectionTrainer.train(tinyDetector(2), open(), TrainingConfig.defaults(),
                DetectionSettings.SQUEEZEDET, dir.resolve("refused"), new TrainingListener() { },
                new AtomicBoolean()))
                .isInstanceOf(Dl4jConversionException.class)
                .hasMessageContaining("det").hasMessageContaining("2 classes but the data has 3");
        assertThat(dir.resolve("refused")).doesNotExist();
    }

    @Test
    void aClassificationNetworkIsRefusedForDetection() throws Exception {
        assertThatThrownBy(() -> DetectionTrainer.train(TrainerTest.tinySpec(3), open(), TrainingConfig.defaults(),
                DetectionSettings.SQUEEZEDET, dir.resolve("refused2"), new TrainingListener() { },
                new AtomicBoolean()))
                .isInstanceOf(Exception.class)
                .hasMessageContaining("convdet");
    }
}
