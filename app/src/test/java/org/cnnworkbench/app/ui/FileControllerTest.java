package org.cnnworkbench.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.cnnworkbench.app.ui.document.Edits;
import org.cnnworkbench.app.ui.files.RecentFiles;
import org.cnnworkbench.app.ui.files.RecoveryStore;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and crash recovery without the toolkit: the I/O thread is real, the "UI thread" is whichever thread
 * reports back, and failures are collected instead of shown.
 */
class FileControllerTest {

    @TempDir
    Path home;

    private final List<String> told = new CopyOnWriteArrayList<>();

    private WorkbenchViewModel openNin() throws Exception {
        WorkbenchViewModel vm = new WorkbenchViewModel(Analyzer.standard(), Runnable::run, Runnable::run);
        vm.open(SampleNetworks.load("nin"), null);
        return vm;
    }

    private FileController controller(WorkbenchViewModel vm, Path recentHome, Path recoveryHome,
                                       Predicate<RecoveryStore.Recovered> askRestore) {
        return new FileController(vm, new RecentFiles(recentHome), new RecoveryStore(recoveryHome), Runnable::run,
                (header, message) -> told.add(header + ": " + message), askRestore, false);
    }

    private FileController controller(WorkbenchViewModel vm) {
        return controller(vm, home, home, copy -> false);
    }

    private static void settle(FileController files) throws Exception {
        files.flush().get(10, TimeUnit.SECONDS);
    }

    private void leaveCopyOfAnOlderVersion() throws Exception {
        NetworkJson.write(SampleNetworks.load("alexnet").spec(), home.resolve("recovery.json"));
    }

    private static List<Path> jsonIn(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json")).toList();
        }
    }

    /** AlexNet's spec file as the workbench writes it, edited by {@code edit}. */
    private Path alexnetFile(String name, java.util.function.UnaryOperator<String> edit) throws Exception {
        return Files.writeString(home.resolve(name), edit.apply(NetworkJson.write(SampleNetworks.load("alexnet")
                .spec())));
    }

    @Test
    void aFileOpenedWithWarningsSaysSo() throws Exception {
        WorkbenchViewModel vm = openNin();
        FileController files = controller(vm);
        Path file = alexnetFile("ghost.json", json -> json.replaceFirst("\n}\n$",
                ",\n  \"layout\": {\"ghost\": [1, 2]}\n}\n"));

        assertThat(files.openFile(file).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(vm.document().get().spec().name()).isEqualTo("alexnet");
        assertThat(told).singleElement().asString().startsWith("Opened alexnet with a warning: ")
                .contains("ghost.json:", "the layout names \"ghost\"");
    }

    @Test
    void anImportedPrototxtOpensUntitledAndItsSkippedLayersAreTold() throws Exception {
        WorkbenchViewModel vm = openNin();
        FileController files = controller(vm);
        Path prototxt = Files.writeString(home.resolve("tiny.prototxt"), """
                name: "tiny"
                input: "data"
                input_shape { dim: 1 dim: 3 dim: 32 dim: 32 }
                layer { name: "up" type: "Deconvolution" bottom: "data" top: "up" }
                layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
                        convolution_param { num_output: 8 kernel_size: 3 } }
                """);

        assertThat(new PrototxtImportController(files, () -> null).importFile(prototxt).get(10, TimeUnit.SECONDS))
                .isTrue();

        assertThat(vm.document().get().spec().name()).isEqualTo("tiny");
        assertThat(vm.file().get()).isNull();
        assertThat(told).singleElement().asString().startsWith("Opened tiny with a warning: ")
                .contains("tiny.prototxt:4:1: skipped layer 'up' (Deconvolution)");
    }

    @Test
    void openingAPrototxtImportsIt() throws Exception {
        WorkbenchViewModel vm = openNin();
        FileController files = controller(vm);
        Path prototxt = Files.writeString(home.resolve("bad.prototxt"), "layer { name: \"x\"\n");

        assertThat(files.openFile(prototxt).get(10, TimeUnit.SECONDS)).isFalse();

        assertThat(told).singleElement().asString().startsWith("Cannot import bad.prototxt: ")
                .contains("malformed prototxt");
        assertThat(vm.document().get().spec().name()).isEqualTo("nin");
    }

    @Test
    void anOpenThatFailsInAnUnexpectedWayIsToldAndFinishes() throws Exception {
        WorkbenchViewModel vm = openNin();
        FileController files = controller(vm);
        Path huge = alexnetFile("huge.json", json -> json.replace("\"id\":\"norm1\",\"kind\":\"lrn\"",
                "\"id\":\"norm1\",\"kind\":\"lrn\",\"alpha\":1e400"));
        assertThat(Files.readString(huge)).contains("1e400");

        assertThat(files.openFile(huge).get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(told).singleElement().asString().startsWith("Cannot open huge.json: ");
        assertThat(vm.document().get().spec().name()).isEqualTo("nin");
    }

    @Test
    void aDamagedRecentListNeverHoldsUpAnOpenAndIsTold() throws Exception {
        Files.writeString(home.resolve("recent.txt"), "/tmp/a.json\n/tmp/b\u0000.json\n");
        WorkbenchViewModel vm = openNin();
        FileController files = controller(vm);
        Path file = home.resolve("alexnet.json");
        NetworkJson.write(SampleNetworks.load("alexnet").spec(), file);

        assertThat(files.openFile(file).get(10, TimeUnit.SECONDS)).as("told: %s", told).isTrue();
        assertThat(vm.document().get().spec().name()).isEqualTo("alexnet");
        assertThat(told).singleElement().asString().contains("recent files", "recent.txt:2", "dropped");
    }

    @Test
    void aSaveThatCannotWriteIsToldAndTheNetworkStaysUnsaved() throws Exception {
        WorkbenchViewModel vm = openNin();
        FileController files = controller(vm);
        vm.apply(Edits.setParam(vm.document().get(), "conv1", "filters", 64L));
        Path notAFolder = Files.writeString(home.resolve("plain-file"), "x");

        assertThat(files.saveTo(notAFolder.resolve("nin.json")).get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(told).singleElement().asString().startsWith("Cannot save nin.json: The file was not changed: ");
        assertThat(vm.dirty().get()).isTrue();
    }

    @Test
    void aSaveWhoseRecentListCannotBeUpdatedIsDoneAndTheListFailureTold() throws Exception {
        WorkbenchViewModel vm = openNin();
        Path notAFolder = Files.writeString(home.resolve("plain-file"), "x");
        FileController files = controller(vm, notAFolder, home, copy -> false);
        vm.apply(Edits.setParam(vm.document().get(), "conv1", "filters", 64L));
        Path file = home.resolve("nin.json");

        assertThat(files.saveTo(file).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(NetworkJson.read(file).spec()).isEqualTo(vm.document().get().spec());
        assertThat(vm.dirty().get()).isFalse();
        assertThat(told).singleElement().asString().startsWith("The recent files list cannot be updated");
    }

    @Test
    void aRecoveryCopyThatCannotBeWrittenIsToldOncePerStreak() throws Exception {
        WorkbenchViewModel vm = openNin();
        Path notAFolder = Files.writeString(home.resolve("plain-file"), "x");
        FileController files = controller(vm, home, notAFolder, copy -> false);
        vm.apply(Edits.setParam(vm.document().get(), "conv1", "filters", 64L));
        files.writeRecoveryCopy();
        files.writeRecoveryCopy();
        settle(files);
        assertThat(told).singleElement().asString()
                .startsWith("Unsaved work is not protected against a crash").contains("save it to keep it");
    }

    @Test
    void decliningKeepsTheCopyEvenWhenTheAutosaveRunsWhileTheQuestionIsOpen() throws Exception {
        leaveCopyOfAnOlderVersion();
        WorkbenchViewModel vm = openNin();
        FileController[] files = new FileController[1];
        files[0] = controller(vm, home, home, copy -> {
            files[0].writeRecoveryCopy();   // the clean document's autosave, half a second after start-up
            return false;
        });
        files[0].offerRecovery().get(10, TimeUnit.SECONDS);
        settle(files[0]);

        assertThat(jsonIn(home.resolve("recovery").resolve("kept"))).hasSize(1);
        List<RecoveryStore.KeptCopy> kept = files[0].recovery().store().kept();
        assertThat(kept).extracting(RecoveryStore.KeptCopy::networkName).containsExactly("alexnet");
        assertThat(told).isEmpty();

        // File > Recover opens it as unsaved work; it stays kept until the user deletes it.
        assertThat(files[0].recovery().openKept(kept.get(0)).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(vm.document().get().spec().name()).isEqualTo("alexnet");
        assertThat(vm.dirty().get()).isTrue();
        settle(files[0]);
        assertThat(files[0].recovery().store().kept()).hasSize(1);
    }

    @Test
    void restoringOpensTheCopyAsUnsavedWorkAndTakesItOver() throws Exception {
        leaveCopyOfAnOlderVersion();
        WorkbenchViewModel vm = openNin();
        FileController files = controller(vm, home, home, copy -> true);
        files.offerRecovery().get(10, TimeUnit.SECONDS);
        settle(files);

        assertThat(vm.document().get().spec()).isEqualTo(SampleNetworks.load("alexnet").spec());
        assertThat(vm.dirty().get()).isTrue();
        List<Path> copies = jsonIn(home.resolve("recovery"));
        assertThat(copies).singleElement().satisfies(copy -> {
            assertThat(copy.getFileName().toString()).startsWith(ProcessHandle.current().pid() + "-");
            assertThat(NetworkJson.read(copy).spec().name()).isEqualTo("alexnet");
        });
        assertThat(Files.exists(home.resolve("recovery.json"))).isFalse();
        files.shutdown();
        assertThat(jsonIn(home.resolve("recovery"))).isEmpty();
    }

    @Test
    void aSecondWindowDoesNotOfferTheFirstWindowsUnsavedWork() throws Exception {
        WorkbenchViewModel first = openNin();
        FileController firstFiles = controller(first);
        first.apply(Edits.setParam(first.document().get(), "conv1", "filters", 64L));
        firstFiles.writeRecoveryCopy();
        settle(firstFiles);
        assertThat(jsonIn(home.resolve("recovery"))).hasSize(1);

        List<RecoveryStore.Recovered> asked = new CopyOnWriteArrayList<>();
        FileController secondFiles = controller(openNin(), home, home, copy -> asked.add(copy) && false);
        secondFiles.offerRecovery().get(10, TimeUnit.SECONDS);
        secondFiles.writeRecoveryCopy();   // the second window's clean document
        settle(secondFiles);
        assertThat(asked).isEmpty();
        assertThat(jsonIn(home.resolve("recovery"))).hasSize(1);
        assertThat(told).isEmpty();
    }
}
