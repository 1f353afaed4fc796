package org.cnnworkbench.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

public class CsvTableTest {

    /** Every line of {@code csv} as its cells, read back by jackson-dataformat-csv (header included). */
    public static List<List<String>> parse(String csv) throws IOException {
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(csv)) {
            return rows.readAll();
        }
    }

    @Test
    void cellsWithCommasQuotesAndLineBreaksReadBackAsTheSameCells() throws IOException {
        String awkward = "conv1, \"the first\"\nlayer";
        String csv = new CsvTable("id", "params").row(awkward, 34_944L).row("plain", 0L).toCsv();

        assertThat(parse(csv)).containsExactly(List.of("id", "params"), List.of(awkward, "34944"),
                List.of("plain", "0"));
    }

    @Test
    void plainCellsAreWrittenAsTheyAreAndNullIsEmpty() {
        String csv = new CsvTable("id", "flops", "ratio", "accuracy").row("conv 1", 12L, 0.5, null).toCsv();

        assertThat(csv).isEqualTo("id,flops,ratio,accuracy\nconv 1,12,0.5,\n");
    }

    @Test
    void aTableWithoutRowsIsItsHeaderAndRowsOnlyLeaveTheHeaderOut() {
        assertThat(new CsvTable("epoch", "loss").toCsv()).isEqualTo("epoch,loss\n");
        assertThat(new CsvTable("epoch", "loss").row(1, "0.500000").rowsOnly()).isEqualTo("1,0.500000\n");
    }

    @Test
    void cellsByColumnNameLeaveMissingColumnsEmpty() {
        assertThat(new CsvTable("id", "kind", "params").row(java.util.Map.of("params", 3L, "id", "a")).toCsv())
                .isEqualTo("id,kind,params\na,,3\n");
    }

    @Test
    void aRowOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> new CsvTable("id", "params").row("only one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 values for 2 columns");
    }
}
