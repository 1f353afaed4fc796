package org.cnnworkbench.engine.data;

import java.util.Arrays;

/**
 * One labelled image as a network sees it: {@code channels x height x width} floats, channel-major (CHW), and a
 * class index.
 *
 * <p>Pixel values are scaled to [0, 1] (an 8-bit value v becomes v / 255) and then have the per-channel mean
 * subtracted if the pipeline was given one.
 */
public record ImageSample(float[] chw, int channels, int height, int width, int label) {

    public ImageSample {
        if (chw.length != channels * height * width) {
            throw new IllegalArgumentException("expected " + channels + "x" + height + "x" + width + " = "
                    + (channels * height * width) + " values, got " + chw.length);
        }
    }

    /** The value at channel {@code c}, row {@code y}, column {@code x}. */
    public float value(int c, int y, int x) {
        return chw[(c * height + y) * width + x];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageSample s && s.channels == channels && s.height == height && s.width == width
                && s.label == label && Arrays.equals(s.chw, chw);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(chw) + label;
    }

    @Override
    public String toString() {
        return "ImageSample[" + channels + "x" + height + "x" + width + ", label " + label + "]";
    }
}
