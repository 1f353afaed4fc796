package org.cnnworkbench.engine.detection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.cnnworkbench.engine.io.BoundedText;
import org.cnnworkbench.engine.io.SourceLocation;

/**
 * Reads KITTI object label files (15 fields a line: ground truth) and result files (the same plus a score).
 * Fields are separated by spaces or tabs; blank lines are skipped. Every malformed line is a
 * {@link KittiFormatException} naming the file, the line and the column of the field.
 *
 * <pre>{@code
 * List<KittiObject> truth = KittiLabels.read(Path.of("label_2/000042.txt"), KittiLabels.Kind.LABELS);
 * List<KittiObject> found = KittiLabels.read(Path.of("pred/000042.txt"), KittiLabels.Kind.RESULTS);
 * }</pre>
 */
public final class KittiLabels {

    /** Ground-truth labels (15 fields) or detection results (16: the labels' fields and a score). */
    public enum Kind {
        LABELS(15, "a ground-truth label"), RESULTS(16, "a result line (15 label fields and a score)");

        final int fields;
        final String description;

        Kind(int fields, String description) {
            this.fields = fields;
            this.description = description;
        }
    }

    /** A label file holds one line per object; a real one is a few kilobytes. */
    public static final long MAX_FILE_BYTES = 16L << 20;

    private static final String[] FIELD_NAMES = {"type", "truncated", "occluded", "alpha", "bbox left", "bbox top",
        "bbox right", "bbox bottom", "height", "width", "length", "location x", "location y", "location z",
        "rotation_y", "score"};

    private KittiLabels() {
    }

    /** The objects of one file; a missing, binary, oversized or malformed file is a {@link KittiFormatException}. */
    public static List<KittiObject> read(Path file, Kind kind) throws KittiFormatException {
        String text;
        try {
            text = BoundedText.read(file, MAX_FILE_BYTES);
        } catch (BoundedText.Unreadable e) {
            throw new KittiFormatException(file.toString(), null, switch (e.problem()) {
                case MISSING -> "no such file";
                case DIRECTORY -> "is a directory, not a file";
                case NOT_REGULAR -> "is not a regular file (a device or a pipe?)";
                case TOO_LARGE -> "is larger than " + (MAX_FILE_BYTES >> 20) + " MiB; a KITTI label file holds one "
                        + "line per object (is this the right file?)";
                case NOT_UTF8 -> "is not a UTF-8 text file (is it binary?); expected KITTI labels";
            });
        } catch (IOException e) {
            throw new KittiFormatException(file.toString(), null, "cannot be read: " + e.getMessage());
        }
        return parse(file.toString(), text, kind);
    }

    /** The objects in {@code text}; {@code source} names it in messages. */
    public static List<KittiObject> parse(String source, String text, Kind kind) throws KittiFormatException {
        List<KittiObject> objects = new ArrayList<>();
        // a byte-order mark would otherwise become part of the first type ("\uFEFFCar" is no Car)
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                objects.add(parseLine(source, i + 1, lines[i], kind));
            }
        }
        return List.copyOf(objects);
    }

    private static KittiObject parseLine(String source, int line, String text, Kind kind)
            throws KittiFormatException {
        List<String> fields = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            while (at < text.length() && isSpace(text.charAt(at))) {
                at++;
            }
            int start = at;
            while (at < text.length() && !isSpace(text.charAt(at))) {
                at++;
            }
            if (at > start) {
                fields.add(text.substring(start, at));
                columns.add(start + 1);
            }
        }
        if (fields.size() != kind.fields) {
            String hint = kind == Kind.LABELS && fields.size() == 16 ? " (a result line with a score? ground "
                    + "truth has none)" : kind == Kind.RESULTS && fields.size() == 15 ? " (the score is missing?)" : "";
            int column = fields.size() > kind.fields ? columns.get(kind.fields) : 1;
            throw new KittiFormatException(source, new SourceLocation(line, column), "expected " + kind.fields
                    + " fields for " + kind.description + ", found " + fields.size() + hint);
        }
        Fields f = new Fields(source, line, fields, columns);
        String type = fields.get(0);
        double truncated = f.number(1);
        // the devkit reads a result's occlusion as a float and ignores it: any number is accepted there
        int occluded = kind == Kind.LABELS ? f.integer(2) : (int) f.number(2);
        double alpha = f.number(3);
        double left = f.number(4);
        double top = f.number(5);
        double right = f.number(6);
        double bottom = f.number(7);
        if (right < left) {
            throw f.error(6, "bbox right " + fields.get(6) + " is left of bbox left " + fields.get(4));
        }
        if (bottom < top) {
            throw f.error(7, "bbox bottom " + fields.get(7) + " is above bbox top " + fields.get(5));
        }
        OptionalDouble score = kind == Kind.RESULTS ? OptionalDouble.of(f.number(15)) : OptionalDouble.empty();
        return new KittiObject(type, truncated, occluded, alpha, new KittiObject.Box(left, top, right, bottom),
                f.number(8), f.number(9), f.number(10), f.number(11), f.number(12), f.number(13), f.number(14),
                score);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private record Fields(String source, int line, List<String> fields, List<Integer> columns) {

        double number(int index) throws KittiFormatException {
            String s = fields.get(index);
            double value;
            try {
                value = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw error(index, FIELD_NAMES[index] + " is '" + s + "', not a number");
            }
            // Java also reads "NaN", "Infinity" and "1d": a label holds finite decimals
            if (!Double.isFinite(value) || !s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                throw error(index, FIELD_NAMES[index] + " is '" + s + "', not a finite decimal number");
            }
            return value;
        }

        int integer(int index) throws KittiFormatException {
            String s = fields.get(index);
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw error(index, FIELD_NAMES[index] + " is '" + s + "', not an integer (0, 1, 2, 3, or -1)");
            }
        }

        KittiFormatException error(int index, String reason) {
            return new KittiFormatException(source, new SourceLocation(line, columns.get(index)),
                    reason);
        }
    }
}
