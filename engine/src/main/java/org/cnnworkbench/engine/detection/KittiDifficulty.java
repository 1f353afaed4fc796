package org.cnnworkbench.engine.detection;

import org.cnnworkbench.engine.data.kitti.KittiLabel;

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
    boolean excludes(KittiLabel truth) {
        return truth.occluded() > maxOcclusion || truth.truncated() > maxTruncation
                || truth.boxHeight() <= minHeight;
    }

    /** Whether a detection is too small for this level: its height, truncated to an integer, is below the minimum. */
    boolean tooSmall(KittiLabel detection) {
        return (int) Math.abs(detection.bottom() - detection.top()) < minHeight;
    }
}
