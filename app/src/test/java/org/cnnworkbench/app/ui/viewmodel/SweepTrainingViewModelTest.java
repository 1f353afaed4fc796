package org.cnnworkbench.app.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.design.PointAccuracy;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.dl4j.RunDirectory;
import org.cnnworkbench.engine.dl4j.SweepTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training a sweep from the sweep window's view model, toolkit-free, on a few dozen generated images. */
class SweepTrainingViewModelTest {

    @TempDir
    Path dir;

    /** Two points of the small trunk (pct_3x3 0.25 and 0.75), 2 epochs of 40 images, batch 20. */
    private SweepViewModel tiny() throws Exception {
        Path idx = IdxFiles.learnableFashionMnist(dir.resolve("idx"), 40, 20);
        SweepViewModel sweep = new SweepViewModel(dir.resolve("runs"), Runnable::run, Runnable::run);
        sweep.train().set(true);
        sweep.parameter().set("pct_3x3");
        sweep.from().set("0.25");
        sweep.to().set("0.75");
        sweep.steps().set("2");
        SweepTrainingSettings s = sweep.training().settings();
        s.fashionDir().set(idx.toString());
        s.trainLimit().set(0);
        s.valLimit().set(0);
        s.epochs().set(2);
        s.batchSize().set(20);
        s.learningRate().set(0.003);
        s.folder().set(dir.resolve("sweep").toString());
        return sweep;
    }

    @Test
    void wrongSettingsAreReportedBeforeAnyDataIsReadOrAnythingWritten() throws Exception {
        SweepViewModel sweep = tiny();
        SweepTrainingViewModel training = sweep.training();
        SweepTrainingSettings s = training.settings();

        s.learningRate().set(0);
        assertThat(training.start()).isFalse();
        assertThat(sweep.error().get()).isEqualTo("the learning rate must be positive, not 0.0");
        s.learningRate().set(0.003);

        s.seeds().set(0);
        assertThat(training.start()).isFalse();
        assertThat(sweep.error().get()).isEqualTo("seeds is 0; give 1 to 100");
        s.seeds().set(2);

        s.budgetMinutes().set(-1);
        assertThat(training.start()).isFalse();
        assertThat(sweep.error().get()).startsWith("the time budget must be 0 (none) or more minutes");
        s.budgetMinutes().set(0);

        s.dataSource().set(dir.resolve("images").toString());
        assertThat(training.start()).isFalse();
        assertThat(sweep.error().get()).isEqualTo(dir.resolve("images") + " has no train/ folder; an image folder "
                + "holds train/<class>/ images (and optionally val/<class>/)");
        s.dataSource().set("fashion-mnist");

        s.folder().set("  ");
        assertThat(training.start()).isFalse();
        assertThat(sweep.error().get()).isEqualTo("choose a sweep folder");

        training.newFolder();
        assertThat(Path.of(s.folder().get()).getParent()).isEqualTo(dir.resolve("runs"));
        assertThat(Path.of(s.folder().get()).getFileName().toString()).startsWith("sweep-pct_3x3-");
        sweep.from().set("a quarter");
        assertThat(training.start()).isFalse();
        assertThat(sweep.error().get()).isEqualTo("from: 'a quarter' is not a number");

        assertThat(training.state().get()).isEqualTo(SweepTrainingViewModel.State.IDLE);
        assertThat(dir.resolve("runs")).doesNotExist();
        assertThat(dir.resolve("sweep")).doesNotExist();
    }

    @Test
    void aTrainedSweepFillsTheAccuracyAsRunsFinishAndCanBeStoppedAndContinued() throws Exception {
        SweepViewModel sweep = tiny();
        SweepTrainingViewModel training = sweep.training();
        Path folder = dir.resolve("sweep");
        // stop after the first run, as the Cancel button would (once: not when the continued sweep starts)
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        training.live().runsDone().addListener((o, was, now) -> {
            if (now.intValue() == 1 && !stopped.getAndSet(true)) {
                training.cancel();
            }
        });

        assertThat(training.start()).isTrue();

        assertThat(sweep.error().get()).isEmpty();
        assertThat(training.state().get()).isEqualTo(SweepTrainingViewModel.State.STOPPED);
        assertThat(training.canContinue().get()).isTrue();
        assertThat(sweep.points().get()).hasSize(2);
        // the trained networks are the small trunk's with Fashion-MNIST's input and classes
        SqueezeNetMetaparameters first = sweep.metaparameters(0);
        assertThat(first).isEqualTo(SqueezeNetMetaparameters.smallDefaults().withPct3x3(0.25));
        assertThat(sweep.accuracy().get()).extracting(a -> a.measured().size()).containsExactly(1, 0);
        assertThat(sweep.accuracyCurves().mean().get(0).points()).hasSize(1);
        assertThat(sweep.rows().get(0).top1()).endsWith("%");
        assertThat(sweep.rows().get(1).top1()).isEmpty();
        assertThat(sweep.rows().get(1).runs()).isEqualTo("0/1");
        assertThat(training.live().runsDone().get()).isEqualTo(1);
        assertThat(training.live().runsTotal().get()).isEqualTo(2);
        assertThat(training.live().status().get()).contains("1 runs are finished", "Continue trains the rest");

        // continue: the finished run is read, not trained again
        assertThat(training.resume()).isTrue();

        assertThat(sweep.error().get()).isEmpty();
        assertThat(training.state().get()).isEqualTo(SweepTrainingViewModel.State.FINISHED);
        assertThat(training.canContinue().get()).isFalse();
        assertThat(training.live().progress().get()).isEqualTo(1.0);
        assertThat(training.live().status().get()).startsWith("all 2 runs trained (1 in this session)");
        assertThat(sweep.accuracy().get()).allSatisfy(a -> assertThat(a.measured()).hasSize(1));
        assertThat(sweep.accuracy().get()).allSatisfy(a -> assertThat(a.top1()).isBetween(0.0, 1.0));
        SweepCharts.AccuracyCurves curves = sweep.accuracyCurves();
        assertThat(curves.mean()).hasSize(1);
        assertThat(curves.mean().get(0).points()).extracting(p -> p[0]).containsExactly(0.25, 0.75);
        assertThat(curves.mean().get(0).points()).extracting(p -> p[1])
                .containsExactly(100 * sweep.accuracy().get().get(0).top1(), 100 * sweep.accuracy().get().get(1).top1());
        assertThat(curves.hasSpread()).isFalse();
        assertThat(sweep.tradeoff()).hasSize(2).anySatisfy(p -> assertThat(p.onFront()).isTrue());
        assertThat(sweep.rows()).anySatisfy(r -> assertThat(r.onFront()).isTrue());
        Path run = sweep.runDirectories(1).get(0);
        assertThat(run.getParent()).isEqualTo(folder.resolve("runs"));
        assertThat(RunDirectory.isRun(run)).isTrue();
        assertThat(sweep.network(1).name()).isEqualTo("squeezenet pct_3x3 = 0.75");
        assertThat(sweep.csv()).contains("top1_sd").contains("\n0.75,");
        assertThat(Files.readString(folder.resolve("sweep.csv"))).isEqualTo(sweep.csv());

        // another window opens the folder and shows what it recorded
        SweepViewModel other = new SweepViewModel(dir.resolve("runs"), Runnable::run, Runnable::run);
        other.training().open(folder);
        assertThat(other.error().get()).isEmpty();
        assertThat(other.parameter().get()).isEqualTo("pct_3x3");
        assertThat(other.steps().get()).isEqualTo("2");
        assertThat(other.training().settings().epochs().get()).isEqualTo(2);
        assertThat(other.training().settings().folder().get()).isEqualTo(folder.toString());
        assertThat(other.accuracy().get()).extracting(PointAccuracy::top1)
                .containsExactlyElementsOf(sweep.accuracy().get().stream().map(PointAccuracy::top1).toList());
        assertThat(other.training().live().status().get()).isEqualTo("all 2 runs of " + folder + " are finished");
        assertThat(other.training().canContinue().get()).isFalse();

        // the same folder is not started again
        assertThat(training.start()).isFalse();
        assertThat(sweep.error().get()).contains("holds a sweep already");
        assertThat(SweepTrainer.isSweep(folder)).isTrue();

        other.training().open(dir.resolve("idx"));
        assertThat(other.error().get()).contains("is not a trained sweep");
    }
}
