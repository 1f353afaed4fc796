package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.design.PointAccuracy;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.design.SweepAxis;
import org.cnnworkbench.engine.design.SweepPoint;
import org.cnnworkbench.engine.design.TrainedRun;
import org.cnnworkbench.engine.model.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny trained sweep: 2 points of the small trunk, 2 epochs on 120 generated images. */
class SweepTrainerTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path idx;
    private static Path straight;
    private static SweepTrainer.Outcome straightOutcome;

    static SweepTrainer.Setup setup(List<Long> seeds) {
        DataSpec data = new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 0, 0, 0, 0, false);
        return new SweepTrainer.Setup(SqueezeNetMetaparameters.smallDefaults().withBaseE(16).withIncrE(16),
                new SweepAxis("pct_3x3", 0.25, 0.75, 2), null, data,
                TrainingConfig.defaults().withEpochs(2).withBatchSize(20), seeds, "");
    }

    @BeforeAll
    static void trainOnce() throws Exception {
        idx = IdxFiles.learnableFashionMnist(shared.resolve("idx"), 120, 40);
        straight = shared.resolve("straight");
        straightOutcome = SweepTrainer.run(straight, setup(List.of(7L)), null, new SweepTrainer.Listener() { },
                new AtomicBoolean());
    }

    @Test
    void everyPointIsTrainedAndTheCsvAgreesWithTheRunDirectories() throws Exception {
        assertThat(straightOutcome.status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(straightOutcome.trainedThisSession()).isEqualTo(2);
        List<String> sweep = Files.readAllLines(straight.resolve("sweep.csv"));
        assertThat(sweep.get(0)).isEqualTo("pct_3x3,params,macs,activations,model_bytes_32,accuracy,"
                + "compressed_bytes,top5,top1_sd,top1_min,top1_max,seeds,best_epochs,train_seconds,"
                + "images_per_second,pareto");
        List<String> runs = Files.readAllLines(straight.resolve("runs.csv"));
        assertThat(sweep).hasSize(3);
        assertThat(runs).hasSize(3);
        for (int i = 0; i < 2; i++) {
            String[] run = runs.get(i + 1).split(",");
            String[] point = sweep.get(i + 1).split(",", -1);
            Path runDir = straight.resolve(run[2]);
            RunSummary s = new RunDirectory(runDir).summary().orElseThrow();
            assertThat(run[0]).isEqualTo(Integer.toString(i + 1));
            assertThat(run[3]).isEqualTo("COMPLETED");
            assertThat(Integer.parseInt(run[5])).isEqualTo(s.bestEpoch()).isPositive();
            assertThat(Double.parseDouble(run[6])).isCloseTo(s.bestTop1(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(new RunDirectory(runDir).bestModelFile(s.bestEpoch())).exists();
            // one seed: accuracy = that run's best top-1, no spread
            assertThat(Double.parseDouble(point[5])).isCloseTo(s.bestTop1(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(point[8]).isEmpty();
            assertThat(point[11]).isEqualTo("1");
            assertThat(point[12]).isEqualTo(Integer.toString(s.bestEpoch()));
            // the run trained the point's network
            SweepPoint p = straightOutcome.points().get(i);
            assertThat(s.params()).isEqualTo(p.params());
            assertThat(new RunDirectory(runDir).spec().nodes()).isEqualTo(org.cnnworkbench.engine.design
                    .SqueezeNetGenerator.generate(setup(List.of(7L)).metaparameters(p)).nodes());
        }
        assertThat(SweepTrainer.recorded(straight)).isEqualTo(straightOutcome.accuracy());
    }

    @Test
    void anInterruptedSweepContinuesWithoutRetrainingFinishedRunsAndEndsAsAStraightOne() throws Exception {
        Path sweep = dir.resolve("sweep");
        AtomicBoolean cancel = new AtomicBoolean();
        List<Integer> started = new ArrayList<>();
        SweepTrainer.Listener stopInSecondRun = new SweepTrainer.Listener() {
            int run = -1;

            @Override
            public void runStarting(int index, int runs, SweepPoint point, long seed, Path runDir, boolean resuming) {
                run = index;
            }

            @Override
            public void epochEnded(EpochMetrics m) {
                if (run == 1) {
                    cancel.set(true);   // after epoch 1 of the second point
                }
            }
        };
        SweepTrainer.Outcome first = SweepTrainer.run(sweep, setup(List.of(7L)), null, stopInSecondRun, cancel);
        assertThat(first.status()).isEqualTo(RunSummary.Status.CANCELLED);
        assertThat(first.message()).contains("workbench sweep --resume " + sweep);
        assertThat(first.accuracy().get(0).measured()).hasSize(1);
        assertThat(first.accuracy().get(1).measured()).isEmpty();
        Path done = sweep.resolve("runs").resolve("01-pct_3x3-0.25-seed-7");
        Path half = sweep.resolve("runs").resolve("02-pct_3x3-0.75-seed-7");
        assertThat(new RunDirectory(half).metrics()).hasSize(1);
        String[] untrained = Files.readAllLines(sweep.resolve("sweep.csv")).get(2).split(",", -1);
        assertThat(untrained[5]).isEmpty();   // accuracy
        assertThat(java.util.Arrays.copyOfRange(untrained, 7, 16)).containsOnly("");
        byte[] summaryBefore = Files.readAllBytes(done.resolve("summary.json"));
        var modified = Files.getLastModifiedTime(done.resolve("model.zip"));

        List<Boolean> resumed = new ArrayList<>();
        SweepTrainer.Outcome second = SweepTrainer.resume(sweep, new SweepTrainer.Listener() {
            @Override
            public void sweepStarted(List<SweepPoint> points, int runs, int finished) {
                started.add(finished);
            }

            @Override
            public void runStarting(int index, int runs, SweepPoint point, long seed, Path runDir, boolean r) {
                started.add(index);
                resumed.add(r);
            }
        }, new AtomicBoolean());
        assertThat(second.status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(second.trainedThisSession()).isEqualTo(1);
        assertThat(started).containsExactly(1, 1);   // one run was finished; only run index 1 trained
        assertThat(resumed).containsExactly(true);
        assertThat(Files.readAllBytes(done.resolve("summary.json"))).isEqualTo(summaryBefore);
        assertThat(Files.getLastModifiedTime(done.resolve("model.zip"))).isEqualTo(modified);
        // resuming from the checkpoint is exact: the same results as the uninterrupted sweep
        assertThat(accuracies(second.accuracy())).isEqualTo(accuracies(straightOutcome.accuracy()));
        assertThat(Files.readAllLines(sweep.resolve("runs.csv")).stream().map(SweepTrainerTest::withoutTimes))
                .isEqualTo(Files.readAllLines(straight.resolve("runs.csv")).stream()
                        .map(SweepTrainerTest::withoutTimes).toList());
    }

    private static List<Double> accuracies(List<PointAccuracy> a) {
        return a.stream().map(PointAccuracy::top1).toList();
    }

    /** A runs.csv line without its two timing columns. */
    private static String withoutTimes(String line) {
        String[] cells = line.split(",");
        return String.join(",", java.util.Arrays.copyOf(cells, cells.length - 2));
    }

    @Test
    void aFinishedSweepRunAgainTrainsNothing() throws Exception {
        Path copy = dir.resolve("again");
        copyTree(straight, copy);
        SweepTrainer.Outcome o = SweepTrainer.run(copy, setup(List.of(7L)), null, new SweepTrainer.Listener() { },
                new AtomicBoolean());
        assertThat(o.trainedThisSession()).isZero();
        assertThat(o.accuracy()).isEqualTo(straightOutcome.accuracy());
    }

    @Test
    void aFolderHoldingAnotherSweepIsRefusedAndLeftAsItIs() throws Exception {
        Path copy = dir.resolve("other");
        copyTree(straight, copy);
        byte[] setup = Files.readAllBytes(copy.resolve("sweep.json"));
        assertThatThrownBy(() -> SweepTrainer.run(copy, setup(List.of(7L, 8L)), null, new SweepTrainer.Listener() { },
                new AtomicBoolean())).isInstanceOf(IOException.class)
                .hasMessageContaining("holds a sweep with other settings (seeds [7]")
                .hasMessageContaining("--resume " + copy);
        assertThat(Files.readAllBytes(copy.resolve("sweep.json"))).isEqualTo(setup);
        Path notEmpty = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(notEmpty.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> SweepTrainer.run(notEmpty, setup(List.of(7L)), null, new SweepTrainer.Listener() { },
                new AtomicBoolean())).isInstanceOf(IOException.class).hasMessageContaining("is not empty");
    }

    @Test
    void severalSeedsGiveTheMeanAndSpreadOfEachPoint() {
        List<TrainedRun> runs = List.of(run(0.80, 3), run(0.90, 4), run(0.85, 4),
                new TrainedRun(0, 4, "x", "CANCELLED", 1, 1, 0.99, 1, 0.99, 1, 1));
        PointAccuracy a = new PointAccuracy(runs);
        assertThat(a.measured()).hasSize(3);
        assertThat(a.top1()).isCloseTo(0.85, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a.top1Sd()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a.top1Min()).isEqualTo(0.80);
        assertThat(a.top1Max()).isEqualTo(0.90);
        assertThat(new PointAccuracy(List.of(run(0.8, 1))).top1Sd()).isNaN();
    }

    private static TrainedRun run(double top1, int bestEpoch) {
        return new TrainedRun(0, bestEpoch, "r", "COMPLETED", 4, bestEpoch, top1, 1.0, top1, 10, 100);
    }

    @Test
    void anImageBudgetTrimsTheSubsetThenTheEpochs() {
        SweepTrainer.Setup s = setup(List.of(1L)).withConfig(TrainingConfig.defaults().withEpochs(3), setup(
                List.of(1L)).data(), "");
        SweepBudget.Choice big = SweepBudget.images(s, 1000, 10, 1500);
        assertThat(big.setup().config().epochs()).isEqualTo(3);
        assertThat(big.setup().data().trainLimit()).isEqualTo(500);
        assertThat(big.description()).isEqualTo("budget of 1,500 training images per point: 3 epochs of 500 of "
                + "1,000 training images per run");
        SweepBudget.Choice all = SweepBudget.images(s, 1000, 10, 30_000);
        assertThat(all.setup().data().trainLimit()).isZero();
        assertThat(all.description()).endsWith("3 epochs of all 1,000 training images per run");
        // 300 images: 3 x 100 and 2 x 150 are below 20 per class, so 1 epoch of 300
        SweepBudget.Choice small = SweepBudget.images(s, 1000, 10, 300);
        assertThat(small.setup().config().epochs()).isEqualTo(1);
        assertThat(small.setup().data().trainLimit()).isEqualTo(300);
        assertThatThrownBy(() -> SweepBudget.images(s, 1000, 10, 150)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("150 training images per point are too few: at least 200 (20 per class or all the "
                        + "data, one epoch) are needed");
    }

    @Test
    void aTimeBudgetMeasuresEachPointAndRefusesOneTooShort() throws Exception {
        SweepTrainer.Setup s = setup(List.of(1L));
        TrainingData data = TrainingData.open(s.data(), new Shape.FeatureMap(1, 28, 28));
        List<Double> rates = new ArrayList<>();
        SweepBudget.Choice roomy = SweepBudget.time(s, data, 1e6, (p, r) -> rates.add(r));
        assertThat(rates).hasSize(2).allMatch(r -> r > 0);
        assertThat(roomy.setup().config().epochs()).isEqualTo(2);
        assertThat(roomy.setup().data()).isEqualTo(s.data());
        assertThat(roomy.description()).contains("2 epochs of all 120 training images per run");
        assertThatThrownBy(() -> SweepBudget.time(s, data, 5, (p, r) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("are not enough for 2 runs");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
