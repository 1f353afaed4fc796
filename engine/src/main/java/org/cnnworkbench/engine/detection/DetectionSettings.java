package org.cnnworkbench.engine.detection;

import java.util.List;

/**
 * How raw boxes become an image's detections: boxes scoring under {@code minScore} are dropped, the rest go through
 * per-class non-maximum suppression at {@code nmsThreshold}, and at most {@code maxDetections} are kept. The
 * defaults are SqueezeDet's KITTI settings (probability threshold 0.005, NMS 0.4, top 64 detections): a low score
 * threshold, because KITTI's average precision rewards recall at every score.
 */
public record DetectionSettings(double minScore, double nmsThreshold, int maxDetections) {

    public static final DetectionSettings SQUEEZEDET = new DetectionSettings(0.005, 0.4, 64);

    public DetectionSettings {
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("the minimum score must be in [0, 1], not " + minScore);
        }
        if (!(nmsThreshold > 0 && nmsThreshold <= 1)) {
            throw new IllegalArgumentException("the NMS threshold must be in (0, 1], not " + nmsThreshold);
        }
        if (maxDetections < 1) {
            throw new IllegalArgumentException("at least one detection per image, not " + maxDetections);
        }
    }

    /**
     * The detections of one image: {@code output} (the head's raw values) decoded on {@code grid}, scaled from the network's input to
     * the image's {@code width x height} pixels, clipped to the image, then suppressed and capped.
     */
    public List<Detection> apply(ConvDetGrid grid, float[] output, int imageWidth, int imageHeight) {
        double sx = imageWidth / (grid.columns() * grid.cellWidth());
        double sy = imageHeight / (grid.rows() * grid.cellHeight());
        List<Detection> boxes = grid.decode(output, minScore).stream()
                .map(d -> d.scaled(sx, sy).clipped(imageWidth, imageHeight))
                .flatMap(java.util.Optional::stream)
                .toList();
        return NonMaxSuppression.perClass(boxes, nmsThreshold, maxDetections);
    }
}
