package org.cnnworkbench.engine.detection;

/**
 * The devkit's difficulty levels. Ground truth is outside a level when its occlusion or truncation exceeds the
 * maximum (strict {@code >}) or its box height is at most the minimum ({@code <=}); a detection whose height,
 * truncated to an integer, is below the minimum ({@code <}) is ignored.
 */
public enum KittiDifficulty {
    EASY("Easy", 40, 0, 0.15),
    MODERATE("Moderate", 25, 1, 0.30),
    HARD("Hard", 25, 2, 0.50);

    private final String title;
    private final int minHeight;
    private final int maxOcclusion;
    private final double maxTruncation;

    KittiDifficulty(String title, int minHeight, int maxOcclusion, double maxTruncation) {
        this.title = title;
        this.minHeight = minHeight;
        this.maxOcclusion = maxOcclusion;
        this.maxTruncation = maxTruncation;
    }

    public String title() {
        return title;
    }

    public int minHeight() {
        return minHeight;
    }

    public int maxOcclusion() {
        return maxOcclusion;
    }

    public double maxTruncation() {
        return maxTruncation;
    }

    /** Whether ground truth of the evaluated class is too small, occluded or truncated for this level. */
    boolean excludes(KittiObject truth) {
        return truth.occluded() > maxOcclusion || truth.truncated() > maxTruncation
                || truth.box().height() <= minHeight;
    }

    /** Whether a detection is too small for this level: its height, truncated to an integer, is below the minimum. */
    boolean tooSmall(KittiObject detection) {
        return (int) Math.abs(detection.box().bottom() - detection.box().top()) < minHeight;
    }
}
