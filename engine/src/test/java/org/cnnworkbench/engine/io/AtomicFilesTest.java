package org.cnnworkbench.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private Stream<Path> filesIn(Path folder) throws IOException {
        return Files.list(folder).toList().stream();
    }

    @Test
    void writeCreatesTheFileWithTheText() throws IOException {
        Path target = dir.resolve("net.json");
        AtomicFiles.writeString(target, "{\"name\": \"résumé ✓\"}");

        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("{\"name\": \"résumé ✓\"}");
        assertThat(filesIn(dir)).containsExactly(target);
    }

    @Test
    void writeReplacesTheWholeContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("net.json");
        Files.writeString(target, "a much longer old content that must not survive in part");

        AtomicFiles.writeString(target, "new");

        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(filesIn(dir)).containsExactly(target);
    }

    @Test
    void writeCreatesMissingFolders() throws IOException {
        Path target = dir.resolve("a").resolve("b").resolve("net.json");
        AtomicFiles.writeString(target, "x");

        assertThat(Files.readString(target)).isEqualTo("x");
        assertThat(filesIn(target.getParent())).containsExactly(target);
    }

    @Test
    void failedWriteLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("net.json");
        Files.createDirectories(target.resolve("child"));  // a non-empty folder cannot be replaced by a file

        assertThatThrownBy(() -> AtomicFiles.writeString(target, "new")).isInstanceOf(IOException.class);

        assertThat(target).isDirectory();
        assertThat(filesIn(dir)).containsExactly(target);
    }
}
