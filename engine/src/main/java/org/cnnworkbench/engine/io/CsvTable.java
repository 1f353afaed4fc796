package org.cnnworkbench.engine.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table written as CSV (RFC 4180) by jackson-dataformat-csv: a cell holding a comma, a quote or a line break
 * is quoted, any other cell is written as it is, rows end with {@code \n}. Every CSV the workbench writes goes
 * through here, so that a node id or network name can never break a file.
 *
 * <pre>{@code
 * CsvTable table = new CsvTable("id", "params");
 * table.row("conv1", 34_944L);
 * String csv = table.toCsv();          // "id,params\nconv1,34944\n"
 * }</pre>
 *
 * Numbers are written with {@code toString()} ({@code Long}, {@code Double}); {@code null} is an empty cell.
 */
public final class CsvTable {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private final List<String> columns;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    public CsvTable(String... columns) {
        this(List.of(columns));
    }

    public CsvTable(List<String> columns) {
        if (columns.isEmpty() || columns.stream().distinct().count() != columns.size()) {
            throw new IllegalArgumentException("a CSV table needs distinct column names, not " + columns);
        }
        this.columns = List.copyOf(columns);
    }

    /** Adds a row of one value per column, in column order. */
    public CsvTable row(Object... values) {
        return row(java.util.Arrays.asList(values));
    }

    /** Adds a row of one value per column, in column order. */
    public CsvTable row(List<?> values) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("a row of " + values.size() + " values for " + columns.size()
                    + " columns " + columns);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Object v = values.get(i);
            row.put(columns.get(i), v == null ? "" : v);
        }
        rows.add(row);
        return this;
    }

    /** Adds a row of the cells named by column; a column without a cell is empty. */
    public CsvTable row(Map<String, ?> cells) {
        return row(columns.stream().map(c -> (Object) cells.get(c)).toList());
    }

    /** The header line, then one line per row. */
    public String toCsv() {
        return write(true);
    }

    /** One line per row, without the header (to append rows to a file that has one). */
    public String rowsOnly() {
        return write(false);
    }

    private String write(boolean header) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(header);
        columns.forEach(schema::addColumn);
        try {
            return MAPPER.writer(schema.build()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            // only strings, numbers and booleans go in: nothing that Jackson could fail to write
            throw new IllegalStateException("cannot write CSV: " + e.getOriginalMessage(), e);
        }
    }
}
