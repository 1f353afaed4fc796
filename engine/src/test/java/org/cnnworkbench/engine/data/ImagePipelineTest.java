package org.cnnworkbench.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.cnnworkbench.engine.model.Shape;
import org.junit.jupiter.api.Test;

class ImagePipelineTest {

    /** A grey image whose pixel (x, y) is x + 10 y, so that crops and flips can be read off the values. */
    private static BufferedImage ramp(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster().setSample(x, y, 0, x + 10 * y);
            }
        }
        return image;
    }

    @Test
    void anImageOfTheInputSizeIsKeptExactly() {
        ImagePipeline p = ImagePipeline.forInput(new Shape.FeatureMap(1, 6, 8));
        float[] out = p.apply(ramp(8, 6), null);
        assertThat(out[2 * 8 + 3]).isEqualTo(23 / 255f);
    }

    @Test
    void evaluationResizesTheShorterSideAndTakesTheCentreCrop() {
        ImagePipeline p = new ImagePipeline(1, 4, 4, 1.0, null);
        // 8x4 (w x h): the shorter side is already 4, so the crop is columns 2..5
        float[] out = p.apply(ramp(8, 4), null);
        assertThat(out).hasSize(16);
        assertThat(out[0]).isEqualTo(2 / 255f);
        assertThat(out[3]).isEqualTo(5 / 255f);
        // 16x8 is halved first
        float[] halved = p.apply(ramp(16, 8), null);
        assertThat(halved).hasSize(16);
    }

    @Test
    void trainingCropsAndFlipsAreDeterminedByTheSeed() {
        ImagePipeline p = new ImagePipeline(1, 8, 8, 1.5, null);
        BufferedImage image = ramp(12, 12);

        float[] a = p.apply(image, new Random(42));
        float[] b = p.apply(image, new Random(42));
        boolean anyDifferent = false;
        Random r = new Random(7);
        for (int i = 0; i < 20; i++) {
            anyDifferent |= !java.util.Arrays.equals(a, p.apply(image, r));
        }

        assertThat(a).containsExactly(b);
        assertThat(anyDifferent).isTrue();
    }

    @Test
    void aFlipReversesEachRow() {
        ImagePipeline p = new ImagePipeline(1, 4, 4, 1.0, null);
        BufferedImage image = ramp(4, 4);
        Random seeded = new Random(0);
        float[] plain = p.apply(image, null);
        // with trainScale 1 only the flip is random: try seeds until one flips
        float[] flipped = null;
        for (int i = 0; i < 10 && flipped == null; i++) {
            float[] out = p.apply(image, seeded);
            if (!java.util.Arrays.equals(out, plain)) {
                flipped = out;
            }
        }
        assertThat(flipped).isNotNull();
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(flipped[y * 4 + x]).isEqualTo(plain[y * 4 + 3 - x]);
            }
        }
    }

    @Test
    void meanIsSubtractedPerChannel() {
        ImagePipeline p = new ImagePipeline(3, 2, 2, 1.0, new float[] {0.5f, 0.25f, 0f});
        BufferedImage white = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                white.setRGB(x, y, 0xffffff);
            }
        }
        assertThat(p.apply(white, null)).containsExactly(0.5f, 0.5f, 0.5f, 0.5f, 0.75f, 0.75f, 0.75f, 0.75f,
                1f, 1f, 1f, 1f);
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new ImagePipeline(2, 4, 4, 1.0, null)).hasMessageContaining("1 (grey) or 3 (RGB)");
        assertThatThrownBy(() -> new ImagePipeline(1, 4, 4, 0.5, null)).hasMessageContaining("trainScale");
        assertThatThrownBy(() -> new ImagePipeline(3, 4, 4, 1.0, new float[1])).hasMessageContaining("1 means");
    }
}
