package org.cnnworkbench.engine.dl4j;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.io.BoundedText;

/**
 * Reads the text files of a run directory so that a damaged one (missing, empty, truncated, garbled, binary,
 * far too large, valid JSON of the wrong shape) gives an {@link IOException} with one line that names the file
 * and what is wrong with it, never another exception.
 */
final class RunFiles {

    /** Far more than any config.json, data.json or summary.json a run writes (data.json of 20,000 classes). */
    static final long MAX_JSON_BYTES = 4L << 20;
    /** metrics.csv: about 70 bytes an epoch, so far more than a run's epochs. */
    static final long MAX_METRICS_BYTES = 16L << 20;

    /**
     * One parsed metrics.csv: its rows, their lines as written, and whether a torn last line (an interrupted
     * append) was left out.
     */
    record Metrics(List<TrainingListener.EpochMetrics> rows, List<String> lines, boolean tornLastLine) {

        /** The epoch of the last row, 0 when there is none. */
        int lastEpoch() {
            return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).epoch();
        }
    }

    private RunFiles() {
    }

    /** The file's text (UTF-8), refusing a missing, over-large or non-text file ({@link BoundedText}). */
    static String readText(Path file, long maxBytes) throws IOException {
        try {
            return BoundedText.read(file, maxBytes);
        } catch (BoundedText.Unreadable e) {
            throw new IOException(switch (e.problem()) {
                case MISSING -> file + " is missing";
                case DIRECTORY -> file + " is a folder, not a file";
                case NOT_REGULAR -> file + " is not a regular file (a device or a pipe?)";
                case TOO_LARGE -> e.size() >= 0
                        ? file + ": " + e.size() + " bytes, more than a run directory's file of this kind can be ("
                                + maxBytes + " bytes); it is not the file the workbench wrote"
                        : file + ": more than " + maxBytes + " bytes";
                case NOT_UTF8 -> file + ": not a UTF-8 text file (binary or garbled content)";
            });
        }
    }

    /**
     * Reads a JSON file of a run directory as {@code type}; the record's own checks (a {@link TrainingConfig}
     * with 0 epochs) count as damage too.
     */
    static <T> T readJson(ObjectMapper json, Path file, Class<T> type) throws IOException {
        String text = readText(file, MAX_JSON_BYTES);
        if (text.isBlank()) {
            throw new IOException(file + " is empty");
        }
        T value;
        try {
            value = json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": " + describe(e));
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": " + firstLine(e));
        }
        if (value == null) {
            throw new IOException(file + ": holds null instead of the run's " + type.getSimpleName());
        }
        return value;
    }

    /** Jackson's problem in one line: the position, then the record's own message if it refused a value. */
    static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : "line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ": ";
        Throwable cause = e.getCause();
        String what = cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                ? firstLine(cause) : e.getOriginalMessage();
        return where + oneLine(what);
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : oneLine(message);
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + " ..." : line;
    }

    /**
     * Parses metrics.csv ({@value RunDirectory#METRICS_HEADER}). A last line without its line end that does not
     * parse is the trace of an append interrupted by a crash and is left out; any other malformed line is an
     * error naming the line.
     */
    static Metrics parseMetrics(Path file) throws IOException {
        String text = readText(file, MAX_METRICS_BYTES);
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals(RunDirectory.METRICS_HEADER)) {
            throw new IOException(file + ", line 1: expected the header " + RunDirectory.METRICS_HEADER);
        }
        boolean endsWithNewline = text.endsWith("\n");
        List<TrainingListener.EpochMetrics> rows = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        boolean torn = false;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                rows.add(parseRow(line));
                kept.add(line);
            } catch (IllegalArgumentException e) {
                if (i == lines.size() - 1 && !endsWithNewline) {
                    torn = true;
                } else {
                    throw new IOException(file + ", line " + (i + 1) + ": " + e.getMessage());
                }
            }
        }
        return new Metrics(List.copyOf(rows), List.copyOf(kept), torn);
    }

    private static TrainingListener.EpochMetrics parseRow(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("expected 7 columns, found " + f.length);
        }
        int epoch;
        try {
            epoch = Integer.parseInt(unquote(f[0]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the epoch '" + shorten(f[0]) + "' is not a whole number");
        }
        if (epoch < 1) {
            throw new IllegalArgumentException("the epoch must be at least 1, not " + epoch);
        }
        double[] v = new double[6];
        for (int c = 1; c < 7; c++) {
            try {
                v[c - 1] = Double.parseDouble(unquote(f[c]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("column " + (c + 1) + " '" + shorten(f[c]) + "' is not a number");
            }
        }
        return new TrainingListener.EpochMetrics(epoch, v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    private static String unquote(String cell) {
        String s = cell.strip();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static String shorten(String cell) {
        return cell.length() > 40 ? cell.substring(0, 40) + "..." : cell;
    }
}
