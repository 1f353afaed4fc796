package org.cnnworkbench.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.view.compression.ComparisonView;
import org.cnnworkbench.app.ui.view.compression.ComparisonViewModel;
import org.cnnworkbench.app.ui.view.compression.CompressView;
import org.cnnworkbench.app.ui.view.compression.CompressViewModel;
import org.cnnworkbench.app.ui.view.compression.SensitivityViewModel;

/**
 * Opens the Compress windows (one per source run, each with its own work thread for compression and sensitivity)
 * and the one Model Comparison window of the main window, to which "Add to Comparison" and "Compare" add runs.
 */
final class CompressionWindows {

    private final Supplier<Stage> owner;
    private final Path runsFolder;
    private final Executor io;
    private ComparisonViewModel comparison;
    private Stage comparisonStage;

    CompressionWindows(Supplier<Stage> owner, Path runsFolder, Executor io) {
        this.owner = owner;
        this.runsFolder = runsFolder;
        this.io = io;
    }

    /** Asks for a trained run's folder (Training > Compress Model...) and opens its Compress window. */
    void chooseAndCompress() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Trained run to compress");
        if (runsFolder.toFile().isDirectory()) {
            chooser.setInitialDirectory(runsFolder.toFile());
        }
        File dir = chooser.showDialog(owner.get());
        if (dir != null) {
            compress(dir.toPath());
        }
    }

    /** Opens a Compress window on {@code run}, or says why it cannot. */
    void compress(Path run) {
        Executor work = FxRuntime.trainingThread();
        CompressViewModel model = new CompressViewModel(work, Platform::runLater);
        if (!model.open(run)) {
            Alert alert = new Alert(Alert.AlertType.ERROR, model.error().get());
            alert.setHeaderText("Cannot compress " + run.getFileName());
            alert.initOwner(owner.get());
            alert.show();
            return;
        }
        CompressView.showWindow(owner.get(), model, new SensitivityViewModel(model, work, Platform::runLater),
                this::compare);
    }

    /** Shows the comparison window with {@code runs} added (the first run added is the baseline). */
    void compare(List<Path> runs) {
        showComparison();
        for (Path run : runs) {
            if (run != null) {
                comparison.addRun(run);
            }
        }
    }

    /** Shows (or brings to the front) the Model Comparison window. */
    void showComparison() {
        if (comparison == null) {
            comparison = new ComparisonViewModel(io, Platform::runLater);
        }
        if (comparisonStage != null && comparisonStage.isShowing()) {
            comparisonStage.toFront();
            return;
        }
        comparisonStage = ComparisonView.showWindow(owner.get(), comparison);
    }
}
