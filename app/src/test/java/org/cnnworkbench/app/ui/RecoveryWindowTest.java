package org.cnnworkbench.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.files.RecentFiles;
import org.cnnworkbench.app.ui.files.RecoveryStore;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window starts where an earlier session left unsaved work behind, as WorkbenchApp starts it. */
@ExtendWith(ApplicationExtension.class)
class RecoveryWindowTest {

    @TempDir
    Path home;

    private WorkbenchViewModel vm;
    private FileController files;

    @Start
    void start(Stage stage) throws Exception {
        // The copy an older version left when it crashed with unsaved AlexNet edits.
        NetworkJson.write(SampleNetworks.load("alexnet").spec(), home.resolve("recovery.json"));
        vm = new WorkbenchViewModel(Analyzer.standard(), FxRuntime.analysisThread(), Platform::runLater);
        files = new FileController(vm, new RecentFiles(home), new RecoveryStore(home));
        vm.open(SampleNetworks.load("squeezenet-v1.0"), null);
        new MainWindow(vm, files).show(stage, 1200, 800);
        files.offerRecovery();
    }

    private static Optional<DialogPane> showingDialog(FxRobot robot) {
        return robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .filter(d -> d.getScene() != null && d.getScene().getWindow() != null
                        && d.getScene().getWindow().isShowing()).findFirst();
    }

    private static List<Path> jsonIn(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.filter(p -> p.toString().endsWith(".json")).toList();
        }
    }

    @Test
    void answeringNoKeepsTheCopyAndFileRecoverListsAndOpensIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> showingDialog(robot).isPresent());
        DialogPane question = showingDialog(robot).orElseThrow();
        assertThat(question.getContentText()).contains("did not close normally", "alexnet", "File > Recover");
        // The clean document's autosave fires while the question waits; the copy is not touched.
        Thread.sleep(1200);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(jsonIn(home.resolve("recovery"))).hasSize(1);

        robot.interact(() -> ((Button) question.lookupButton(ButtonType.NO)).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> jsonIn(home.resolve("recovery").resolve("kept"))
                .size() == 1);
        assertThat(vm.document().get().spec().name()).isEqualTo("squeezenet-v1.0");

        robot.clickOn("File").clickOn(WorkbenchAction.RECOVER.label());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#recover-list").tryQuery()
                .map(n -> ((ListView<?>) n).getItems().size() == 1).orElse(false));
        @SuppressWarnings("unchecked")
        ListView<RecoveryStore.KeptCopy> list = robot.lookup("#recover-list").queryAs(ListView.class);
        assertThat(KeptCopiesDialog.describe(list.getItems().get(0))).startsWith("alexnet  ·  ")
                .endsWith("never saved");
        robot.interact(() -> list.getSelectionModel().select(0));
        DialogPane recover = (DialogPane) list.getScene().getRoot();
        robot.interact(() -> ((Button) recover.lookupButton(KeptCopiesDialog.OPEN)).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "alexnet".equals(vm.document().get().spec().name()));
        assertThat(vm.dirty().get()).isTrue();
        assertThat(jsonIn(home.resolve("recovery").resolve("kept"))).hasSize(1);
        robot.interact(files::shutdown);
    }
}
