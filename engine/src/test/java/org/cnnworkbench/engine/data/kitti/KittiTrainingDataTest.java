package org.cnnworkbench.engine.data.kitti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.cnnworkbench.engine.detection.Detection;
import org.cnnworkbench.engine.model.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KittiTrainingDataTest {

    @TempDir
    static Path dir;

    private static Path kitti;

    @BeforeAll
    static void data() throws Exception {
        kitti = dir.resolve("kitti");
        KittiSynth.generate(kitti, new KittiSynth.Options(10, 3, 208, 64));
    }

    @Test
    void boxesAreScaledWithTheImageAndOnlyTrainedClassesKept() throws Exception {
        KittiTrainingData data = KittiTrainingData.open(kitti, new Shape.FeatureMap(3, 32, 104),
                KittiTrainingData.Options.defaults(), null);
        assertThat(data.train()).hasSize(8);
        assertThat(data.validation()).hasSize(2);
        KittiSample sample = data.train().get(0);
        KittiTrainingData.Item item = data.read(sample, null).orElseThrow();
        assertThat(item.chw()).hasSize(3 * 32 * 104);
        assertThat(item.imageWidth()).isEqualTo(208);
        List<KittiLabel> trained = sample.labels().stream()
                .filter(l -> KittiClassMap.standard().classOf(l.type()).isPresent()).toList();
        assertThat(item.boxes()).hasSameSizeAs(trained);
        for (int i = 0; i < trained.size(); i++) {
            Detection d = item.boxes().get(i);
            assertThat(d.left()).isEqualTo(trained.get(i).left() / 2, within(1e-9));
            assertThat(d.bottom()).isEqualTo(trained.get(i).bottom() / 2, within(1e-9));
            assertThat(d.classIndex()).isEqualTo(KittiClassMap.standard().classOf(trained.get(i).type()).get());
        }
    }

    @Test
    void theMeanIsSubtractedAndAugmentedBoxesStayInsideTheImage() throws Exception {
        KittiTrainingData data = KittiTrainingData.open(kitti, new Shape.FeatureMap(3, 64, 208),
                KittiTrainingData.Options.defaults(), null);
        double sum = 0;
        long n = 0;
        for (KittiSample s : data.train()) {
            for (float v : data.read(s, null).orElseThrow().chw()) {
                sum += v;
                n++;
            }
        }
        assertThat(sum / n).isCloseTo(0, within(0.02));   // the mean of every training image (< 200 of them)
        Random random = new Random(1);
        for (int round = 0; round < 20; round++) {
            for (KittiSample s : data.train()) {
                for (Detection d : data.read(s, random).orElseThrow().boxes()) {
                    assertThat(d.left()).isGreaterThanOrEqualTo(0);
                    assertThat(d.top()).isGreaterThanOrEqualTo(0);
                    assertThat(d.right()).isLessThanOrEqualTo(207);
                    assertThat(d.bottom()).isLessThanOrEqualTo(63);
                }
            }
        }
    }

    @Test
    void aCorruptImageIsSkippedAndCounted() throws Exception {
        Path copy = dir.resolve("corrupt");
        KittiSynth.generate(copy, new KittiSynth.Options(5, 3, 208, 64));
        Path image = copy.resolve("training/image_2/000002.png");
        Files.write(image, new byte[] {1, 2, 3});
        KittiTrainingData data = KittiTrainingData.open(copy, new Shape.FeatureMap(3, 64, 208),
                KittiTrainingData.Options.defaults().withAugment(false), null);
        long readable = data.train().stream().filter(s -> data.read(s, null).isPresent()).count()
                + data.validation().stream().filter(s -> data.read(s, null).isPresent()).count();
        assertThat(readable).isEqualTo(4);
        assertThat(data.skipped()).containsKey(image);
    }

    @Test
    void aGreyInputIsRefused() {
        assertThatThrownBy(() -> KittiTrainingData.open(kitti, new Shape.FeatureMap(1, 64, 208),
                KittiTrainingData.Options.defaults(), null)).hasMessageContaining("3 channels");
    }
}
