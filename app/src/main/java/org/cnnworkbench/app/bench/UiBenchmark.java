package org.cnnworkbench.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import org.cnnworkbench.samples.SampleNetworks;

/**
 * Time from an edit on SqueezeNet v1.0 in the main window until the layer table, the chart and the status bar
 * show its result and the scene has been styled and laid out again: the edit is applied on the JavaFX thread,
 * analysed on the analysis thread and published back, exactly as in the application. Run with
 * {@code ./workbench bench ui}.
 */
public final class UiBenchmark {

    /**
     * Milliseconds per edit, sorted: in total, and the part spent before the result reached the UI thread
     * (analysis on its thread plus waiting for the UI thread, which may be rendering a frame).
     */
    public record Result(double[] millis, double[] handOff) {
        public double percentile(double p) {
            return at(millis, p);
        }

        public double handOffPercentile(double p) {
            return at(handOff, p);
        }

        private static double at(double[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
        }
    }

    private UiBenchmark() {
    }

    public static Result run(int warmup, int measured) throws Exception {
        FxRuntime.start();
        Path scratch = Files.createTempDirectory("workbench-bench");
        WorkbenchViewModel vm = FxRuntime.call(() -> new WorkbenchViewModel(Analyzer.standard(),
                FxRuntime.analysisThread(), Platform::runLater));
        Scene scene = FxRuntime.call(() -> {
            try {
                vm.open(SampleNetworks.load("squeezenet-v1.0"), null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            MainWindow window = new MainWindow(vm, new FileController(vm, new RecentFiles(scratch),
                    new RecoveryStore(scratch)));
            return window.show(new Stage(), 1440, 900);
        });
        double[] times = new double[measured];
        double[] handOff = new double[measured];
        for (int i = 0; i < warmup + measured; i++) {
            long value = i % 2 == 0 ? 96 : 128;
            double[] ms = timeOneEdit(vm, scene, value);
            if (i >= warmup) {
                times[i - warmup] = ms[0];
                handOff[i - warmup] = ms[1];
            }
        }
        FxRuntime.call(() -> {
            ((Stage) scene.getWindow()).close();
            return null;
        });
        Arrays.sort(times);
        Arrays.sort(handOff);
        return new Result(times, handOff);
    }

    private static double[] timeOneEdit(WorkbenchViewModel vm, Scene scene, long e3x3) throws InterruptedException {
        CountDownLatch shown = new CountDownLatch(1);
        long[] elapsed = new long[2];
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
                    scene.getRoot().applyCss();
                    scene.getRoot().layout();
                    elapsed[0] = System.nanoTime() - start;
                    vm.status().removeListener(this);
                    shown.countDown();
                }
            };
            vm.status().addListener(done);
            vm.apply(Edits.setParam(vm.document().get(), "fire5", "e3x3", e3x3));
        });
        if (!shown.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the edit was not shown within 10 s");
        }
        return new double[] {elapsed[0] / 1e6, elapsed[1] / 1e6};
    }
}
