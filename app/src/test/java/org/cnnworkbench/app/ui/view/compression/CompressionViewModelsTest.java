package org.cnnworkbench.app.ui.view.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.collections.ListChangeListener;
import org.cnnworkbench.app.report.SizeReportText;
import org.cnnworkbench.app.ui.view.training.RunsViewModel;
import org.cnnworkbench.app.ui.view.training.TrainingViewModel;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.dl4j.CompressedModels;
import org.cnnworkbench.engine.dl4j.Compressor;
import org.cnnworkbench.engine.dl4j.DataSpec;
import org.cnnworkbench.engine.dl4j.ModelChoice;
import org.cnnworkbench.engine.dl4j.ModelComparison;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.dl4j.Sensitivity;
import org.cnnworkbench.engine.dl4j.Trainer;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import org.cnnworkbench.engine.dl4j.TrainingData;
import org.cnnworkbench.engine.dl4j.TrainingListener;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Compress, Sensitivity and Comparison view models, toolkit-free, on a small run trained once. */
class CompressionViewModelsTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static Path source;

    static NetworkSpec network() throws Exception {
        return NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "small-cnn", "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 28, "width": 28},
                  {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 8, "kernel": 3, "stride": 2,
                   "activation": "relu"},
                  {"id": "conv2", "kind": "conv", "inputs": ["conv1"], "filters": 8, "kernel": 3, "stride": 2,
                   "activation": "relu"},
                  {"id": "fc1", "kind": "fc", "inputs": ["conv2"], "units": 32, "activation": "relu"},
                  {"id": "fc2", "kind": "fc", "inputs": ["fc1"], "units": 10},
                  {"id": "prob", "kind": "softmax", "inputs": ["fc2"]}]}
                """, "small").spec();
    }

    /** A trained run of the small network on 200 generated images (60 for validation). */
    static Path trainSource(Path folder) throws Exception {
        Path idx = IdxFiles.learnableFashionMnist(folder.resolve("idx"), 200, 60);
        TrainingData data = TrainingData.open(new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 0, 0, 0, 0,
                false), new Shape.FeatureMap(1, 28, 28));
        Path run = folder.resolve("runs/small");
        RunSummary s = Trainer.train(network(), data, TrainingConfig.defaults().withEpochs(2).withBatchSize(20)
                .withLearningRate(0.003), run, new TrainingListener() { }, new AtomicBoolean());
        assertThat(s.status()).isEqualTo(RunSummary.Status.COMPLETED);
        return run;
    }

    @BeforeAll
    static void train() throws Exception {
        source = trainSource(shared);
    }

    private static CompressViewModel opened() {
        CompressViewModel vm = new CompressViewModel(Runnable::run, Runnable::run);
        assertThat(vm.open(source)).isTrue();
        vm.settings().pruneEpochs().set(1);
        vm.settings().quantizeEpochs().set(1);
        vm.settings().learningRate().set(3e-4);
        return vm;
    }

    @Test
    void theSourceModelChoiceReachesTheJobAndSaysWhichEpochIsCompressed() throws Exception {
        CompressViewModel vm = opened();
        int best = new org.cnnworkbench.engine.dl4j.RunDirectory(source).bestEpoch();
        assertThat(best).isBetween(1, 2);
        assertThat(vm.settings().sourceModel().get()).isEqualTo(ModelChoice.BEST);
        assertThat(vm.settings().job().sourceModel()).isEqualTo(ModelChoice.BEST);
        assertThat(vm.settings().sourceModelText().get())
                .isEqualTo("compresses epoch " + best + ", the best validation top-1 (the run has 2)");

        vm.settings().sourceModel().set(ModelChoice.LAST);
        assertThat(vm.settings().job().sourceModel()).isEqualTo(ModelChoice.LAST);
        assertThat(vm.settings().sourceModelText().get()).isEqualTo("compresses the last completed epoch (2)");
    }

    @Test
    void openingARunPrefillsThePlanAndThePredictedSizeFollowsEveryEdit() {
        CompressViewModel vm = opened();
        assertThat(vm.settings().layers()).extracting(CompressionSettings.LayerRow::layer)
                .containsExactly("conv1", "conv2", "fc1", "fc2");
        assertThat(vm.settings().layers().get(2).weights()).isEqualTo(8L * 6 * 6 * 32);
        assertThat(vm.settings().outDir().get()).isEqualTo(source.resolveSibling("small-compressed-deep-compression").toString());
        assertThat(vm.settings().svdLayers().get()).isEqualTo("fc1=0.8");
        long before = vm.settings().estimate().get().totalBytes();
        assertThat(vm.settings().predicted().get()).contains("predicted size", "smaller");

        assertThat(vm.edit("fc1", CompressionSettings.Column.DENSITY, "0.05")).isTrue();
        assertThat(vm.settings().estimate().get().totalBytes()).isLessThan(before);
        assertThat(vm.settings().layers().get(2).density()).isEqualTo(0.05);
        assertThat(vm.error().get()).isEmpty();

        long edited = vm.settings().estimate().get().totalBytes();
        assertThat(vm.edit("fc1", CompressionSettings.Column.DENSITY, "two")).isFalse();
        assertThat(vm.error().get()).contains("fc1", "not a number");
        assertThat(vm.edit("fc1", CompressionSettings.Column.DENSITY, "1.5")).isFalse();
        assertThat(vm.error().get()).contains("outside (0, 1]");
        assertThat(vm.edit("conv1", CompressionSettings.Column.BITS, "40")).isFalse();
        assertThat(vm.settings().estimate().get().totalBytes()).isEqualTo(edited);

        // without quantization the kept weights stay 32-bit: larger; the output directory follows the methods
        vm.settings().quantize().set(false);
        vm.settings().huffman().set(false);
        assertThat(vm.settings().estimate().get().totalBytes()).isGreaterThan(edited);
        assertThat(vm.settings().outDir().get()).endsWith("small-compressed-pruned");
        vm.settings().outDir().set(dir.resolve("mine").toString());
        vm.settings().quantize().set(true);
        assertThat(vm.settings().outDir().get()).isEqualTo(dir.resolve("mine").toString());
        vm.settings().deepCompression();
        assertThat(vm.settings().huffman().get()).isTrue();
        assertThat(vm.settings().layers().get(2).density()).isNotEqualTo(0.05);

        assertThat(new CompressViewModel(Runnable::run, Runnable::run).open(dir.resolve("none"))).isFalse();
    }

    @Test
    void wrongSettingsAndAnExistingDirectoryAreRefusedBeforeAnythingRuns() throws Exception {
        CompressViewModel vm = opened();
        vm.settings().prune().set(false);
        vm.settings().quantize().set(false);
        vm.settings().huffman().set(false);
        assertThat(vm.start()).isFalse();
        assertThat(vm.error().get()).contains("at least one method");
        vm.settings().deepCompression();
        vm.settings().huffman().set(true);
        vm.settings().svd().set(true);
        vm.settings().svdLayers().set("fc1 is 3");
        assertThat(vm.start()).isFalse();
        assertThat(vm.error().get()).contains("LAYER=RANK");
        vm.settings().svd().set(false);
        vm.settings().outDir().set(Files.createDirectories(dir.resolve("taken")).toString());
        assertThat(vm.start()).isFalse();
        assertThat(vm.error().get()).contains("already exists");
        assertThat(vm.state().get()).isEqualTo(CompressViewModel.State.IDLE);
    }

    @Test
    void startCompressesWithProgressAndTheReportAndTheComparisonListsIt() throws Exception {
        CompressViewModel vm = opened();
        Path out = dir.resolve("dc");
        vm.settings().outDir().set(out.toString());
        List<String> statuses = new java.util.ArrayList<>();
        vm.live().status().addListener((o, was, now) -> statuses.add(now));

        assertThat(vm.start()).isTrue();

        assertThat(vm.error().get()).isEmpty();
        assertThat(vm.state().get()).isEqualTo(CompressViewModel.State.FINISHED);
        assertThat(vm.summary().get().status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(vm.live().progress().get()).isEqualTo(1.0);
        assertThat(vm.live().epochMetrics()).hasSize(2);
        assertThat(statuses).anyMatch(s -> s.startsWith("pruned fine-tuning: epoch 1/2"))
                .anyMatch(s -> s.startsWith("weight-sharing fine-tuning: epoch 2/2"));
        CompressedModels.Report report = vm.report().get();
        assertThat(report.fileBytes()).isEqualTo(Files.size(out.resolve(CompressedModels.FILE)));
        // Training Runs lists the compressed file's size for it, not its model.zip's
        RunsViewModel.RunRow listed = RunsViewModel.row(out);
        assertThat(listed.compressed()).isTrue();
        assertThat(listed.modelBytes()).isEqualTo(report.fileBytes());
        assertThat(RunsViewModel.row(source).compressed()).isFalse();
        assertThat(SizeReportText.cells(report.sizes().tensors().get(0))).hasSameSizeAs(SizeReportText.COLUMNS);
        assertThat(vm.live().status().get()).contains("compressed after 2 epochs");
        assertThat(vm.start()).isFalse();
        assertThat(vm.error().get()).contains("already exists");

        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("spec.json"), "{ not json");
        ComparisonViewModel comparison = new ComparisonViewModel(Runnable::run, Runnable::run);
        comparison.setRuns(List.of(source, out, broken));
        assertThat(comparison.rows()).extracting(ModelComparison.Row::approach)
                .containsExactly("none", "Deep Compression");
        assertThat(comparison.rows().get(0).reduction()).isEqualTo(1.0);
        assertThat(comparison.rows().get(1).reduction()).isGreaterThan(2);
        assertThat(comparison.problems()).singleElement().asString().startsWith("broken: ");
        assertThat(comparison.message().get()).isEqualTo("2 of 3 runs, 1 unreadable");
        assertThat(comparison.chartPoints()).extracting(ComparisonViewModel.ChartPoint::label)
                .containsExactly("none small-cnn", "Deep Compression small-cnn");
        assertThat(comparison.csv().lines().findFirst().orElseThrow()).startsWith("approach,architecture");
        assertThat(comparison.markdown()).contains("| Deep Compression | small-cnn |");
        Path md = dir.resolve("table.md");
        comparison.export(md, ComparisonViewModel.Format.MARKDOWN);
        assertThat(Files.readString(md)).isEqualTo(comparison.markdown());

        comparison.analytic().set(true);
        comparison.refresh();
        assertThat(comparison.rows()).hasSize(6);
        assertThat(comparison.rows().get(2).architecture()).containsIgnoringCase("alexnet");
        assertThat(comparison.chartPoints()).hasSize(2);   // analytic rows have no measured accuracy

        // two runs of one approach and architecture: their points are told apart by their folders
        Path copy = dir.resolve("again");
        try (var files = Files.walk(out)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(out.relativize(f).toString()));
            }
        }
        comparison.analytic().set(false);
        comparison.setRuns(List.of(source, out, copy));
        assertThat(comparison.chartPoints()).extracting(ComparisonViewModel.ChartPoint::label).containsExactly(
                "none small-cnn", "Deep Compression (" + out.getFileName() + ")", "Deep Compression (again)");
    }

    @Test
    void aStoppedCompressionResumesFromTrainingRunsWithTheCompressor() throws Exception {
        CompressViewModel vm = opened();
        Path out = dir.resolve("stopped");
        vm.settings().outDir().set(out.toString());
        vm.live().epochMetrics().addListener((ListChangeListener<Object>) c -> vm.stop());
        assertThat(vm.start()).isTrue();
        assertThat(vm.summary().get().status()).isEqualTo(RunSummary.Status.CANCELLED);
        assertThat(vm.live().status().get()).contains("resume stopped");
        assertThat(vm.report().get()).isNull();
        assertThat(Compressor.isCompressedRun(out)).isTrue();

        TrainingViewModel training = new TrainingViewModel(dir, Runnable::run, Runnable::run);
        assertThat(training.resume(out)).isTrue();
        assertThat(training.state().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(training.epochMetrics()).hasSize(2);
        assertThat(out.resolve(CompressedModels.FILE)).exists();
    }

    @Test
    void sensitivityPointsArriveInOrderExportAsCsvAndChooseThePlan() throws Exception {
        CompressViewModel compress = opened();
        SensitivityViewModel vm = new SensitivityViewModel(compress, Runnable::run, Runnable::run);
        assertThat(vm.chooseSettings()).isFalse();
        assertThat(vm.message().get()).contains("measure pruning curves first");
        vm.values().set("1, 0.5, 0.25");
        vm.valLimit().set(60);
        List<String> arrived = new java.util.ArrayList<>();
        vm.points().addListener((ListChangeListener<Sensitivity.Point>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(p -> arrived.add(p.layer() + "@" + p.value()));
            }
        });

        assertThat(vm.run()).isTrue();

        assertThat(vm.running().get()).isFalse();
        assertThat(vm.points()).hasSize(1 + 4 * 3);
        assertThat(arrived.get(0)).startsWith("@");
        assertThat(arrived.subList(1, 4)).containsExactly("conv1@1.0", "conv1@0.5", "conv1@0.25");
        assertThat(vm.message().get()).isEqualTo("measured 13 points");
        assertThat(vm.csv().lines()).hasSize(14).first().isEqualTo("method,layer,weights,value,top1,top5,loss");
        Path csv = dir.resolve("s.csv");
        assertThat(vm.exportCsv(csv)).isTrue();
        assertThat(Files.readString(csv)).isEqualTo(vm.csv());

        vm.byTargetSize().set(false);
        vm.maxLoss().set("100");
        assertThat(vm.chooseSettings()).isTrue();
        assertThat(compress.settings().plan().layer("fc1").orElseThrow().density()).isEqualTo(0.25);
        long smallest = compress.settings().estimate().get().totalBytes();
        vm.byTargetSize().set(true);
        vm.targetSize().set("lots");
        assertThat(vm.chooseSettings()).isFalse();
        assertThat(vm.message().get()).contains("not a size");
        vm.targetSize().set("1MB");
        assertThat(vm.chooseSettings()).isTrue();
        assertThat(compress.settings().estimate().get().totalBytes()).isGreaterThan(smallest);

        vm.method().set(Sensitivity.Method.QUANTIZE);
        assertThat(vm.values().get()).isEqualTo("8, 7, 6, 5, 4, 3, 2");
        vm.values().set("8, x");
        assertThat(vm.run()).isFalse();
        assertThat(vm.message().get()).contains("'x' is not a number");
    }

    @Test
    void sizesOnTheLogAxisReadAsUsersWriteThem() {
        assertThat(ComparisonViewModel.sizeLabel(4)).isEqualTo("10 kB");
        assertThat(ComparisonViewModel.sizeLabel(6)).isEqualTo("1 MB");
        assertThat(ComparisonViewModel.sizeLabel(2)).isEqualTo("100 B");
        assertThat(ComparisonViewModel.sizeLabel(Math.log10(2.5e6))).isEqualTo("2.5 MB");
    }
}
