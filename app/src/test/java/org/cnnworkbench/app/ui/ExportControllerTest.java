package org.cnnworkbench.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportControllerTest {

    @TempDir
    Path dir;

    @Test
    void aChosenFolderReceivesTheReportIfEmptyOrAnEarlierReportElseANewSubfolder() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(ExportController.reportFolder(empty, "sq")).isEqualTo(empty);

        Path earlier = Files.createDirectories(dir.resolve("earlier"));
        Files.writeString(earlier.resolve("report.md"), "# old");
        Files.writeString(earlier.resolve("params.png"), "png");
        assertThat(ExportController.reportFolder(earlier, "sq")).isEqualTo(earlier);

        Path documents = Files.createDirectories(dir.resolve("documents"));
        Files.writeString(documents.resolve("thesis.txt"), "mine");
        assertThat(ExportController.reportFolder(documents, "squeezenet v1.0/x"))
                .isEqualTo(documents.resolve("squeezenet_v1.0_x-report"));
    }

    @Test
    void aNameTypedWithoutExtensionGetsTheExportersOne() {
        assertThat(ExportController.withExtension(Path.of("/tmp/net"), "prototxt")).isEqualTo(Path.of("/tmp/net.prototxt"));
        assertThat(ExportController.withExtension(Path.of("/tmp/net.txt"), "prototxt")).isEqualTo(Path.of("/tmp/net.txt"));
        assertThat(ExportController.withExtension(Path.of("/tmp/report"), "")).isEqualTo(Path.of("/tmp/report"));
    }
}
