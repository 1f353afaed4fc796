package org.cnnworkbench.engine.data.kitti;

/**
 * The difficulty levels of the KITTI object benchmark, as the devkit defines them for 1242 x 375 images: an object
 * counts at a level when its box is more than {@code minHeight} pixels high (the devkit ignores a box of exactly
 * the minimum), it is at most {@code maxOccluded} occluded and at most {@code maxTruncated} truncated. The levels
 * nest: every Easy object is Moderate, every Moderate one Hard; an object below Hard is not evaluated.
 */
public enum KittiLevel {
    EASY(40, 0, 0.15),
    MODERATE(25, 1, 0.30),
    HARD(25, 2, 0.50);

    /** The image height the pixel thresholds are stated for. */
    public static final double KITTI_IMAGE_HEIGHT = 375;

    private final double minHeight;
    private final int maxOccluded;
    private final double maxTruncated;

    KittiLevel(double minHeight, int maxOccluded, double maxTruncated) {
        this.minHeight = minHeight;
        this.maxOccluded = maxOccluded;
        this.maxTruncated = maxTruncated;
    }

    public double minHeight() {
        return minHeight;
    }

    public int maxOccluded() {
        return maxOccluded;
    }

    public double maxTruncated() {
        return maxTruncated;
    }

    /**
     * Whether {@code label} counts at this level; {@code heightScale} scales the minimum height (1: the devkit's
     * pixels, as {@code eval-kitti} judges; image height / 375 to judge smaller images as if they were KITTI's).
     */
    public boolean admits(KittiLabel label, double heightScale) {
        return !label.isDontCare() && label.boxHeight() > minHeight * heightScale
                && label.occluded() >= 0 && label.occluded() <= maxOccluded
                && label.truncated() >= 0 && label.truncated() <= maxTruncated;
    }
}
