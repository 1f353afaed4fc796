package org.cnnworkbench.engine.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.engine.data.kitti.KittiLabelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KittiFoldersTest {

    static final String CAR = "Car 0.00 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59";
    static final String DONT_CARE = "DontCare -1 -1 -10 503.89 169.71 590.61 190.13 -1 -1 -1 -1000 -1000 -1000 -10";

    @TempDir
    Path dir;

    @Test
    void pairsFilesByNameWarnsAboutResultsWithoutGroundTruth() throws Exception {
        Path gt = Files.createDirectories(dir.resolve("gt"));
        Path pred = Files.createDirectories(dir.resolve("pred"));
        Files.writeString(gt.resolve("000000.txt"), CAR + "\n");
        Files.writeString(gt.resolve("000001.txt"), CAR + "\n" + DONT_CARE + "\n");
        Files.writeString(pred.resolve("000000.txt"), CAR + " 0.9\n");
        Files.writeString(pred.resolve("000007.txt"), CAR + " 0.9\n");
        Files.writeString(pred.resolve("notes.md"), "not a result");

        KittiFolders.Loaded loaded = KittiFolders.load(gt, pred);

        assertThat(loaded.frames()).extracting(KittiFrame::name).containsExactly("000000.txt", "000001.txt");
        assertThat(loaded.frames().get(0).detections()).hasSize(1);
        assertThat(loaded.frames().get(1).detections()).isEmpty();   // no result file: no detections
        assertThat(loaded.frames().get(1).truth()).hasSize(2);
        assertThat(loaded.warnings()).containsExactly("1 result file without ground truth left out: 000007.txt (in "
                + pred + ")");
    }

    @Test
    void emptyMissingOrUnrelatedFoldersAreClearErrors() throws Exception {
        Path gt = Files.createDirectories(dir.resolve("gt"));
        Path pred = Files.createDirectories(dir.resolve("pred"));
        assertThatThrownBy(() -> KittiFolders.load(gt, pred))
                .hasMessage(gt + ": no ground-truth label files (NNNNNN.txt) in this folder");
        Files.writeString(gt.resolve("000000.txt"), CAR + "\n");
        assertThatThrownBy(() -> KittiFolders.load(gt, pred))
                .hasMessage(pred + ": no result files (NNNNNN.txt) in this folder");
        Files.writeString(pred.resolve("000009.txt"), "");
        assertThatThrownBy(() -> KittiFolders.load(gt, pred)).hasMessage("none of the 1 result files in " + pred
                + " has a ground-truth file of the same name in " + gt + " (e.g. 000009.txt)");
        assertThatThrownBy(() -> KittiFolders.load(dir.resolve("nope"), pred))
                .hasMessage(dir.resolve("nope") + ": no such folder (the ground-truth folder)");
    }

    @Test
    void aMalformedResultFileNamesItsLine() throws Exception {
        Path gt = Files.createDirectories(dir.resolve("gt"));
        Path pred = Files.createDirectories(dir.resolve("pred"));
        Files.writeString(gt.resolve("000000.txt"), CAR + "\n");
        Files.writeString(pred.resolve("000000.txt"), CAR + " 0.9\nCar 1 2\n");
        assertThatThrownBy(() -> KittiFolders.load(gt, pred)).isInstanceOf(KittiLabelFormatException.class)
                .hasMessageStartingWith(pred.resolve("000000.txt") + ":2:1: expected 16 fields");
    }
}
