package org.cnnworkbench.app.ui.view.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.cnnworkbench.engine.data.kitti.KittiLabel;
import org.cnnworkbench.engine.data.kitti.KittiLabelFile;
import org.cnnworkbench.engine.data.kitti.KittiSynth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DetectionViewTest {

    @TempDir
    static Path dir;

    private DetectionView view;
    private int groundTruthOfFirst;

    @Start
    void start(Stage stage) throws Exception {
        Path root = dir.resolve("kitti");
        KittiSynth.generate(root, new KittiSynth.Options(3, 11, 320, 120));
        Path pred = Files.createDirectories(dir.resolve("pred"));
        // every ground-truth object predicted 5% of its width to the right (IoU 0.9) with score 0.9, and a stray box with score 0.2
        for (String id : List.of("000000", "000001", "000002")) {
            List<KittiLabel> found = new ArrayList<>();
            for (KittiLabel l : KittiLabelFile.readStrict(root.resolve("training/label_2/" + id + ".txt"))) {
                if (!l.isDontCare()) {
                    double shift = 0.05 * l.boxWidth();
                    found.add(new KittiLabel(l.type(), l.truncated(), l.occluded(), l.alpha(), l.left() + shift,
                            l.top(), l.right() + shift, l.bottom(), l.height(), l.width(), l.length(), l.x(), l.y(), l.z(),
                            l.rotationY(), 0.9));
                }
            }
            found.add(new KittiLabel("Car", 0, 0, 0, 1, 1, 30, 30, 1, 1, 1, 0, 0, 10, 0, 0.2));
            KittiLabelFile.write(pred.resolve(id + ".txt"), found);
        }
        DetectionViewModel model = new DetectionViewModel(Runnable::run, Runnable::run);
        model.open(root, null, pred);
        groundTruthOfFirst = model.detections().get().images().get(0).truth().size();
        view = new DetectionView(model, true);
        stage.setScene(new Scene(view, 1000, 600));
        stage.show();
    }

    @Test
    void listsTheImagesAndTheScoreFilterChangesTheBoxesDrawn(FxRobot robot) throws Exception {
        ListView<?> list = robot.lookup("#detection-images").queryAs(ListView.class);
        assertThat(list.getItems()).hasSize(3);
        assertThat(view.model().rowText(view.model().rows().get(0))).startsWith("000000.png  GT ");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.drawnBoxes() > 0);
        int objects = view.model().rows().get(0).objects();
        int all = view.drawnBoxes();
        // ground truth (with DontCare) + one prediction per object + the stray one
        assertThat(all).isEqualTo(groundTruthOfFirst + objects + 1);

        robot.interact(() -> robot.lookup("#detection-min-score").queryAs(Slider.class).setValue(0.5));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.drawnBoxes()).isEqualTo(all - 1);
        assertThat(robot.lookup("#detection-min-score-value").queryAs(Label.class).getText())
                .isEqualTo("minimum score 0.50");
        assertThat(robot.lookup("#detection-status").queryAs(Label.class).getText())
                .contains("image 1 of 3", "predictions " + objects + " shown, 1 hidden", "FP 0, missed 0");

        robot.clickOn("#detection-image");
        robot.type(KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getSelectionModel().getSelectedIndex()).isEqualTo(1);
        assertThat(robot.lookup("#detection-status").queryAs(Label.class).getText()).contains("image 2 of 3");
    }
}
