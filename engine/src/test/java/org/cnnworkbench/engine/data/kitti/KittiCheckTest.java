package org.cnnworkbench.engine.data.kitti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KittiCheckTest {

    @TempDir
    Path dir;

    private Path synth() throws Exception {
        return KittiSynth.generate(dir.resolve("kitti"), new KittiSynth.Options(12, 5, 621, 188)).out();
    }

    private static KittiCheck.Options options(int stride, List<KittiCheck.Anchor> anchors) {
        return new KittiCheck.Options(KittiClassMap.standard(), stride, anchors, true, true,
                KittiDataset.OnMalformed.SKIP_IMAGE);
    }

    @Test
    void aCleanSynthFolderHasNoProblems() throws Exception {
        KittiCheck.Report r = KittiCheck.run(synth(), options(16, List.of()));
        assertThat(r.problems()).isEmpty();
        assertThat(r.images()).isEqualTo(12);
        assertThat(r.width()).isEqualTo(621);
        assertThat(r.heightScale()).isEqualTo(188 / 375.0);
        assertThat(r.types()).extracting(KittiCheck.TypeRow::type).startsWith("Car", "Van", "Truck", "Pedestrian",
                "Person_sitting", "Cyclist", "Tram", "Misc", "DontCare");
        KittiCheck.TypeRow car = r.types().get(0);
        assertThat(car.objects()).isPositive();
        assertThat(car.easy()).isLessThanOrEqualTo(car.moderate());
        assertThat(car.moderate()).isLessThanOrEqualTo(car.hard());
        assertThat(r.types().get(1).trainedAs()).isEmpty();
    }

    @Test
    void plantedProblemsAreAllReported() throws Exception {
        Path root = synth();
        Path labels = root.resolve("training/label_2");
        Path images = root.resolve("training/image_2");
        Files.delete(labels.resolve("000001.txt"));
        Files.writeString(labels.resolve("000099.txt"), "");
        Files.writeString(labels.resolve("000002.txt"), "Car 0.00 0 zero 1 2 3 4 1 1 1 1 1 1 1\n",
                StandardOpenOption.APPEND);
        Files.write(images.resolve("000003.png"), new byte[] {1, 2, 3});
        Files.writeString(labels.resolve("000004.txt"),
                "Van 0.00 0 0.00 10.00 10.00 700.00 100.00 1.50 1.60 4.00 0.00 1.65 10.00 0.00\n",
                StandardOpenOption.APPEND);

        KittiCheck.Report r = KittiCheck.run(root, options(16, List.of()));

        assertThat(r.problems()).anyMatch(p -> p.startsWith("malformed: " + labels.resolve("000002.txt") + ":")
                && p.endsWith(":12: field 4 (alpha): 'zero' is not a number"));
        assertThat(r.problems()).contains("1 image(s) left out for malformed label lines",
                "image without a label file: " + images.resolve("000001.png"),
                "label file without an image: " + labels.resolve("000099.txt"));
        assertThat(r.problems()).anyMatch(p -> p.startsWith("unreadable image: " + images.resolve("000003.png")));
        assertThat(r.problems()).anyMatch(p -> p.startsWith("box outside its 621x188 image or empty: 000004: Van"));
        assertThat(r.types().get(1).objects()).isOne();   // the Van is counted though not trained

        assertThatThrownBy(() -> KittiCheck.run(root, new KittiCheck.Options(KittiClassMap.standard(), 16, List.of(),
                false, false, KittiDataset.OnMalformed.STOP))).isInstanceOf(KittiLabelFormatException.class)
                .hasMessageEndingWith(":12: field 4 (alpha): 'zero' is not a number");
    }

    @Test
    void aClassTooSmallForTheStrideOrAnchorsIsFlagged() throws Exception {
        Path root = synth();
        KittiCheck.Report coarse = KittiCheck.run(root, options(4096, List.of()));
        assertThat(coarse.problems()).anyMatch(p -> p.startsWith("class Pedestrian has no learnable objects: of ")
                && p.contains("fit within one 4096x4096 grid cell"));

        // one wide anchor: no pedestrian (tall and thin) reaches IoU 0.5 with it
        KittiCheck.Report wide = KittiCheck.run(root, options(8, List.of(new KittiCheck.Anchor(120, 20))));
        KittiCheck.TypeRow pedestrians = wide.types().get(3);
        assertThat(pedestrians.noAnchor()).isEqualTo(pedestrians.objects());
        assertThat(wide.problems()).anyMatch(p -> p.startsWith("class Pedestrian has no learnable objects"));

        KittiCheck.Report none = KittiCheck.run(root, new KittiCheck.Options(
                KittiClassMap.parse(List.of("Car", "Tram"), List.of()), 16, List.of(), false, false,
                KittiDataset.OnMalformed.SKIP_IMAGE));
        assertThat(none.heightScale()).isEqualTo(1.0);
        assertThat(none.problems()).contains("class Tram has no objects: the network cannot learn it");
    }

    @Test
    void anchorIouIsCentred() {
        KittiCheck.Anchor a = new KittiCheck.Anchor(40, 20);
        assertThat(a.iou(40, 20)).isEqualTo(1.0);
        assertThat(a.iou(20, 20)).isEqualTo(0.5);
        assertThat(a.iou(20, 40)).isEqualTo(400.0 / 1200.0);
    }
}
