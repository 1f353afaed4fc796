package org.cnnworkbench.engine.data.kitti;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes KITTI label files ({@code label_2/NNNNNN.txt}): one {@link KittiLabel} per line, blank lines
 * ignored.
 *
 * <pre>{@code
 * KittiLabelFile.Parsed p = KittiLabelFile.read(Path.of("training/label_2/000001.txt"));
 * p.problems().forEach(e -> System.err.println(e.getMessage()));   // 000001.txt:3: field 5 (top): 'x' is not a number
 * KittiLabelFile.write(Path.of("out.txt"), p.labels());
 * }</pre>
 */
public final class KittiLabelFile {

    /** The largest label file read; real ones are a few hundred bytes. */
    public static final long MAX_BYTES = 1L << 20;

    /** The lines that parsed, and one exception (file and line) for each that did not. */
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

    /**
     * Parses every line of {@code file}, collecting the malformed ones.
     *
     * @throws KittiLabelFormatException (line 0) if the file is larger than {@link #MAX_BYTES}, not UTF-8 text or
     *                                    cannot be read
     */
    public static Parsed read(Path file) throws KittiLabelFormatException {
        List<String> lines;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new KittiLabelFormatException(file, 0, size + " bytes, more than the limit of " + MAX_BYTES
                        + " for a label file");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new KittiLabelFormatException(file, 0, "is not a UTF-8 text file (is it binary?)");
        } catch (KittiLabelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new KittiLabelFormatException(file, 0, "cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        List<KittiLabel> labels = new ArrayList<>();
        List<KittiLabelFormatException> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                labels.add(KittiLabel.parse(line));
            } catch (IllegalArgumentException e) {
                problems.add(new KittiLabelFormatException(file, i + 1, e.getMessage()));
            }
        }
        return new Parsed(file, labels, problems);
    }

    /** Parses {@code file}, stopping at the first malformed line. */
    public static List<KittiLabel> readStrict(Path file) throws KittiLabelFormatException {
        Parsed parsed = read(file);
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
