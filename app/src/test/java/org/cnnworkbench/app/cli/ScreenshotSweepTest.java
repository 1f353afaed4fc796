package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.design.SweepAxis;
import org.cnnworkbench.engine.dl4j.DataSpec;
import org.cnnworkbench.engine.dl4j.SweepTrainer;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code screenshot --sweep}: the Design-Space Sweep window of a trained sweep, rendered offscreen. */
class ScreenshotSweepTest {

    @TempDir
    Path dir;

    @Test
    void aTrainedSweepRendersToAPicture() throws Exception {
        Path idx = IdxFiles.learnableFashionMnist(dir.resolve("idx"), 40, 20);
        Path sweep = dir.resolve("sweep");
        SweepTrainer.run(sweep, new SweepTrainer.Setup(SqueezeNetMetaparameters.smallDefaults().withBaseE(8)
                        .withIncrE(8), new SweepAxis("sr", 0.25, 0.5, 2), null,
                new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 0, 0, 0, 0, false),
                TrainingConfig.defaults().withEpochs(1).withBatchSize(20), List.of(1L), ""), null,
                new SweepTrainer.Listener() { }, new AtomicBoolean());
        Path png = dir.resolve("sweep.png");
        CommandLineTest.Run run = CommandLineTest.run("screenshot", "--sweep", sweep.toString(), "--width", "900",
                "--height", "600", "--out", png.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(600);
    }

    @Test
    void aFolderThatIsNotASweepIsRefusedBeforeAnythingRenders() {
        Path png = dir.resolve("sweep.png");
        CommandLineTest.Run run = CommandLineTest.run("screenshot", "--sweep", dir.toString(), "--out",
                png.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--sweep: " + dir + " is not a trained sweep (no sweep.json)");
        assertThat(png).doesNotExist();
    }
}
