package org.cnnworkbench.app.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.files.RecentFiles;
import org.cnnworkbench.app.ui.files.RecoveryStore;
import org.cnnworkbench.app.ui.view.compression.ComparisonView;
import org.cnnworkbench.app.ui.view.compression.ComparisonViewModel;
import org.cnnworkbench.app.ui.view.design.SweepView;
import org.cnnworkbench.app.ui.view.training.RunsView;
import org.cnnworkbench.app.ui.view.training.RunsViewModel;
import org.cnnworkbench.app.ui.viewmodel.SweepViewModel;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.LoadedNetwork;

/** Renders the main window, the Training Runs or the Model Comparison window, offscreen (headless without a display) to a PNG. */
public final class Screenshots {

    private Screenshots() {
    }

    public static void render(LoadedNetwork network, Path file, String select, int width, int height, Path out)
            throws IOException {
        FxRuntime.start();
        Path scratch = Files.createTempDirectory("workbench-screenshot");
        try {
            WritableImage image = FxRuntime.call(() -> {
                WorkbenchViewModel vm = new WorkbenchViewModel(Analyzer.standard(), Runnable::run, Runnable::run);
                FileController files = new FileController(vm, new RecentFiles(scratch), new RecoveryStore(scratch));
                vm.open(network, file);
                if (select != null) {
                    vm.select(select);
                }
                MainWindow window = new MainWindow(vm, files);
                Stage stage = new Stage();
                Scene scene = window.show(stage, width, height);
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                window.canvas().zoomToFit();
                scene.getRoot().layout();
                WritableImage shot = scene.snapshot(null);
                stage.close();
                return shot;
            });
            write(image, out);
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The Training Runs window for the runs in {@code folder}, with run {@code select} (a name) selected. */
    public static void renderRuns(Path folder, String select, int width, int height, Path out) throws IOException {
        FxRuntime.start();
        WritableImage image = FxRuntime.call(() -> {
            RunsViewModel model = new RunsViewModel(folder, Runnable::run, Runnable::run);
            RunsView view = new RunsView(model, RunsView.Actions.none());
            model.runs().stream().filter(r -> r.name().equals(select)).findFirst()
                    .ifPresent(r -> view.table().getSelectionModel().select(r));
            return snapshot(view, width, height);
        });
        write(image, out);
    }

    /** The Model Comparison window for {@code runs} (the first is the baseline). */
    public static void renderComparison(java.util.List<Path> runs, int width, int height, Path out)
            throws IOException {
        FxRuntime.start();
        WritableImage image = FxRuntime.call(() -> {
            ComparisonViewModel model = new ComparisonViewModel(Runnable::run, Runnable::run);
            ComparisonView view = new ComparisonView(model);
            model.setRuns(runs);
            return snapshot(view, width, height);
        });
        write(image, out);
    }

    /**
     * The Design-Space Sweep window with the trained sweep in {@code folder} opened: its settings, the accuracy
     * beside the chosen cost chart, and accuracy against model size with the Pareto front.
     */
    public static void renderSweep(Path folder, int width, int height, Path out) throws IOException {
        FxRuntime.start();
        WritableImage image = FxRuntime.call(() -> {
            SweepViewModel model = new SweepViewModel(folder.toAbsolutePath().getParent(), Runnable::run,
                    Runnable::run);
            SweepView view = new SweepView(model);
            model.training().open(folder);
            return snapshot(view, width, height);
        });
        write(image, out);
    }

    /** The detection viewer on {@code detections}, its first image selected, every box drawn. */
    public static void renderDetections(org.cnnworkbench.engine.detection.DetectionSet detections, int width,
            int height, Path out) throws IOException {
        FxRuntime.start();
        WritableImage image = FxRuntime.call(() -> snapshot(DetectionWindows.offscreenView(detections), width,
                height));
        write(image, out);
    }

    /** Shows {@code view} in a window of its own, laid out, and takes its picture (on the FX thread). */
    private static WritableImage snapshot(Parent view, int width, int height) {
        Stage stage = new Stage();
        Scene scene = new Scene(view, width, height);
        stage.setScene(scene);
        stage.show();
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        WritableImage shot = scene.snapshot(null);
        stage.close();
        return shot;
    }

    private static void write(WritableImage image, Path out) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        ExportController.writePng(image, out.toAbsolutePath());
    }
}
