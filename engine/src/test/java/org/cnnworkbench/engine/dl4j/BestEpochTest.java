package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.engine.data.ImageSample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run directory keeps the epoch with the best validation top-1 beside the last; inference uses it. */
class BestEpochTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path run;

    @BeforeAll
    static void trainOnce() throws Exception {
        run = TinyRuns.train(shared);
    }

    @Test
    void theBestEpochIsTheFirstWithTheHighestTop1AndItsModelIsSaved() throws Exception {
        RunDirectory r = new RunDirectory(run);
        List<TrainingListener.EpochMetrics> rows = r.metrics();
        TrainingListener.EpochMetrics expected = rows.stream()
                .max(Comparator.comparingDouble(TrainingListener.EpochMetrics::top1)
                        .thenComparing(m -> -m.epoch())).orElseThrow();
        assertThat(r.bestEpoch()).isEqualTo(expected.epoch());
        assertThat(r.best()).contains(expected);
        try (var files = Files.list(run)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("best-epoch-")))
                    .containsExactly("best-epoch-" + expected.epoch() + ".zip");
        }
        RunSummary s = r.summary().orElseThrow();
        assertThat(s.bestEpoch()).isEqualTo(expected.epoch());
        assertThat(s.bestTop1()).isEqualTo(expected.top1());
        assertThat(s.bestTop5()).isEqualTo(expected.top5());
        assertThat(s.top1()).isEqualTo(rows.get(rows.size() - 1).top1());
    }

    @Test
    void inferenceUsesTheBestEpochUnlessTheLastIsAskedFor() throws Exception {
        Path copy = TinyRuns.copy(run, dir.resolve("run"));
        RunDirectory r = new RunDirectory(copy);
        // make epoch 1 the recorded best, whatever the run scored, so that best and last differ
        try (var files = Files.list(copy)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("best-epoch-")).toList()) {
                Files.delete(f);
            }
        }
        Files.copy(copy.resolve("checkpoint-epoch-1.zip"), r.bestModelFile(1));
        List<ImageSample> samples = List.of(new ImageSample(new float[28 * 28], 1, 28, 28, 0));
        Predictor best = Predictor.load(copy);
        Predictor last = Predictor.load(copy, ModelChoice.LAST);
        assertThat(best.model()).startsWith("best-epoch-1.zip (epoch 1");
        assertThat(last.model()).startsWith("model.zip (the last completed epoch");
        assertThat(best.probabilities(samples)[0]).isNotEqualTo(last.probabilities(samples)[0]);
        assertThat(best.probabilities(samples)[0]).isEqualTo(
                Predictor.load(copy, ModelChoice.BEST).probabilities(samples)[0]);
    }

    @Test
    void aRunWithoutABestEpochGivesItsLastModelAndSaysSo() throws Exception {
        Path copy = TinyRuns.copy(run, dir.resolve("old"));
        try (var files = Files.list(copy)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("best-epoch-")).toList()) {
                Files.delete(f);
            }
        }
        Predictor p = Predictor.load(copy);
        assertThat(p.model()).isEqualTo("model.zip (the last completed epoch; the run records no best epoch)");
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void aDamagedBestModelFallsBackToTheLastWithAWarning() throws Exception {
        Path copy = TinyRuns.copy(run, dir.resolve("damaged"));
        RunDirectory r = new RunDirectory(copy);
        Files.writeString(r.bestModelFile(r.bestEpoch()), "not a zip");
        Predictor p = Predictor.load(copy);
        assertThat(p.model()).startsWith("model.zip");
        assertThat(p.warnings()).singleElement().asString().contains("best-epoch-")
                .contains("using the last epoch's model instead");
    }

    @Test
    void twoBestFilesLeftByACrashReadAsTheLaterAndTheNextBestRemovesTheOthers() throws Exception {
        Path copy = TinyRuns.copy(run, dir.resolve("crash"));
        RunDirectory r = new RunDirectory(copy);
        int best = r.bestEpoch();
        Files.copy(copy.resolve("checkpoint-epoch-2.zip"), r.bestModelFile(7));
        assertThat(r.bestEpoch()).isEqualTo(7);
        r.checkpoints().commitBest(ModelFiles.load(copy.resolve("model.zip"), false), 9);
        assertThat(r.bestEpoch()).isEqualTo(9);
        assertThat(r.bestModelFile(7)).doesNotExist();
        assertThat(r.bestModelFile(best)).doesNotExist();
    }

    @Test
    void resumingKeepsTheBestAndRecordsItInTheSummary() throws Exception {
        Path copy = TinyRuns.copy(run, dir.resolve("resume"));
        RunSummary s = Trainer.resume(copy, 3, new TrainingListener() { }, new AtomicBoolean());
        RunDirectory r = new RunDirectory(copy);
        assertThat(r.metrics()).hasSize(3);
        TrainingListener.EpochMetrics best = r.best().orElseThrow();
        assertThat(r.metrics().stream().mapToDouble(TrainingListener.EpochMetrics::top1).max().orElseThrow())
                .isEqualTo(best.top1());
        assertThat(s.bestEpoch()).isEqualTo(best.epoch());
    }

    @Test
    void aResumeAfterACrashBeforeTheBestFileSavesThatEpochAsTheBestFromItsCheckpoint() throws Exception {
        Path copy = TinyRuns.copy(run, dir.resolve("lost-best"));
        try (var files = Files.list(copy)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("best-epoch-")).toList()) {
                Files.delete(f);
            }
        }
        RunDirectory r = new RunDirectory(copy);
        TrainingListener.EpochMetrics expected = r.metrics().stream()
                .max(Comparator.comparingDouble(TrainingListener.EpochMetrics::top1)
                        .thenComparing(m -> -m.epoch())).orElseThrow();
        RunSummary s = Trainer.resume(copy, 2, new TrainingListener() { }, new AtomicBoolean());   // nothing to train
        assertThat(s.bestEpoch()).isEqualTo(expected.epoch());
        assertThat(r.bestModelFile(expected.epoch())).exists();
        assertThat(ModelFiles.load(r.bestModelFile(expected.epoch()), false).params())
                .isEqualTo(ModelFiles.load(r.checkpointFile(expected.epoch()), false).params());
    }
}
