package org.cnnworkbench.plugins.separable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.cnnworkbench.engine.plugin.Plugins;

/**
 * The plugin as a user installs it: the jar that {@code mvn package} built, copied into a plugin folder, which is
 * this test JVM's plugin folder ({@link Plugins#FOLDERS_PROPERTY}), so that {@link Plugins#installed()} and every
 * part of the workbench built on it (the standard kinds, the command line) find the plugin there.
 */
final class InstalledPlugin {

    private static Path folder;

    private InstalledPlugin() {
    }

    /** The plugin folder holding the packaged jar; set as the plugin folder before anything loads plugins. */
    static synchronized Path folder() {
        if (folder == null) {
            String built = System.getProperty("plugin.jar");
            if (built == null || !Files.isRegularFile(Path.of(built))) {
                throw new IllegalStateException("the packaged plugin jar (system property plugin.jar = " + built
                        + ") is missing: run the tests with `mvn verify`, after `package`");
            }
            try {
                folder = Files.createTempDirectory("installed-plugins");
                Files.copy(Path.of(built), folder.resolve(Path.of(built).getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(Plugins.FOLDERS_PROPERTY, folder.toString());
        }
        return folder;
    }

    /** The plugins of that folder, loaded afresh. */
    static Plugins load() {
        return Plugins.load(List.of(folder()));
    }
}
