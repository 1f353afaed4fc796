package org.cnnworkbench.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.FileController;
import org.cnnworkbench.app.ui.FxRuntime;
import org.cnnworkbench.app.ui.MainWindow;
import org.cnnworkbench.app.ui.document.Edits;
import org.cnnworkbench.app.ui.files.RecentFiles;
import org.cnnworkbench.app.ui.files.RecoveryStore;
import org.cnnworkbench.app.ui.viewmodel.StatusSummary;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.samples.SampleNetworks;

/**
 * Time from an edit in the main window until the layer table, the canvas and the status bar show its result and
 * the next pulse has styled and laid out the scene again: the edit is applied on the JavaFX thread and analysed and
 * published exactly as in the application (in place when that is quick, else on the analysis thread; decision
 * 0021). Three cases ({@link Case}): SqueezeNet v1.0, and a local edit near the end of a 2,000-node chain, zoomed to
 * fit and at 100 %. Run with {@code ./workbench bench ui}. Edits are {@link #PAUSE_MS} apart, as a person's are at
 * the quickest: by then the renderer has drawn the previous frame, so a pulse does not wait for it (drawing a
 * 1440x900 frame in software takes 20-35 ms on a two-core machine).
 */
public final class UiBenchmark {

    /**
     * One network and the edit timed on it: {@code param} of node {@code node} set alternately to {@code first} and
     * {@code second}; the canvas zoomed to fit the network as it opens ({@code zoom} 0), or zoomed to {@code zoom}
     * with the edited node in the middle.
     */
    public record Case(String description, LoadedNetwork network, String node, String param, long first, long second,
                       double zoom) {

        /** SqueezeNet v1.0, fire5's e3x3 toggled 128/96: a local change (fire5 and fire6 are affected). */
        public static Case squeezeNet() {
            try {
                return new Case("SqueezeNet v1.0, fire5 e3x3 128/96", SampleNetworks.load("squeezenet-v1.0"),
                        "fire5", "e3x3", 96, 128, 0);
            } catch (SpecFormatException e) {
                throw new IllegalStateException("the bundled SqueezeNet v1.0 does not read: " + e.getMessage(), e);
            }
        }

        /**
         * The 2,000-node chain of {@link SyntheticNetworks#chain} (1,000 convolutions, 1,000 batch norms), the filters
         * of its third node from the end toggled 16/24: a local change (it and the next two nodes are affected).
         */
        public static Case chain2000() {
            int size = AnalysisBenchmark.CHAIN_SIZE;
            return new Case("2,000-node chain, n" + (size - 3) + " filters 16/24",
                    new LoadedNetwork(SyntheticNetworks.chain(size), "chain-" + size, Map.of()),
                    "n" + (size - 3), "filters", 24, 16, 0);
        }

        /** The same edit, the canvas at 100 % with the edited node in view, as one edits it with legible cards. */
        public static Case chain2000AtFullSize() {
            Case fit = chain2000();
            return new Case(fit.description() + ", canvas at 100 %", fit.network(), fit.node(), fit.param(),
                    fit.first(), fit.second(), 1);
        }
    }

    /**
     * Milliseconds per edit, each sorted:
     * {@code millis}, the edit's work: from applying it until every view has the result, plus the next pulse's CSS
     * and layout pass (what the JavaFX thread does for it before the frame is drawn; not the wait for that pulse);
     * {@code handOff}, the part before the result reached the views (applying the edit and analysing it; when the
     * analysis runs on its thread, also the wait for the UI thread, which may be busy with a frame);
     * {@code untilLaidOut}, the wall time from applying the edit until that pulse's layout is done, the wait for the
     * pulse (at most one 60 Hz frame) included;
     * {@code wholePulse}, the edit's work as in {@code millis} but with the whole pulse: after the layout, JavaFX
     * visits every node of the scene for its bounds and copies what changed to the render graph (before copying it
     * waits for the renderer to finish the previous frame, if it has not; that wait is included when it happens).
     */
    public record Result(double[] millis, double[] handOff, double[] untilLaidOut, double[] wholePulse) {
        public double percentile(double p) {
            return at(millis, p);
        }

        public double handOffPercentile(double p) {
            return at(handOff, p);
        }

        public double untilLaidOutPercentile(double p) {
            return at(untilLaidOut, p);
        }

        public double wholePulsePercentile(double p) {
            return at(wholePulse, p);
        }

        private static double at(double[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
        }
    }

    /** Milliseconds between the end of one timed edit and the next. */
    static final long PAUSE_MS = 50;

    private UiBenchmark() {
    }

    public static Result run(Case edit, int warmup, int measured) throws Exception {
        FxRuntime.start();
        Path scratch = Files.createTempDirectory("workbench-bench");
        WorkbenchViewModel vm = FxRuntime.call(() -> new WorkbenchViewModel(Analyzer.standard(),
                FxRuntime.analysisThread(), Platform::runLater));
        Scene scene = FxRuntime.call(() -> {
            try {
                vm.open(edit.network(), null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            MainWindow window = new MainWindow(vm, new FileController(vm, new RecentFiles(scratch),
                    new RecoveryStore(scratch)));
            Scene shown = window.show(new Stage(), 1440, 900);
            if (edit.zoom() > 0) {
                shown.getRoot().applyCss();
                shown.getRoot().layout();
                window.canvas().setZoom(edit.zoom());
                window.canvas().reveal(edit.node());
            }
            return shown;
        });
        double[] times = new double[measured];
        double[] handOff = new double[measured];
        double[] untilPulse = new double[measured];
        double[] wholePulse = new double[measured];
        for (int i = 0; i < warmup + measured; i++) {
            long value = i % 2 == 0 ? edit.first() : edit.second();
            Thread.sleep(PAUSE_MS);
            double[] ms = timeOneEdit(vm, scene, edit, value);
            if (i >= warmup) {
                times[i - warmup] = ms[0];
                handOff[i - warmup] = ms[1];
                untilPulse[i - warmup] = ms[2];
                wholePulse[i - warmup] = ms[3];
            }
        }
        FxRuntime.call(() -> {
            ((Stage) scene.getWindow()).close();
            return null;
        });
        Arrays.sort(times);
        Arrays.sort(handOff);
        Arrays.sort(untilPulse);
        Arrays.sort(wholePulse);
        return new Result(times, handOff, untilPulse, wholePulse);
    }

    private static double[] timeOneEdit(WorkbenchViewModel vm, Scene scene, Case edit, long value)
            throws InterruptedException {
        CountDownLatch shown = new CountDownLatch(1);
        long[] elapsed = new long[4];
        Platform.runLater(() -> {
            long start = System.nanoTime();
            ChangeListener<Object> arrived = new ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<?> o, Object before, Object after) {
                    elapsed[1] = System.nanoTime() - start;
                    vm.report().removeListener(this);
                }
            };
            vm.report().addListener(arrived);
            ChangeListener<StatusSummary> done = new ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends StatusSummary> o,
                                    StatusSummary before, StatusSummary after) {
                    if (!vm.isAnalysisCurrent()) {
                        return;
                    }
                    // the result is in every view's model; the next pulse restyles and lays out what changed
                    long published = System.nanoTime();
                    vm.status().removeListener(this);
                    long[] pulse = new long[1];
                    Runnable pulseStart = () -> pulse[0] = System.nanoTime();
                    Runnable[] pulseEnd = new Runnable[1];
                    pulseEnd[0] = () -> {
                        long laidOut = System.nanoTime();
                        elapsed[0] = (published - start) + (laidOut - pulse[0]);
                        elapsed[2] = laidOut - start;
                        scene.removePreLayoutPulseListener(pulseStart);
                        scene.removePostLayoutPulseListener(pulseEnd[0]);
                        // the pulse is one task of the JavaFX thread: what is queued now runs once it is over
                        Platform.runLater(() -> {
                            elapsed[3] = (published - start) + (System.nanoTime() - pulse[0]);
                            shown.countDown();
                        });
                    };
                    scene.addPreLayoutPulseListener(pulseStart);
                    scene.addPostLayoutPulseListener(pulseEnd[0]);
                    Platform.requestNextPulse();
                }
            };
            vm.status().addListener(done);
            vm.apply(Edits.setParam(vm.document().get(), edit.node(), edit.param(), value));
        });
        if (!shown.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the edit was not shown within 2 minutes");
        }
        return new double[] {elapsed[0] / 1e6, elapsed[1] / 1e6, elapsed[2] / 1e6, elapsed[3] / 1e6};
    }
}
