package org.cnnworkbench.engine.data;

import java.util.Random;

/**
 * Training-time augmentation of images already at the network's input size (such as Fashion-MNIST's 28 x 28),
 * where a random crop of a larger resize does not apply: a random translation and a horizontal flip.
 *
 * <pre>{@code
 * float[] out = ImageAugment.shiftAndFlip(chw, 1, 28, 28, 2, 0f, new Random(42));
 * }</pre>
 */
public final class ImageAugment {

    private ImageAugment() {
    }

    /**
     * A copy of {@code chw} ({@code channels x height x width}) moved by a random offset of
     * {@code -maxShift .. maxShift} pixels on each axis, uncovered pixels set to {@code fill}, then flipped
     * horizontally with probability 1/2. Equivalent to padding by {@code maxShift} with {@code fill} and taking a
     * random crop of the original size. The same {@code random} state gives the same result.
     */
    public static float[] shiftAndFlip(float[] chw, int channels, int height, int width, int maxShift, float fill,
                                       Random random) {
        if (chw.length != channels * height * width) {
            throw new IllegalArgumentException("expected " + channels * height * width + " values, got " + chw.length);
        }
        if (maxShift < 0) {
            throw new IllegalArgumentException("the shift must not be negative, not " + maxShift);
        }
        int dy = random.nextInt(2 * maxShift + 1) - maxShift;
        int dx = random.nextInt(2 * maxShift + 1) - maxShift;
        boolean flip = random.nextBoolean();
        float[] out = new float[chw.length];
        for (int c = 0; c < channels; c++) {
            int plane = c * height * width;
            for (int y = 0; y < height; y++) {
                int sy = y - dy;
                for (int x = 0; x < width; x++) {
                    int sx = (flip ? width - 1 - x : x) - dx;
                    out[plane + y * width + x] = sy >= 0 && sy < height && sx >= 0 && sx < width
                            ? chw[plane + sy * width + sx] : fill;
                }
            }
        }
        return out;
    }
}
