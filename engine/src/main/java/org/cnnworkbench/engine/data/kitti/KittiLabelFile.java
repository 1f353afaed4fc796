package org.cnnworkbench.engine.data.kitti;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.io.BoundedText;

/**
 * Reads and writes KITTI label files ({@code label_2/NNNNNN.txt}) and result files (the same with a score): one
 * {@link KittiLabel} per line, blank lines ignored, a leading byte-order mark dropped.
 *
 * <pre>{@code
 * KittiLabelFile.Parsed p = KittiLabelFile.read(Path.of("training/label_2/000001.txt"));
 * p.problems().forEach(e -> System.err.println(e.getMessage())); // 000001.txt:3:27: field 6 (top): 'x' is not a number
 * KittiLabelFile.write(Path.of("out.txt"), p.labels());
 * List<KittiLabel> found = KittiLabelFile.readStrict(Path.of("pred/000001.txt"), KittiLabel.Kind.RESULT);
 * }</pre>
 */
public final class KittiLabelFile {

    /** The largest label or result file read; real ones are a few kilobytes. */
    public static final long MAX_BYTES = 16L << 20;

    /** The lines that parsed, and one exception (file, line and column) for each that did not. */
    public record Parsed(Path file, List<KittiLabel> labels, List<KittiLabelFormatException> problems) {

        public Parsed {
            labels = List.copyOf(labels);
            problems = List.copyOf(problems);
        }

        /** Whether every line parsed. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private KittiLabelFile() {
    }

    /** Parses every line of {@code file} (15 fields, or 16 with a score), collecting the malformed ones. */
    public static Parsed read(Path file) throws KittiLabelFormatException {
        return read(file, KittiLabel.Kind.ANY);
    }

    /**
     * Parses every line of {@code file} as {@code kind}, collecting the malformed ones.
     *
     * @throws KittiLabelFormatException (line 0) if the file is missing, larger than {@link #MAX_BYTES}, not UTF-8
     *                                    text or cannot be read
     */
    public static Parsed read(Path file, KittiLabel.Kind kind) throws KittiLabelFormatException {
        String text;
        try {
            text = BoundedText.read(file, MAX_BYTES);
        } catch (BoundedText.Unreadable e) {
            throw new KittiLabelFormatException(file, 0, switch (e.problem()) {
                case MISSING -> "no such file";
                case DIRECTORY -> "is a directory, not a file";
                case NOT_REGULAR -> "is not a regular file (a device or a pipe?)";
                case TOO_LARGE -> (e.size() < 0 ? "more than " + MAX_BYTES : e.size())
                        + " bytes, more than the limit of " + MAX_BYTES + " for a label file (is this the right file?)";
                case NOT_UTF8 -> "is not a UTF-8 text file (is it binary?)";
            });
        } catch (IOException e) {
            throw new KittiLabelFormatException(file, 0, "cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        return parse(file, text, kind);
    }

    /** Parses {@code text} as the content of {@code file} (which names it in messages and is not read). */
    public static Parsed parse(Path file, String text, KittiLabel.Kind kind) {
        // a byte-order mark would otherwise become part of the first type ("\uFEFFCar" is no Car)
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r?\n|\r", -1);
        List<KittiLabel> labels = new ArrayList<>();
        List<KittiLabelFormatException> problems = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            try {
                labels.add(KittiLabel.parse(line, kind));
            } catch (KittiLabel.LineException e) {
                problems.add(new KittiLabelFormatException(file, i + 1, e.column(), e.getMessage()));
            }
        }
        return new Parsed(file, labels, problems);
    }

    /** Parses {@code file}, stopping at the first malformed line. */
    public static List<KittiLabel> readStrict(Path file) throws KittiLabelFormatException {
        return readStrict(file, KittiLabel.Kind.ANY);
    }

    /** Parses {@code file} as {@code kind}, stopping at the first malformed line. */
    public static List<KittiLabel> readStrict(Path file, KittiLabel.Kind kind) throws KittiLabelFormatException {
        return strict(read(file, kind));
    }

    /** The labels of {@code parsed}, or its first problem. */
    public static List<KittiLabel> strict(Parsed parsed) throws KittiLabelFormatException {
        if (!parsed.ok()) {
            throw parsed.problems().get(0);
        }
        return parsed.labels();
    }

    /** The file's text: one {@link KittiLabel#format()} line each, every line ending in a newline. */
    public static String format(List<KittiLabel> labels) {
        StringBuilder b = new StringBuilder();
        for (KittiLabel label : labels) {
            b.append(label.format()).append('\n');
        }
        return b.toString();
    }

    /** Writes {@code labels} to {@code file} in the KITTI format. */
    public static void write(Path file, List<KittiLabel> labels) throws IOException {
        Files.writeString(file, format(labels), StandardCharsets.US_ASCII);
    }
}
