package org.cnnworkbench.engine.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.cnnworkbench.engine.io.SourceLocation;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HardwareProfileJsonTest {

    private static final String GOOD = """
            {
              "format": "cnn-workbench-hardware", "version": 1,
              "name": "toy", "title": "A toy",
              "peakFlops": 1e12,
              "memoryBandwidth": 1e11,
              "onChipBytes": 1048576,
              "powerWatts": 10,
              "source": "made up"
            }
            """;

    @Test
    void readsEveryField() throws Exception {
        HardwareProfile p = HardwareProfileJson.read(GOOD, "toy.json");
        assertThat(p).isEqualTo(new HardwareProfile("toy", "A toy", 1e12, 1e11, 1_048_576, 10, "made up"));
        assertThat(p.ridgeIntensity()).isEqualTo(10.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "negative bandwidth | \"memoryBandwidth\": 1e11 | \"memoryBandwidth\": -1e9 | 5 | 22 | memoryBandwidth must be a positive number of bytes/s, not -1.0E9",
            "text for a number  | \"powerWatts\": 10       | \"powerWatts\": \"ten\" | 7 | 17 | \"powerWatts\" must be a number",
            "unknown field      | \"powerWatts\": 10       | \"watts\": 10         | 7 | 3  | unknown field \"watts\"",
            "fractional bytes   | \"onChipBytes\": 1048576 | \"onChipBytes\": 0.5  | 6 | 18 | \"onChipBytes\" must be a whole number",
            "malformed JSON     | \"powerWatts\": 10,      | \"powerWatts\": 10,,  | 7 | 20 | malformed JSON",
    })
    void reportsProblemsWithTheirPosition(String what, String from, String to, int line, int column, String reason) {
        String text = GOOD.replace(from, to);
        assertThat(text).isNotEqualTo(GOOD);
        assertThatThrownBy(() -> HardwareProfileJson.read(text, "toy.json"))
                .isInstanceOfSatisfying(SpecFormatException.class, e -> {
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.location()).isEqualTo(new SourceLocation(line, column));
                    assertThat(e.getMessage()).startsWith("toy.json:" + line + ":" + column + ": ");
                });
    }

    @Test
    void missingFieldAndMissingFileAreNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> HardwareProfileJson.read(GOOD.replace("\"source\": \"made up\"", "\"title\": \"x\"")
                .replace("\"title\": \"A toy\",", ""), "toy.json")).hasMessageContaining("missing \"source\"");
        assertThatThrownBy(() -> HardwareProfileJson.read(dir.resolve("none.json")))
                .hasMessageEndingWith("none.json: no such file");
    }
}
