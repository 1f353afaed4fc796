package org.cnnworkbench.engine.data.kitti;

/**
 * The difficulty levels of the KITTI object benchmark, as the devkit defines them for 1242 x 375 images: an object
 * counts at a level when its box is at least {@code minHeight} pixels high, it is at most {@code maxOccluded}
 * occluded and at most {@code maxTruncated} truncated. The levels nest: every Easy object is Moderate, every
 * Moderate one Hard; an object below Hard is not evaluated.
 */
public enum KittiDifficulty {
    EASY(40, 0, 0.15),
    MODERATE(25, 1, 0.30),
    HARD(25, 2, 0.50);

    /** The image height the pixel thresholds are stated for. */
    public static final double KITTI_IMAGE_HEIGHT = 375;

    private final double minHeight;
    private final int maxOccluded;
    private final double maxTruncated;

    KittiDifficulty(double minHeight, int maxOccluded, double maxTruncated) {
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
     * Whether {@code label} counts at this level; {@code heightScale} scales the minimum height (1 for KITTI's own
     * images, image height / 375 for others).
     */
    public boolean admits(KittiLabel label, double heightScale) {
        return !label.isDontCare() && label.boxHeight() >= minHeight * heightScale
                && label.occluded() >= 0 && label.occluded() <= maxOccluded
                && label.truncated() >= 0 && label.truncated() <= maxTruncated;
    }
}
