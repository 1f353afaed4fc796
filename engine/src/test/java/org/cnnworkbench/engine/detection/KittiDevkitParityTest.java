package org.cnnworkbench.engine.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity with the official devkit on two generated label sets in {@code resources/kitti/devkit-parity}:
 * {@code stress} (overlapping boxes, duplicates, wrong classes, Van/Person_sitting/Truck/Misc, DontCare, heights
 * at 25/26/40/41 px, truncation at 0.15/0.30/0.50, missing result files) and {@code demo} (a plainer set with a
 * stray result file and a missing one). {@code expected.csv} holds what the devkit's own {@code eval_class}
 * (cpp/evaluate_object.cpp, compiled without its 3D parts) computed for them, both AP_R40 and AP_11.
 */
class KittiDevkitParityTest {

    private static Path resources() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(KittiDevkitParityTest.class.getResource("/kitti/devkit-parity"))
                .toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"stress", "demo"})
    void apEqualsTheDevkitsToTheLastBits(String set) throws Exception {
        Path dir = resources().resolve(set);
        KittiEvaluation e = KittiEvaluator.evaluate(KittiFolders.load(dir.resolve("gt"), dir.resolve("pred")).frames());
        List<String[]> expected = Files.readAllLines(resources().resolve("expected.csv")).stream()
                .filter(l -> !l.startsWith("#")).map(l -> l.split(",")).filter(f -> f[0].equals(set)).toList();
        assertThat(expected).hasSize(9);
        for (String[] row : expected) {
            KittiClass c = KittiClass.valueOf(row[1].toUpperCase(java.util.Locale.ROOT));
            KittiDifficulty d = KittiDifficulty.values()[Integer.parseInt(row[2])];
            assertThat(e.of(c).ap(d, ApMetric.R40).orElseThrow()).as("%s %s %s AP_R40", set, c, d)
                    .isCloseTo(Double.parseDouble(row[3]), within(1e-12));
            assertThat(e.of(c).ap(d, ApMetric.R11).orElseThrow()).as("%s %s %s AP_11", set, c, d)
                    .isCloseTo(Double.parseDouble(row[4]), within(1e-12));
        }
    }
}
