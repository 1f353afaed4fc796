package org.cnnworkbench.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved file gets the permissions users expect of a save, not those of a private temporary file. */
class AtomicFilesPermissionsTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileHasThePermissionsOfAnyNewFileOfTheProcess() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");   // created the ordinary way: the umask's
        Path saved = dir.resolve("saved.json");
        AtomicFiles.writeString(saved, "{}");
        assertThat(Files.getPosixFilePermissions(saved)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path saved = Files.writeString(dir.resolve("shared.json"), "old");
        Files.setPosixFilePermissions(saved, PosixFilePermissions.fromString("rw-rw-r--"));
        AtomicFiles.writeString(saved, "new");
        assertThat(Files.readString(saved)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-rw-r--");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(saved);   // no temporary file left behind
        }
    }
}
