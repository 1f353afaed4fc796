package org.cnnworkbench.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.plugin.ExportRequest;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonExporterTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSpecThatReadsBackEqualAndReplacesAnOldFile() throws Exception {
        NetworkSpec spec = NetworkJson.read(Nets.SAMPLES.resolve("squeezenet-v1.0.json")).spec();
        Path file = dir.resolve("sq.json");
        Files.writeString(file, "old");
        JsonExporter json = new JsonExporter();
        json.export(ExportRequest.of(spec, KindRegistry.standard()), file);

        assertThat(NetworkJson.read(file).spec()).isEqualTo(spec);
        assertThat(NetworkJson.read(file).layout()).isEmpty();
        assertThat(json.id()).isEqualTo("json");
        assertThat(json.fileExtension()).isEqualTo("json");
        assertThat(json.writesDirectory()).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("sq.json");
        }
    }

    @Test
    void withALayoutTheNodePositionsGoWithTheSpec() throws Exception {
        NetworkSpec spec = NetworkJson.read(Nets.SAMPLES.resolve("nin.json")).spec();
        String first = spec.nodes().get(0).id();
        Path file = dir.resolve("nin.json");
        new JsonExporter().withLayout(Map.of(first, new NodePosition(10, 20)))
                .export(ExportRequest.of(spec, KindRegistry.standard()), file);
        assertThat(NetworkJson.read(file).layout()).containsEntry(first, new NodePosition(10, 20));
    }
}
