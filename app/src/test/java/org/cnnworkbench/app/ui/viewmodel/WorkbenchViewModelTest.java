package org.cnnworkbench.app.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cnnworkbench.app.ui.document.Edits;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main view model, without the JavaFX toolkit: analysis and UI updates run synchronously here. */
class WorkbenchViewModelTest {

    @TempDir
    Path dir;

    private final WorkbenchViewModel vm = new WorkbenchViewModel(Analyzer.standard(), Runnable::run, Runnable::run);
    /** The analysis jobs and the UI hand-backs of a view model made by {@link #queued}, run by {@link #drain}. */
    private final List<Runnable> background = new ArrayList<>();
    private final List<Runnable> ui = new ArrayList<>();

    @BeforeEach
    void openSqueezeNet() throws Exception {
        vm.open(SampleNetworks.load("squeezenet-v1.0"), null);
    }

    @Test
    void openedNetworkIsLaidOutAnalysedAndClean() {
        assertThat(vm.document().get().layout()).hasSize(17);
        assertThat(vm.isAnalysisCurrent()).isTrue();
        assertThat(vm.status().get().params()).isEqualTo(1_248_424);
        assertThat(vm.status().get().modelBytes32()).isEqualTo(4_993_696);
        assertThat(vm.layers()).hasSize(17);
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.dirty().get()).isFalse();
        assertThat(vm.title().get()).isEqualTo("squeezenet-v1.0 - CNN Workbench");
    }

    @Test
    void editUpdatesTotalsExactlyAndUndoRestoresThem() {
        vm.apply(Edits.setParam(vm.document().get(), "fire2", "s1x1", 32L));
        AnalysisReport expected = Analyzer.standard().analyze(vm.document().get().spec());
        assertThat(vm.status().get().params()).isEqualTo(expected.totals().paramTotal());
        assertThat(vm.status().get().macs()).isEqualTo(expected.totals().macs());
        assertThat(vm.lastAffected().get()).containsExactly("fire2");
        assertThat(vm.dirty().get()).isTrue();
        assertThat(vm.title().get()).startsWith("*");
        assertThat(vm.undoText().get()).isEqualTo("Undo Set fire2.s1x1 = 32");

        assertThat(vm.specBeforeLastEdit()).contains(SampleNetworksSpec.squeezeNet());
        vm.undo();
        assertThat(vm.specBeforeLastEdit()).isEmpty();
        assertThat(vm.status().get().params()).isEqualTo(1_248_424);
        assertThat(vm.dirty().get()).isFalse();
        vm.redo();
        assertThat(vm.status().get().params()).isEqualTo(expected.totals().paramTotal());
    }

    @Test
    void bitWidthChangesOnlyTheSecondModelSize() {
        vm.bits().set(4);
        assertThat(vm.status().get().modelBytesAtBits()).isEqualTo(624_212);
        assertThat(vm.status().get().modelBytes32()).isEqualTo(4_993_696);
        assertThat(vm.status().get().text()).contains("1,248,424 params", "at 4-bit");
    }

    @Test
    void invalidEditListsAProblemOnItsNode() {
        vm.apply(Edits.setParam(vm.document().get(), "fire3", "bypass", true));   // 128 in, 128 out: fine
        assertThat(vm.problems()).isEmpty();
        vm.apply(Edits.setParam(vm.document().get(), "fire4", "bypass", true));   // 128 in, 256 out
        assertThat(vm.problems()).singleElement().satisfies(d -> {
            assertThat(d.node()).isEqualTo("fire4");
            assertThat(d.message()).contains("bypass", "128", "256");
        });
        assertThat(vm.status().get().valid()).isFalse();
        assertThat(vm.layers()).filteredOn(r -> r.id().equals("fire4")).first()
                .satisfies(r -> assertThat(r.status()).isEqualTo("error"));
        assertThat(vm.layers()).filteredOn(r -> r.id().equals("pool4")).first()
                .satisfies(r -> assertThat(r.status()).isEqualTo("blocked"));
    }

    @Test
    void deleteAndDuplicateWorkOnTheSelection() {
        vm.select("drop9");
        vm.deleteSelection();
        assertThat(vm.document().get().spec().contains("drop9")).isFalse();
        assertThat(vm.document().get().spec().node("conv10").orElseThrow().inputs()).containsExactly("fire9");
        assertThat(vm.selection()).isEmpty();
        vm.select("fire9");
        vm.duplicateSelection();
        assertThat(vm.selection()).containsExactly("fire1");
        assertThat(vm.document().get().position("fire1")).isNotNull();
        vm.selectAll();
        assertThat(vm.selection()).hasSize(17);
    }

    @Test
    void savingIsAtomicClearsDirtyAndKeepsTheLayout() throws Exception {
        vm.apply(Edits.move(vm.document().get(), java.util.Map.of("conv1", new NodePosition(999, 5))));
        Path file = dir.resolve("mine.json");
        vm.save(file);
        assertThat(vm.dirty().get()).isFalse();
        assertThat(vm.title().get()).isEqualTo("mine.json - CNN Workbench");
        var back = NetworkJson.read(file);
        assertThat(back.spec()).isEqualTo(vm.document().get().spec());
        assertThat(back.layout().get("conv1")).isEqualTo(new NodePosition(999, 5));
        assertThat(dir.toFile().list()).containsExactly("mine.json");
    }

    @Test
    void analysisRunsOffTheCallingThreadAndOnlyTheNewestResultIsPublished() {
        WorkbenchViewModel async = new WorkbenchViewModel(Analyzer.standard(), background::add, ui::add);
        async.open(vm.document().get(), null);
        async.apply(Edits.setParam(async.document().get(), "conv1", "filters", 64L));
        async.apply(Edits.setParam(async.document().get(), "conv1", "filters", 48L));
        assertThat(async.isAnalysisCurrent()).isFalse();   // nothing ran yet: the edit did not wait
        background.forEach(Runnable::run);
        ui.forEach(Runnable::run);
        assertThat(async.isAnalysisCurrent()).isTrue();
        assertThat(async.report().get().result("conv1").orElseThrow().output().channels()).isEqualTo(48);
        assertThat(Set.copyOf(async.lastAffected().get())).contains("conv1");
    }

    @Test
    void aQuickEditIsAnalysedAndShownOnTheCallingThreadOnceNothingIsRunning() {
        WorkbenchViewModel async = queued(Long.MAX_VALUE);
        async.open(vm.document().get(), null);
        assertThat(background).hasSize(1);          // opening a network always analyses it in the background
        drain();
        assertThat(async.isAnalysisCurrent()).isTrue();

        async.apply(Edits.setParam(async.document().get(), "conv1", "filters", 64L));
        assertThat(background).isEmpty();
        assertThat(ui).isEmpty();
        assertThat(async.isAnalysisCurrent()).isTrue();   // shown before apply returned
        assertThat(async.report().get().result("conv1").orElseThrow().output().channels()).isEqualTo(64);
        assertThat(Set.copyOf(async.lastAffected().get())).contains("conv1", "fire2");
        assertThat(async.undo()).isTrue();
        assertThat(async.report().get().result("conv1").orElseThrow().output().channels()).isEqualTo(96);
    }

    @Test
    void anEditWaitsForTheAnalysisInFlightAndASlowAnalysisStaysInTheBackground() {
        WorkbenchViewModel quick = queued(Long.MAX_VALUE);
        quick.open(vm.document().get(), null);
        quick.apply(Edits.setParam(quick.document().get(), "conv1", "filters", 64L));
        assertThat(background).hasSize(2);          // the open's analysis had not run: the edit queued behind it
        assertThat(quick.isAnalysisCurrent()).isFalse();
        drain();
        assertThat(quick.report().get().result("conv1").orElseThrow().output().channels()).isEqualTo(64);

        WorkbenchViewModel never = queued(0);
        never.open(vm.document().get(), null);
        drain();
        never.apply(Edits.setParam(never.document().get(), "conv1", "filters", 64L));
        assertThat(background).hasSize(1);          // the last analysis took longer than the budget (0 ns)
        assertThat(never.isAnalysisCurrent()).isFalse();
    }

    /**
     * A view model whose analysis jobs and hand-backs wait in {@link #background} and {@link #ui}, analysing an
     * edit in place within {@code inlineBudgetNanos}; the empty document it starts with already analysed.
     */
    private WorkbenchViewModel queued(long inlineBudgetNanos) {
        WorkbenchViewModel queued = new WorkbenchViewModel(Analyzer.standard(), background::add, ui::add,
                inlineBudgetNanos);
        drain();
        return queued;
    }

    /** Runs the queued analysis jobs, then what they handed to the UI thread. */
    private void drain() {
        List.copyOf(background).forEach(Runnable::run);
        background.clear();
        List.copyOf(ui).forEach(Runnable::run);
        ui.clear();
    }

    private static final class SampleNetworksSpec {
        static org.cnnworkbench.engine.model.NetworkSpec squeezeNet() {
            try {
                return SampleNetworks.load("squeezenet-v1.0").spec();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
