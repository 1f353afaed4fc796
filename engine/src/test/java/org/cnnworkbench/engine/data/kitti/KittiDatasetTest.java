package org.cnnworkbench.engine.data.kitti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnnworkbench.engine.data.DatasetMissingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KittiDatasetTest {

    @TempDir
    Path dir;

    private Path synth(int images) throws Exception {
        return KittiSynth.generate(dir.resolve("kitti"), new KittiSynth.Options(images, 3, 160, 64)).out();
    }

    @Test
    void indexesImagesAndLabelsFromTheRootOrTheTrainingFolder() throws Exception {
        Path root = synth(6);
        KittiDataset data = KittiDataset.open(root, KittiDataset.OnMalformed.STOP);
        assertThat(data.samples()).extracting(KittiSample::id)
                .containsExactly("000000", "000001", "000002", "000003", "000004", "000005");
        assertThat(data.samples().get(0).image()).isEqualTo(root.resolve("training/image_2/000000.png"));
        assertThat(data.warnings()).isEmpty();
        assertThat(KittiDataset.open(root.resolve("training"), KittiDataset.OnMalformed.STOP).samples()).hasSize(6);
        assertThatThrownBy(() -> KittiDataset.open(dir, KittiDataset.OnMalformed.STOP))
                .isInstanceOf(DatasetMissingException.class).hasMessageContaining("not a KITTI object folder");
    }

    @Test
    void malformedLinesSkipTheImageOrStop() throws Exception {
        Path root = synth(4);
        Path label = root.resolve("training/label_2/000002.txt");
        Files.writeString(label, "Car 0 0 0 1 2 3\n", java.nio.file.StandardOpenOption.APPEND);
        int line = Files.readAllLines(label).size();
        Files.delete(root.resolve("training/label_2/000003.txt"));
        Files.writeString(root.resolve("training/label_2/000009.txt"), "");

        KittiDataset data = KittiDataset.open(root, KittiDataset.OnMalformed.SKIP_IMAGE);
        assertThat(data.samples()).extracting(KittiSample::id).containsExactly("000000", "000001");
        assertThat(data.skippedImages()).isOne();
        assertThat(data.imagesWithoutLabels()).containsExactly(root.resolve("training/image_2/000003.png"));
        assertThat(data.labelsWithoutImages()).containsExactly(root.resolve("training/label_2/000009.txt"));
        assertThat(data.warnings()).containsExactly(
                label + ":" + line + ":1: expected 15 fields (16 with a score), found 7",
                "skipped 1 image with malformed label lines",
                "1 image without a label file: 000003.png",
                "1 label file without an image: 000009.txt");

        assertThatThrownBy(() -> KittiDataset.open(root, KittiDataset.OnMalformed.STOP))
                .isInstanceOf(KittiLabelFormatException.class).hasMessageStartingWith(label + ":" + line + ":1: ");
    }

    @Test
    void theSplitIsReproducibleAndDisjoint() throws Exception {
        KittiDataset data = KittiDataset.open(synth(20), KittiDataset.OnMalformed.STOP);
        KittiDataset.Split a = data.split(0.25, 7);
        KittiDataset.Split b = data.split(0.25, 7);
        assertThat(a).isEqualTo(b);
        assertThat(a.val()).hasSize(5);
        assertThat(a.train()).hasSize(15).doesNotContainAnyElementsOf(a.val());
        assertThat(a.val()).isSortedAccordingTo(java.util.Comparator.comparing(KittiSample::id));
        assertThat(data.split(0.25, 8).val()).isNotEqualTo(a.val());
        assertThat(data.split(0, 7).val()).isEmpty();
        assertThatThrownBy(() -> data.split(1.5, 7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theClassMapTrainsMappedTypesAndNeverDontCare() {
        KittiClassMap map = KittiClassMap.parse(KittiClassMap.DEFAULT_CLASSES, List.of("Van=Car"));
        assertThat(map.classOf("Van")).hasValue(0);
        assertThat(map.classOf("Cyclist")).hasValue(2);
        assertThat(map.classOf("Truck")).isEmpty();
        assertThat(map.classOf("DontCare")).isEmpty();
        KittiSample s = new KittiSample("1", Path.of("1.png"), List.of(
                KittiLabel.parse(KittiLabelTest.CAR.replace("Car", "Van")), KittiLabel.parse(KittiLabelTest.DONT_CARE)));
        assertThat(s.objects(map)).extracting(KittiLabel::type).containsExactly("Car");
        assertThat(s.dontCares()).hasSize(1);
        assertThatThrownBy(() -> KittiClassMap.parse(KittiClassMap.DEFAULT_CLASSES, List.of("Van=Bus")))
                .hasMessage("mapping Van=Bus: Bus is not one of the classes [Car, Pedestrian, Cyclist]");
        assertThatThrownBy(() -> KittiClassMap.parse(KittiClassMap.DEFAULT_CLASSES, List.of("Van")))
                .hasMessage("mapping 'Van': write it as Type=Class, e.g. Van=Car");
    }
}
