package org.cnnworkbench.engine.detection;

import org.cnnworkbench.engine.data.kitti.KittiLabel;
import org.cnnworkbench.engine.data.kitti.KittiLevel;

/**
 * The devkit's difficulty levels. Ground truth is outside a level when its occlusion or truncation exceeds the
 * maximum (strict {@code >}) or its box height is at most the minimum ({@code <=}); a detection whose height,
 * truncated to an integer, is below the minimum ({@code <}) is ignored.
 */
public enum KittiDifficulty {
    EASY("Easy", KittiLevel.EASY),
    MODERATE("Moderate", KittiLevel.MODERATE),
    HARD("Hard", KittiLevel.HARD);

    private final String title;
    private final int minHeight;
    private final int maxOcclusion;
    private final double maxTruncation;

    /** The thresholds are the dataset's levels (one definition for the evaluator and {@code dataset check}). */
    KittiDifficulty(String title, KittiLevel level) {
        this.title = title;
        this.minHeight = (int) level.minHeight();
        this.maxOcclusion = level.maxOccluded();
        this.maxTruncation = level.maxTruncated();
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
