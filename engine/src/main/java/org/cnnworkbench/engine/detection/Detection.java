package org.cnnworkbench.engine.detection;

import org.cnnworkbench.engine.data.kitti.KittiLabel;

/**
 * One detected object: a class index into the detector's class list, a score in [0, 1] and a box in pixels
 * ({@code left < right}, {@code top < bottom}, as in KITTI's label files).
 */
public record Detection(int classIndex, double score, double left, double top, double right, double bottom) {

    public Detection {
        if (classIndex < 0) {
            throw new IllegalArgumentException("class index " + classIndex);
        }
        if (!(right >= left && bottom >= top)) {
            throw new IllegalArgumentException("an empty box: " + left + "," + top + " - " + right + "," + bottom);
        }
    }

    public double width() {
        return right - left;
    }

    public double height() {
        return bottom - top;
    }

    public double area() {
        return width() * height();
    }

    /** Intersection over union of the two boxes (0 when either is empty). */
    public double iou(Detection other) {
        return iou(left, top, right, bottom, other.left, other.top, other.right, other.bottom);
    }

    /** Intersection over union of two boxes given by their edges (0 when they only touch or are apart). */
    public static double iou(double l1, double t1, double r1, double b1, double l2, double t2, double r2, double b2) {
        double w = Math.min(r1, r2) - Math.max(l1, l2);
        double h = Math.min(b1, b2) - Math.max(t1, t2);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        return inter / ((r1 - l1) * (b1 - t1) + (r2 - l2) * (b2 - t2) - inter);
    }

    /** The box scaled by {@code sx} horizontally and {@code sy} vertically (e.g. from the network's input size back to the image's). */
    public Detection scaled(double sx, double sy) {
        return new Detection(classIndex, score, left * sx, top * sy, right * sx, bottom * sy);
    }

    /** The box clipped to an image of {@code width x height} pixels; empty if nothing is left. */
    public java.util.Optional<Detection> clipped(double width, double height) {
        double l = Math.max(0, left);
        double t = Math.max(0, top);
        double r = Math.min(width - 1, right);
        double b = Math.min(height - 1, bottom);
        return r > l && b > t ? java.util.Optional.of(new Detection(classIndex, score, l, t, r, b))
                : java.util.Optional.empty();
    }

    /**
     * A line of a KITTI result file: the type, the 2D box and the score; the fields a 2D detector does not estimate
     * get the devkit's placeholders (truncated and occluded -1, alpha -10, dimensions -1, location -1000,
     * rotation -10).
     */
    public KittiLabel toKitti(String type) {
        return new KittiLabel(type, -1, -1, -10, left, top, right, bottom, -1, -1, -1, -1000, -1000, -1000, -10,
                score);
    }
}
