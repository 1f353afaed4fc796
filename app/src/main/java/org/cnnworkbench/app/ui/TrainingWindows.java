package org.cnnworkbench.app.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.view.training.InferenceView;
import org.cnnworkbench.app.ui.view.training.InferenceViewModel;
import org.cnnworkbench.app.ui.view.training.RunsView;
import org.cnnworkbench.app.ui.view.training.RunsViewModel;
import org.cnnworkbench.app.ui.view.training.TrainingView;
import org.cnnworkbench.app.ui.view.training.TrainingViewModel;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * The Train, Training Runs and Inference windows of the main window. There is one training view model per main
 * window, so a run keeps going while its window is closed and shows again when it is reopened; quitting during
 * a run asks first.
 */
final class TrainingWindows {

    private final Supplier<Stage> owner;
    private final Path runsFolder;
    private final Executor runsThread;
    private final CompressionWindows compression;
    private final Supplier<NetworkSpec> network;
    private final Consumer<Path> openRunNetwork;
    private TrainingViewModel training;
    private Stage trainingStage;

    /**
     * @param network the open document's network (what Train trains)
     * @param openRunNetwork what Open Network does with a run directory
     */
    TrainingWindows(Supplier<Stage> owner, Path runsFolder, Executor runsThread, CompressionWindows compression,
                    Supplier<NetworkSpec> network, Consumer<Path> openRunNetwork) {
        this.owner = owner;
        this.runsFolder = runsFolder;
        this.runsThread = runsThread;
        this.compression = compression;
        this.network = network;
        this.openRunNetwork = openRunNetwork;
    }

    /** The one training view model of this window: a run keeps going while its window is closed. */
    TrainingViewModel training() {
        if (training == null) {
            training = new TrainingViewModel(runsFolder, FxRuntime.trainingThread(), Platform::runLater);
        }
        return training;
    }

    /**
     * Whether the window may close: true if no run is training, or the user agrees to stop it (its run directory
     * keeps the last complete epoch, from which Training Runs can resume it).
     */
    boolean confirmStop() {
        if (training == null || training.state().get() != TrainingViewModel.State.RUNNING) {
            return true;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "A network is training into "
                + training.activeRun().get() + ". Quit anyway? The run keeps its last complete epoch and can be "
                + "resumed from Training > Training Runs.", ButtonType.YES, ButtonType.NO);
        alert.setHeaderText("Stop the training run?");
        alert.initOwner(owner.get());
        boolean quit = alert.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
        if (quit) {
            training.stop();
        }
        return quit;
    }

    /** Shows the Train window (one per main window) for the open network. */
    void showTraining() {
        if (trainingStage != null && trainingStage.isShowing()) {
            trainingStage.toFront();
            return;
        }
        trainingStage = TrainingView.showWindow(owner.get(), training(), network);
    }

    /** Opens a Training Runs window on the runs folder. */
    void showRuns() {
        RunsView.showWindow(owner.get(), new RunsViewModel(runsFolder, runsThread, Platform::runLater), actions());
    }

    /** Opens a Training Runs window on {@code folder} with {@code runs} selected (a sweep point's runs). */
    void showRuns(Path folder, List<Path> runs) {
        Stage stage = RunsView.showWindow(owner.get(), new RunsViewModel(folder, runsThread, Platform::runLater),
                actions());
        ((RunsView) stage.getScene().getRoot()).select(runs);
    }

    /** Opens the inference window without a model. */
    void showInference() {
        InferenceView.showWindow(owner.get(), new InferenceViewModel(runsThread, Platform::runLater), runsFolder);
    }

    private RunsView.Actions actions() {
        return new RunsView.Actions(openRunNetwork, this::resumeRun, this::inferWith, compression::compress,
                compression::compare);
    }

    private void resumeRun(Path run) {
        showTraining();
        training().resume(run);
    }

    private void inferWith(Path run) {
        InferenceViewModel model = new InferenceViewModel(runsThread, Platform::runLater);
        InferenceView.showWindow(owner.get(), model, runsFolder);
        model.loadModel(run);
    }
}
