package org.cnnworkbench.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample network reads, writes and reads back to an equal spec that analyses the same. */
class SampleRoundTripTest {

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(Nets.SAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("index.json"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleSurvivesAJsonRoundTrip(Path sample, @TempDir Path dir) throws Exception {
        NetworkSpec spec = NetworkJson.read(sample).spec();
        assertThat(spec.nodes()).isNotEmpty();

        NetworkSpec fromText = NetworkJson.read(NetworkJson.write(spec), sample.toString()).spec();
        assertThat(fromText).isEqualTo(spec);

        Path copy = dir.resolve(sample.getFileName());
        NetworkJson.write(spec, copy);
        NetworkSpec fromFile = NetworkJson.read(copy).spec();
        assertThat(fromFile).isEqualTo(spec);
        assertThat(NetworkJson.write(fromFile)).isEqualTo(NetworkJson.write(spec));

        AnalysisReport original = Analyzer.standard().analyze(spec);
        assertThat(original.isValid()).as("%s", original.diagnostics()).isTrue();
        assertThat(Analyzer.standard().analyze(fromFile).layers()).isEqualTo(original.layers());
    }
}
