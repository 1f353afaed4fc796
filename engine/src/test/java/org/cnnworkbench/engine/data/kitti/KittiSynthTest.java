package org.cnnworkbench.engine.data.kitti;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cnnworkbench.engine.data.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KittiSynthTest {

    @TempDir
    Path dir;

    @Test
    void theSameSeedWritesIdenticalFiles() throws Exception {
        KittiSynth.Options options = new KittiSynth.Options(5, 11, 200, 80);
        Path a = KittiSynth.generate(dir.resolve("a"), options).out();
        Path b = KittiSynth.generate(dir.resolve("b"), options).out();
        List<Path> files = files(a);
        assertThat(files).hasSize(10);
        for (Path f : files) {
            assertThat(Files.readAllBytes(b.resolve(a.relativize(f)))).isEqualTo(Files.readAllBytes(f));
        }
        // image i depends on the seed and i only, not on how many images are drawn
        assertThat(KittiLabelFile.format(KittiSynth.scene(11, 3, 200, 80).labels()))
                .isEqualTo(Files.readString(a.resolve("training/label_2/000003.txt")));
        Path c = KittiSynth.generate(dir.resolve("c"), new KittiSynth.Options(5, 12, 200, 80)).out();
        assertThat(Files.readAllBytes(c.resolve("training/image_2/000000.png")))
                .isNotEqualTo(Files.readAllBytes(a.resolve("training/image_2/000000.png")));
    }

    @Test
    void labelsParseAndBoxesLieInsideTheDecodedImages() throws Exception {
        KittiSynth.Summary summary = KittiSynth.generate(dir.resolve("s"), new KittiSynth.Options(40, 1,
                KittiSynth.DEFAULT_WIDTH, KittiSynth.DEFAULT_HEIGHT));
        KittiDataset data = KittiDataset.open(summary.out(), KittiDataset.OnMalformed.STOP);
        assertThat(data.samples()).hasSize(40);
        assertThat(summary.labelsByType()).containsKeys("Car", "Pedestrian", "Cyclist", "DontCare");
        int truncated = 0;
        int occluded = 0;
        for (KittiSample s : data.samples()) {
            BufferedImage image = ImageDecoder.decode(s.image()).image().orElseThrow();
            assertThat(image.getWidth()).isEqualTo(621);
            assertThat(image.getHeight()).isEqualTo(188);
            for (KittiLabel l : s.labels()) {
                assertThat(l.left()).isBetween(0.0, 620.0);
                assertThat(l.right()).isBetween(l.left(), 620.0);
                assertThat(l.top()).isBetween(0.0, 187.0);
                assertThat(l.bottom()).isBetween(l.top(), 187.0);
                if (!l.isDontCare()) {
                    assertThat(l.truncated()).isBetween(0.0, 0.75);
                    assertThat(l.occluded()).isBetween(0, 2);
                    assertThat(l.z()).isBetween(1.0, 60.0);
                    truncated += l.truncated() > 0 ? 1 : 0;
                    occluded += l.occluded() > 0 ? 1 : 0;
                }
            }
            // every line written is exactly what the devkit would write for its values
            assertThat(KittiLabelFile.format(s.labels())).isEqualTo(Files.readString(
                    s.image().getParent().resolveSibling("label_2").resolve(s.id() + ".txt")));
        }
        assertThat(truncated).isPositive();
        assertThat(occluded).isPositive();
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
