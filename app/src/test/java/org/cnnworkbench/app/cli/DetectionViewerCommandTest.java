package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.cnnworkbench.app.cli.CommandLineTest.Run;
import org.cnnworkbench.engine.data.kitti.KittiSynth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionViewerCommandTest {

    @TempDir
    Path dir;

    @Test
    void aMissingImageFolderIsOneLineAndBadInput() {
        Path missing = dir.resolve("nope");
        Run r = CommandLineTest.run("view-detections", "--images", missing.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("workbench: error: " + missing + ": no such folder (the image folder)"
                + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingPredictionFolderIsNamedAsSuch() throws Exception {
        Path root = dir.resolve("kitti");
        KittiSynth.generate(root, new KittiSynth.Options(1, 3, 96, 64));
        Run r = CommandLineTest.run("view-detections", "--images", root.toString(), "--pred",
                dir.resolve("pred").toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("workbench: error: " + dir.resolve("pred")
                + ": no such folder (the prediction folder)");
    }

    @Test
    void screenshotRendersTheViewerAndWarnsAboutPredictionsWithoutImages() throws Exception {
        Path root = dir.resolve("kitti");
        KittiSynth.generate(root, new KittiSynth.Options(2, 5, 320, 120));
        Path pred = Files.createDirectories(dir.resolve("pred"));
        Files.writeString(pred.resolve("000000.txt"),
                "Car -1 -1 -10 10.00 10.00 90.00 60.00 -1 -1 -1 -1000 -1000 -1000 -10 0.80\n");
        Files.writeString(pred.resolve("000099.txt"), "");
        Path out = dir.resolve("view.png");

        Run r = CommandLineTest.run("view-detections", "--images", root.toString(), "--pred", pred.toString(),
                "--screenshot", out.toString(), "--width", "900", "--height", "500");

        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo("wrote " + out);
        assertThat(r.err()).startsWith("workbench: warning: 1 prediction file without an image").contains("000099");
        BufferedImage png = ImageIO.read(out.toFile());
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(500);
    }
}
