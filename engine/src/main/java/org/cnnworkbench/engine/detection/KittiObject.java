package org.cnnworkbench.engine.detection;

import java.util.OptionalDouble;

/**
 * One line of a KITTI object label or result file: the 15 label fields, plus the score that result files add as
 * a 16th field.
 *
 * <pre>{@code
 * Car 0.00 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59
 * }</pre>
 *
 * @param type       the class as written ({@code Car}, {@code Van}, {@code Pedestrian}, {@code DontCare}, ...);
 *                   the evaluation compares it ignoring case, as the devkit does
 * @param truncated  0 (inside the image) to 1 (leaving it); -1 in DontCare lines
 * @param occluded   0 fully visible, 1 partly occluded, 2 largely occluded, 3 unknown; -1 in DontCare lines
 * @param alpha      observation angle in radians; -10 in results that do not estimate it
 * @param box        the 2D box in image pixels
 * @param height     3D height in metres (and {@code width}, {@code length})
 * @param x          3D location in camera coordinates, metres (and {@code y}, {@code z})
 * @param rotationY  rotation around the camera's Y axis in radians
 * @param score      the confidence of a detection; empty for a ground-truth label
 */
public record KittiObject(String type, double truncated, int occluded, double alpha, Box box,
                          double height, double width, double length, double x, double y, double z,
                          double rotationY, OptionalDouble score) {

    /** A 2D box in pixels, {@code left <= right} and {@code top <= bottom}. */
    public record Box(double left, double top, double right, double bottom) {

        public double width() {
            return right - left;
        }

        public double height() {
            return bottom - top;
        }

        public double area() {
            return width() * height();
        }

        /** The area this box shares with {@code other}; 0 when they only touch or are apart. */
        public double intersection(Box other) {
            double w = Math.min(right, other.right) - Math.max(left, other.left);
            double h = Math.min(bottom, other.bottom) - Math.max(top, other.top);
            return w <= 0 || h <= 0 ? 0 : w * h;
        }

        /** Intersection over union, no +1 pixel convention (the devkit's {@code boxoverlap}, criterion -1). */
        public double iou(Box other) {
            double inter = intersection(other);
            return inter == 0 ? 0 : inter / (area() + other.area() - inter);
        }

        /** Intersection over this box's own area (the devkit's criterion 0, used for DontCare regions). */
        public double coveredBy(Box other) {
            double inter = intersection(other);
            return inter == 0 ? 0 : inter / area();
        }
    }

    /** Whether this object is of class {@code name}, ignoring case (the devkit uses {@code strcasecmp}). */
    public boolean is(String name) {
        return type.equalsIgnoreCase(name);
    }

    /** The score, which a result line has and a ground-truth line has not. */
    public double scoreOrThrow() {
        return score.orElseThrow(() -> new IllegalStateException("a ground-truth object has no score"));
    }
}
