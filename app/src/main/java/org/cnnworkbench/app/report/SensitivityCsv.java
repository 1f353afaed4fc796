package org.cnnworkbench.app.report;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cnnworkbench.engine.dl4j.Sensitivity;
import org.cnnworkbench.engine.io.BoundedText;
import org.cnnworkbench.engine.io.CsvTable;

/**
 * The CSV of a sensitivity analysis: {@code method,layer,weights,value,top1,top5,loss} with one row per measured
 * point (the first row, layer empty, is the unchanged model); accuracies in percent, the loss in percentage
 * points of top-1 against the unchanged model.
 */
public final class SensitivityCsv {

    public static final List<String> COLUMNS = List.of("method", "layer", "weights", "value", "top1", "top5",
            "loss");

    private SensitivityCsv() {
    }

    /** The CSV of {@code points} (the first is the unchanged model). */
    public static String write(Sensitivity.Method method, List<Sensitivity.Point> points) {
        CsvTable table = new CsvTable(COLUMNS);
        double base = points.isEmpty() ? Double.NaN : points.get(0).top1();
        for (Sensitivity.Point p : points) {
            table.row(method.name().toLowerCase(Locale.ROOT), p.layer(), p.weights(), number(p.value()),
                    percent(p.top1()), percent(p.top5()), percent(base - p.top1()));
        }
        return table.toCsv();
    }

    /** One row read back. */
    public record Row(String method, String layer, long weights, double value, double top1Percent) {
    }

    /**
     * Reads a file {@link #write} wrote.
     *
     * @throws IOException naming the file and line if it is not such a CSV
     */
    public static List<Row> read(Path file) throws IOException {
        String text = BoundedText.read(file, 16L << 20);
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES);
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            int line = 1;
            while (it.hasNext()) {
                line++;
                Map<String, String> r = it.next();
                for (String c : COLUMNS) {
                    if (!r.containsKey(c)) {
                        throw new IOException(file + ": not a sensitivity CSV (no column '" + c + "'; the columns "
                                + "are " + String.join(",", COLUMNS) + ")");
                    }
                }
                try {
                    rows.add(new Row(r.get("method"), r.get("layer"), Long.parseLong(r.get("weights")),
                            Double.parseDouble(r.get("value")), Double.parseDouble(r.get("top1"))));
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": line " + line + ": " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a sensitivity CSV (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
        }
        if (rows.isEmpty() || !rows.get(0).layer().isEmpty()) {
            throw new IOException(file + ": the first row must be the unchanged model (an empty layer)");
        }
        return rows;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }
}
