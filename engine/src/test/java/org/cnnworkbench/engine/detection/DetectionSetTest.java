package org.cnnworkbench.engine.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.engine.data.kitti.KittiSynth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionSetTest {

    static final String CAR = "Car 0.00 0 -1.58 10.00 20.00 110.00 80.00 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59";
    static final String VAN = "Van 0.00 0 -1.58 200.00 20.00 260.00 80.00 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59";
    static final String DONT_CARE = "DontCare -1 -1 -10 300.00 10.00 340.00 30.00 -1 -1 -1 -1000 -1000 -1000 -10";

    @TempDir
    Path dir;

    @Test
    void aKittiRootListsItsImagesByNameWithTheDefaultLabelFolderAndThePredictions() throws Exception {
        Path root = dir.resolve("kitti");
        KittiSynth.generate(root, new KittiSynth.Options(3, 7, 96, 64));
        Path pred = Files.createDirectories(dir.resolve("pred"));
        Files.writeString(pred.resolve("000001.txt"), CAR + " 0.90\n" + CAR + " 0.20\n");

        DetectionSet set = DetectionSet.load(root, null, pred);

        assertThat(set.imageFolder()).isEqualTo(root.resolve("training/image_2"));
        assertThat(set.groundTruth()).isEqualTo(root.resolve("training/label_2"));
        assertThat(set.images()).extracting(DetectionSet.Image::id).containsExactly("000000", "000001", "000002");
        assertThat(set.images().get(1).predictions()).hasSize(2);
        assertThat(set.images().get(0).predictions()).isEmpty();
        assertThat(set.warnings()).isEmpty();
        assertThat(set.classes()).startsWith("Car");
    }

    @Test
    void aPlainFolderWithoutLabelsHasNoGroundTruthAndClassesPutTheBenchmarkOnesFirst() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.write(images.resolve("b.png"), new byte[] {1});
        Files.write(images.resolve("a.jpg"), new byte[] {1});
        Files.writeString(images.resolve("notes.txt"), "not an image");
        Path pred = Files.createDirectories(dir.resolve("pred"));
        Files.writeString(pred.resolve("a.txt"), VAN + " 0.5\n" + CAR + " 0.9\n");

        DetectionSet set = DetectionSet.load(images, null, pred);

        assertThat(set.groundTruth()).isNull();
        assertThat(set.images()).extracting(DetectionSet.Image::id).containsExactly("a", "b");
        assertThat(set.images().get(0).truth()).isEmpty();
        assertThat(set.classes()).containsExactly("Car", "Van");
    }

    @Test
    void malformedLinesAreNamedByFileAndLineAndTheOtherLinesKept() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.write(images.resolve("000000.png"), new byte[] {1});
        Files.write(images.resolve("000001.png"), new byte[] {1});
        Path gt = Files.createDirectories(dir.resolve("gt"));
        Files.writeString(gt.resolve("000000.txt"), CAR + "\nCar 0 0 x\n" + DONT_CARE + "\n");
        // 000001 has no label file: no ground truth, not an error
        Path pred = Files.createDirectories(dir.resolve("pred"));
        Files.writeString(pred.resolve("000007.txt"), CAR + " 0.9\n");
        Files.writeString(pred.resolve("000008.txt"), CAR + " 0.9\n");

        DetectionSet set = DetectionSet.load(images, gt, pred);

        assertThat(set.images().get(0).truth()).hasSize(2);
        assertThat(set.images().get(0).objects()).isEqualTo(1);
        assertThat(set.images().get(1).truth()).isEmpty();
        assertThat(set.warnings()).hasSize(2);
        assertThat(set.warnings().get(0)).startsWith(gt.resolve("000000.txt") + ":2:");
        assertThat(set.warnings().get(1)).isEqualTo("2 prediction files without an image in " + images
                + ", not shown: 000007, 000008 (in " + pred + ")");
    }

    @Test
    void missingFoldersAndFoldersWithoutImagesAreClearErrors() throws Exception {
        assertThatThrownBy(() -> DetectionSet.load(dir.resolve("nope"), null, null))
                .isInstanceOf(KittiFolders.FolderException.class)
                .hasMessage(dir.resolve("nope") + ": no such folder (the image folder)");
        Path images = Files.createDirectories(dir.resolve("images"));
        assertThatThrownBy(() -> DetectionSet.load(images, null, null))
                .hasMessage(images + ": no images (.png, .jpg) in this folder (nor a KITTI training/image_2 folder)");
        Files.write(images.resolve("a.png"), new byte[] {1});
        assertThatThrownBy(() -> DetectionSet.load(images, null, dir.resolve("pred")))
                .hasMessage(dir.resolve("pred") + ": no such folder (the prediction folder)");
    }
}
