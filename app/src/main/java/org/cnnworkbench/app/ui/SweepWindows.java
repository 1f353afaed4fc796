package org.cnnworkbench.app.ui;

import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.view.design.SweepView;
import org.cnnworkbench.app.ui.viewmodel.SweepTrainingViewModel;
import org.cnnworkbench.app.ui.viewmodel.SweepViewModel;

/**
 * The Design-Space Sweep window of the main window: one sweep per main window, so that a trained sweep keeps
 * going while its window is closed and shows again when it is reopened; quitting during a trained sweep asks.
 */
final class SweepWindows {

    private final Supplier<Stage> owner;
    private final Path runsFolder;
    private final SweepView.Actions actions;
    private SweepViewModel sweep;
    private Stage stage;

    SweepWindows(Supplier<Stage> owner, Path runsFolder, SweepView.Actions actions) {
        this.owner = owner;
        this.runsFolder = runsFolder;
        this.actions = actions;
    }

    /** Shows (or brings to the front) the sweep window. */
    void show() {
        if (sweep == null) {
            sweep = new SweepViewModel(runsFolder, FxRuntime.trainingThread(), Platform::runLater);
        }
        if (stage != null && stage.isShowing()) {
            stage.toFront();
            return;
        }
        stage = SweepView.showWindow(owner.get(), sweep, actions);
    }

    /**
     * Whether the workbench may quit: true if no sweep trains, or the user agrees to stop it (its finished runs
     * stay, the current one keeps its last complete epoch, and Continue picks the sweep up again).
     */
    boolean confirmStop() {
        if (sweep == null || sweep.training().state().get() != SweepTrainingViewModel.State.RUNNING) {
            return true;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "A design-space sweep is training into "
                + sweep.training().activeFolder().get() + ". Quit anyway? Its finished runs stay, the current run "
                + "keeps its last complete epoch, and Open Sweep Folder... then Continue trains the rest.",
                ButtonType.YES, ButtonType.NO);
        alert.setHeaderText("Stop the sweep?");
        alert.initOwner(owner.get());
        boolean quit = alert.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
        if (quit) {
            sweep.training().cancel();
        }
        return quit;
    }
}
