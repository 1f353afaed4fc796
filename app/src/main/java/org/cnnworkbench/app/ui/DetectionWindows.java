package org.cnnworkbench.app.ui;

import java.io.File;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.cnnworkbench.app.ui.view.detection.DetectionView;
import org.cnnworkbench.app.ui.view.detection.DetectionViewModel;
import org.cnnworkbench.engine.detection.DetectionSet;

/** Opens the detection viewer: from the main window (Training > Detections...) or alone (view-detections). */
public final class DetectionWindows {

    private DetectionWindows() {
    }

    /**
     * Asks for the image folder (a KITTI root or a folder of images), then for a prediction folder (Cancel: none),
     * and opens the viewer; the folders are read on {@code io}. Cancelling the first dialog does nothing.
     */
    static void chooseAndShow(Window owner, Executor io) {
        DirectoryChooser images = new DirectoryChooser();
        images.setTitle("Images: a KITTI folder (training/image_2) or a folder of images");
        File imageDir = images.showDialog(owner);
        if (imageDir == null) {
            return;
        }
        DirectoryChooser predictions = new DirectoryChooser();
        predictions.setTitle("Predictions: a folder of KITTI result files (Cancel: ground truth only)");
        predictions.setInitialDirectory(imageDir);
        File predDir = predictions.showDialog(owner);
        DetectionViewModel model = new DetectionViewModel(io, Platform::runLater);
        DetectionView.showWindow(owner, model);
        model.open(imageDir.toPath(), null, predDir == null ? null : predDir.toPath());
    }

    /**
     * Shows {@code detections} in a window of its own and blocks until it is closed (the command line's
     * {@code workbench view-detections}); starts the toolkit and stops it afterwards.
     */
    public static void showAndWait(DetectionSet detections) throws InterruptedException {
        FxRuntime.start();
        CountDownLatch closed = new CountDownLatch(1);
        FxRuntime.call(() -> {
            DetectionViewModel model = new DetectionViewModel(FxRuntime.runsThread(), Platform::runLater);
            model.show(detections);
            Stage window = DetectionView.showWindow(null, model);
            window.setTitle("Detections - " + detections.imageFolder());
            window.setOnHidden(e -> closed.countDown());
            return window;
        });
        closed.await();
        Platform.exit();
    }

    /** The viewer for {@code detections} rendered offscreen, images decoded at once. */
    static DetectionView offscreenView(DetectionSet detections) {
        DetectionViewModel model = new DetectionViewModel(Runnable::run, Runnable::run);
        model.show(detections);
        return new DetectionView(model, false);
    }
}
