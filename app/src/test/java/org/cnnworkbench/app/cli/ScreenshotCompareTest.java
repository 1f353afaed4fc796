package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code screenshot --compare}: its argument checks (the picture is rendered in CompressViewTest). */
class ScreenshotCompareTest {

    @TempDir
    Path dir;

    @Test
    void aRunThatIsNotAFolderIsRefusedBeforeAnythingRenders() {
        Path png = dir.resolve("compare.png");
        CommandLineTest.Run run = CommandLineTest.run("screenshot", "--compare", dir.resolve("missing").toString(),
                "--out", png.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--compare: ", "is not a folder");
        assertThat(png).doesNotExist();
    }
}
