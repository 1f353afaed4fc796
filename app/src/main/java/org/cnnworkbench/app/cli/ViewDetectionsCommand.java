package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.ui.DetectionWindows;
import org.cnnworkbench.app.ui.FxRuntime;
import org.cnnworkbench.app.ui.Screenshots;
import org.cnnworkbench.engine.detection.DetectionSet;
import org.cnnworkbench.engine.detection.KittiFolders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench view-detections}: the detection viewer alone, or rendered offscreen to a PNG. */
@Command(name = "view-detections", mixinStandardHelpOptions = true,
        description = "Show images with their ground-truth and predicted boxes (KITTI label and result files) in "
                + "a window, or with --screenshot render the window to a PNG without a display.")
final class ViewDetectionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "DIR",
            description = "a KITTI folder (DIR/training/image_2) or a folder of .png/.jpg images")
    Path images;

    @Option(names = "--gt", paramLabel = "DIR",
            description = "the ground-truth label folder (default: DIR/training/label_2 when there is one)")
    Path groundTruth;

    @Option(names = "--pred", paramLabel = "DIR",
            description = "a folder of KITTI result files NNNNNN.txt (16 fields, the last the score), e.g. "
                    + "from 'workbench detect'")
    Path predictions;

    @Option(names = "--screenshot", paramLabel = "PNG",
            description = "render the window with the first image to this PNG instead of opening it")
    Path screenshot;

    @Option(names = "--width", defaultValue = "1280", description = "with --screenshot: width (default: "
            + "${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "800", description = "with --screenshot: height (default: "
            + "${DEFAULT-VALUE})")
    int height;

    @Override
    public Integer call() throws InterruptedException {
        if (width < 200 || height < 200 || width > 8000 || height > 8000) {
            throw new UserException("--width and --height must be between 200 and 8000");
        }
        DetectionSet detections;
        try {
            detections = DetectionSet.load(images, groundTruth, predictions);
        } catch (KittiFolders.FolderException e) {
            throw new UserException(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        detections.warnings().forEach(w -> err.println("workbench: warning: " + w));
        err.flush();
        if (screenshot != null) {
            try {
                Screenshots.renderDetections(detections, width, height, screenshot);
            } catch (IOException e) {
                throw new UserException(screenshot + ": cannot write: " + e.getMessage());
            }
            spec.commandLine().getOut().println("wrote " + screenshot);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        if (!FxRuntime.hasDisplay()) {
            throw new UserException("there is no display to open the window on (DISPLAY is not set); "
                    + "'--screenshot view.png' renders it without one");
        }
        try {
            DetectionWindows.showAndWait(detections);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            throw new UserException("JavaFX could not open a window: " + e.getMessage()
                    + " (on Linux the desktop needs GTK 3, e.g. the package libgtk-3-0)");
        }
        return ExitCodes.OK;
    }
}
