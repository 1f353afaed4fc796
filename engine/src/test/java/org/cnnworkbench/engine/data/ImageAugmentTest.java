package org.cnnworkbench.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageAugmentTest {

    /** A 2-channel 5x4 image whose value encodes channel, row and column. */
    private static float[] coded() {
        float[] chw = new float[2 * 5 * 4];
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 4; x++) {
                    chw[c * 20 + y * 4 + x] = 100 * c + 10 * y + x + 1;
                }
            }
        }
        return chw;
    }

    @Test
    void everyOutputPixelIsTheShiftedOrFlippedSourceOrTheFill() {
        float[] in = coded();
        Set<String> seen = new HashSet<>();
        Random random = new Random(1);
        for (int trial = 0; trial < 200; trial++) {
            float[] out = ImageAugment.shiftAndFlip(in, 2, 5, 4, 1, -1f, random);
            // recover the transformation from channel 0 and check it on both channels
            boolean matched = false;
            for (int dy = -1; dy <= 1 && !matched; dy++) {
                for (int dx = -1; dx <= 1 && !matched; dx++) {
                    for (boolean flip : new boolean[] {false, true}) {
                        if (matches(in, out, dy, dx, flip)) {
                            matched = true;
                            seen.add(dy + "," + dx + "," + flip);
                            break;
                        }
                    }
                }
            }
            assertThat(matched).as("trial %d is a shift of at most 1 and an optional flip", trial).isTrue();
        }
        assertThat(seen).as("all 18 shift/flip combinations occur").hasSize(18);
    }

    private static boolean matches(float[] in, float[] out, int dy, int dx, boolean flip) {
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 4; x++) {
                    int sy = y - dy;
                    int sx = (flip ? 3 - x : x) - dx;
                    float expected = sy >= 0 && sy < 5 && sx >= 0 && sx < 4 ? in[c * 20 + sy * 4 + sx] : -1f;
                    if (out[c * 20 + y * 4 + x] != expected) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void sameSeedSameImageAndTheInputIsUntouched() {
        float[] in = coded();
        float[] copy = in.clone();
        assertThat(ImageAugment.shiftAndFlip(in, 2, 5, 4, 2, 0f, new Random(9)))
                .containsExactly(ImageAugment.shiftAndFlip(in, 2, 5, 4, 2, 0f, new Random(9)));
        assertThat(in).containsExactly(copy);
        assertThat(ImageAugment.shiftAndFlip(in, 2, 5, 4, 0, 0f, new Random(3))).satisfiesAnyOf(
                out -> assertThat(out).containsExactly(in),
                out -> assertThat(out[0]).isEqualTo(in[3]));
    }

    @Test
    void refusesAMismatchedSize() {
        assertThatThrownBy(() -> ImageAugment.shiftAndFlip(new float[5], 1, 2, 2, 1, 0f, new Random()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 4 values");
    }
}
