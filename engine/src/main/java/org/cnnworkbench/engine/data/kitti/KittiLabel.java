package org.cnnworkbench.engine.data.kitti;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * One object of a KITTI object-benchmark label file (one line): the 15 standard fields and, in result files, a
 * 16th, the score.
 *
 * <pre>
 * type truncated occluded alpha left top right bottom height width length x y z rotation_y [score]
 * Car 0.00 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59
 * DontCare -1 -1 -10 503.89 169.71 590.61 190.13 -1 -1 -1 -1000 -1000 -1000 -10
 * </pre>
 *
 * <ul>
 *   <li>{@code truncated}: 0 (in the image) .. 1 (leaving it), the fraction outside the image; -1 for DontCare</li>
 *   <li>{@code occluded}: 0 fully visible, 1 partly occluded, 2 largely occluded, 3 unknown; -1 for DontCare</li>
 *   <li>{@code alpha}: observation angle, -pi..pi (-10 for DontCare)</li>
 *   <li>box: left, top, right, bottom in pixels (0-based)</li>
 *   <li>dimensions: height, width, length in metres; location x, y, z in camera coordinates (metres);
 *       {@code rotationY} around the camera's Y axis, -pi..pi</li>
 * </ul>
 *
 * <p>The one KITTI label model of the workbench: the data set reader, {@code dataset check}, the scene generator
 * and the evaluator ({@code engine.detection}) all use it; {@link Kind} says whether a file holds ground truth,
 * results or either.
 *
 * @param score the detection score of a result file, or NaN in a ground-truth label
 */
public record KittiLabel(String type, double truncated, int occluded, double alpha, double left, double top,
        double right, double bottom, double height, double width, double length, double x, double y, double z,
        double rotationY, double score) {

    /** The type of a region that is not evaluated (objects too far, too small or unlabelled). */
    public static final String DONT_CARE = "DontCare";

    /** The field names in file order, as they are named in messages. */
    public static final String[] FIELDS = {"type", "truncated", "occluded", "alpha", "left", "top", "right",
        "bottom", "height", "width", "length", "x", "y", "z", "rotation_y", "score"};

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    /** A ground-truth label (no score). */
    public static KittiLabel of(String type, double truncated, int occluded, double alpha, double left, double top,
            double right, double bottom, double height, double width, double length, double x, double y, double z,
            double rotationY) {
        return new KittiLabel(type, truncated, occluded, alpha, left, top, right, bottom, height, width, length,
                x, y, z, rotationY, Double.NaN);
    }

    /** A DontCare region with the devkit's placeholder values for everything but the box. */
    public static KittiLabel dontCare(double left, double top, double right, double bottom) {
        return of(DONT_CARE, -1, -1, -10, left, top, right, bottom, -1, -1, -1, -1000, -1000, -1000, -10);
    }

    /** Whether this is a DontCare region. */
    public boolean isDontCare() {
        return DONT_CARE.equals(type);
    }

    /** The score of a result line, if it has one. */
    public OptionalDouble scoreIfAny() {
        return Double.isNaN(score) ? OptionalDouble.empty() : OptionalDouble.of(score);
    }

    /** The box's height in pixels ({@code bottom - top}), the measure of KITTI's difficulty levels. */
    public double boxHeight() {
        return bottom - top;
    }

    /** The box's width in pixels. */
    public double boxWidth() {
        return right - left;
    }

    /** The box's area in pixels. */
    public double boxArea() {
        return boxWidth() * boxHeight();
    }

    /** The area this box shares with {@code other}'s; 0 when they only touch or are apart. */
    public double boxIntersection(KittiLabel other) {
        double w = Math.min(right, other.right) - Math.max(left, other.left);
        double h = Math.min(bottom, other.bottom) - Math.max(top, other.top);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** Intersection over union of the boxes, no +1 pixel convention (the devkit's {@code boxoverlap}, criterion -1). */
    public double iou(KittiLabel other) {
        double inter = boxIntersection(other);
        return inter == 0 ? 0 : inter / (boxArea() + other.boxArea() - inter);
    }

    /** Intersection over this box's own area (the devkit's criterion 0, used for DontCare regions). */
    public double coveredBy(KittiLabel other) {
        double inter = boxIntersection(other);
        return inter == 0 ? 0 : inter / boxArea();
    }

    /** Whether this object is of class {@code name}, ignoring case (the devkit uses {@code strcasecmp}). */
    public boolean is(String name) {
        return type.equalsIgnoreCase(name);
    }

    /** The score, which a result line has and a ground-truth line has not. */
    public double scoreOrThrow() {
        if (Double.isNaN(score)) {
            throw new IllegalStateException("a ground-truth object has no score");
        }
        return score;
    }

    /** This label with another type (for a class mapping such as Van to Car). */
    public KittiLabel withType(String newType) {
        return new KittiLabel(newType, truncated, occluded, alpha, left, top, right, bottom, height, width, length,
                x, y, z, rotationY, score);
    }

    /**
     * The line as the KITTI devkit writes it: two decimals for every number but {@code occluded} (and the score, up
     * to four), and for
     * DontCare the devkit's placeholders ({@code -1 -1 -10 ... -1 -1 -1 -1000 -1000 -1000 -10}).
     */
    public String format() {
        StringBuilder b = new StringBuilder(type);
        if (isDontCare()) {
            b.append(" -1 -1 -10");
            appendFixed(b, left, top, right, bottom);
            b.append(" -1 -1 -1 -1000 -1000 -1000 -10");
        } else {
            appendFixed(b, truncated);
            b.append(' ').append(occluded);
            appendFixed(b, alpha, left, top, right, bottom, height, width, length, x, y, z, rotationY);
        }
        if (!Double.isNaN(score)) {
            // up to four decimals (at least two): a detector's scores rank its detections, and two decimals
            // would tie many of them
            String text = String.format(Locale.ROOT, "%.4f", score);
            while (text.endsWith("0") && text.length() - text.indexOf('.') > 3) {
                text = text.substring(0, text.length() - 1);
            }
            b.append(' ').append(text);
        }
        return b.toString();
    }

    private static void appendFixed(StringBuilder b, double... values) {
        for (double v : values) {
            b.append(' ').append(String.format(Locale.ROOT, "%.2f", v));
        }
    }

    /** Which lines a file may hold: ground truth (15 fields), results (16: a score added) or either. */
    public enum Kind {
        /** 15 fields, or 16 with a score (the dataset reader, the check). */
        ANY(-1, "expected 15 fields (16 with a score)"),
        /** Ground truth: exactly 15 fields. */
        LABEL(15, "expected 15 fields for a ground-truth label"),
        /**
         * Detection results: exactly 16 fields; truncated and occluded may be any number (the devkit reads a
         * result's occlusion as a float and ignores both).
         */
        RESULT(16, "expected 16 fields for a result line (15 label fields and a score)");

        private final int fields;
        private final String expected;

        Kind(int fields, String expected) {
            this.fields = fields;
            this.expected = expected;
        }

        boolean accepts(int count) {
            return fields < 0 ? count == 15 || count == 16 : count == fields;
        }
    }

    /**
     * A line that is not a KITTI label: the message names the field and the problem (no file or line), and
     * {@link #column()} is where the offending field starts.
     */
    public static final class LineException extends IllegalArgumentException {

        private final int column;

        public LineException(int column, String problem) {
            super(problem);
            this.column = column;
        }

        /** The column (from 1) where the offending field starts. */
        public int column() {
            return column;
        }
    }

    /** Parses one line of either kind: 15 fields, or 16 with a score. See {@link #parse(String, Kind)}. */
    public static KittiLabel parse(String line) {
        return parse(line, Kind.ANY);
    }

    /**
     * Parses one line: fields separated by white space, as many as {@code kind} asks for.
     *
     * @throws LineException with the field and the problem (no file or line; {@link KittiLabelFile} adds them)
     */
    public static KittiLabel parse(String line, Kind kind) {
        List<String> fields = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        int at = 0;
        while (at < line.length()) {
            while (at < line.length() && isSpace(line.charAt(at))) {
                at++;
            }
            int start = at;
            while (at < line.length() && !isSpace(line.charAt(at))) {
                at++;
            }
            if (at > start) {
                fields.add(line.substring(start, at));
                columns.add(start + 1);
            }
        }
        String[] f = fields.toArray(String[]::new);
        if (!kind.accepts(f.length)) {
            String hint = kind == Kind.LABEL && f.length == 16 ? " (a result line with a score? ground truth has none)"
                    : kind == Kind.RESULT && f.length == 15 ? " (the score is missing?)" : "";
            int expected = kind == Kind.ANY ? 16 : kind.fields;
            throw new LineException(f.length > expected ? columns.get(expected) : 1,
                    kind.expected + ", found " + f.length + hint);
        }
        if (!TYPE.matcher(f[0]).matches()) {
            throw new LineException(columns.get(0), "field 1 (type): '" + shorten(f[0]) + "' is not a class name");
        }
        boolean result = kind == Kind.RESULT;
        double[] v = new double[16];
        v[15] = Double.NaN;
        for (int i = 1; i < f.length; i++) {
            if (i == 2 && !result) {
                if (!INTEGER.matcher(f[i]).matches()) {
                    throw new LineException(columns.get(i), "field 3 (occluded): '" + shorten(f[i])
                            + "' is not an integer (0, 1, 2, 3 or -1)");
                }
            } else if (!NUMBER.matcher(f[i]).matches()) {
                throw new LineException(columns.get(i), "field " + (i + 1) + " (" + FIELDS[i] + "): '"
                        + shorten(f[i]) + "' is not a number");
            }
            v[i] = Double.parseDouble(f[i]);
            if (!Double.isFinite(v[i]) || i == 2 && Math.abs(v[i]) > Integer.MAX_VALUE) {
                throw new LineException(columns.get(i), "field " + (i + 1) + " (" + FIELDS[i] + "): '"
                        + shorten(f[i]) + "' is out of range");
            }
        }
        if (!result && (v[2] < -1 || v[2] > 3)) {
            throw new LineException(columns.get(2), "field 3 (occluded): " + f[2] + " is not 0, 1, 2, 3 (or -1)");
        }
        if (!result && v[1] != -1 && (v[1] < 0 || v[1] > 1)) {
            throw new LineException(columns.get(1), "field 2 (truncated): " + f[1]
                    + " is not between 0 and 1 (or -1)");
        }
        if (v[6] < v[4] || v[7] < v[5]) {
            throw new LineException(columns.get(v[6] < v[4] ? 6 : 7), "box " + f[4] + " " + f[5] + " " + f[6] + " "
                    + f[7] + ": right must not be left of left, bottom not above top");
        }
        return new KittiLabel(f[0], v[1], (int) v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13], v[14], v[15]);
    }

    /** White space as {@code \\s} matches it: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static String shorten(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.length() > 40 ? b + "..." : b.toString();
    }
}
