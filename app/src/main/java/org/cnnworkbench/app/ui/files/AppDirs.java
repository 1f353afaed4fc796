package org.cnnworkbench.app.ui.files;

import java.nio.file.Path;

/**
 * Where the workbench keeps its own files (recent files, the crash-recovery copy): {@code ~/.cnn-workbench},
 * or the directory named by the system property {@code workbench.home} (tests use a temporary one).
 */
public final class AppDirs {

    private AppDirs() {
    }

    public static Path home() {
        String override = System.getProperty("workbench.home");
        return override != null ? Path.of(override) : Path.of(System.getProperty("user.home"), ".cnn-workbench");
    }
}
