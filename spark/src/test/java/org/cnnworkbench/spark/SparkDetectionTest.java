package org.cnnworkbench.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.engine.data.kitti.KittiSynth;
import org.cnnworkbench.engine.data.kitti.KittiTrainingData;
import org.cnnworkbench.engine.detection.DetectionSettings;
import org.cnnworkbench.engine.dl4j.DetectionRunInfo;
import org.cnnworkbench.engine.dl4j.DetectionTrainerTest;
import org.cnnworkbench.engine.dl4j.Detector;
import org.cnnworkbench.engine.dl4j.ModelChoice;
import org.cnnworkbench.engine.dl4j.RunDirectory;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import org.cnnworkbench.engine.dl4j.TrainingListener;
import org.cnnworkbench.engine.model.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A detector (convdet head and its loss) trained on local[2] from a KITTI folder, then resumed on Spark. */
class SparkDetectionTest {

    @TempDir
    Path dir;

    @Test
    void aDetectorTrainsOnLocalTwoTheLossFallsAndTheRunResumesOnSpark() throws Exception {
        Path kitti = dir.resolve("kitti");
        KittiSynth.generate(kitti, new KittiSynth.Options(32, 7, 208, 64));
        KittiTrainingData data = KittiTrainingData.open(kitti, new Shape.FeatureMap(3, 64, 208),
                KittiTrainingData.Options.defaults().withAugment(false), null);
        List<TrainingListener.EpochMetrics> epochs = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochEnded(EpochMetrics m) {
                epochs.add(m);
            }
        };
        TrainingConfig config = TrainingConfig.defaults().withEpochs(4).withBatchSize(4).withLearningRate(0.01);
        Path run = dir.resolve("run");
        RunSummary first = SparkTraining.trainDetection(DetectionTrainerTest.tinyDetector(3), data, config,
                DetectionSettings.SQUEEZEDET, run, SparkSettings.of("local[2]", 0, 2), listener, new AtomicBoolean());
        assertThat(first.status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(SparkTraining.isSparkRun(run)).isTrue();
        assertThat(run.resolve(SparkTraining.EXECUTORS)).content().contains("\"engaged\" : true")
                .doesNotContain("\"engaged\" : false");
        assertThat(DetectionRunInfo.isDetectionRun(run)).isTrue();
        // one file per training batch of 4
        assertThat(Files.readAllLines(run.resolve(SparkTraining.BATCHES).resolve(SparkEpochFit.INDEX)))
                .hasSize((data.train().size() + 3) / 4);

        RunSummary resumed = SparkTraining.resume(run, 6, null, listener, new AtomicBoolean());
        assertThat(resumed.status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(resumed.epochs()).isEqualTo(6);
        assertThat(epochs).extracting(TrainingListener.EpochMetrics::epoch).containsExactly(1, 2, 3, 4, 5, 6);
        System.out.println("losses " + epochs.stream().map(m -> m.trainLoss() + "/" + m.valLoss()).toList());
        assertThat(epochs.get(5).trainLoss()).isLessThan(0.7 * epochs.get(0).trainLoss());
        assertThat(epochs).allSatisfy(m -> assertThat(m.valLoss()).isFinite());
        assertThat(new RunDirectory(run).metrics()).hasSize(6);
        assertThat(Detector.load(run, ModelChoice.LAST).classNames()).containsExactly("Car", "Pedestrian", "Cyclist");
    }
}
