package org.cnnworkbench.app.cli;

import org.cnnworkbench.engine.plugin.Plugins;
import picocli.CommandLine;

/**
 * {@code ./workbench} starts the commands that only analyse networks with a short class path: the workbench's
 * own jars, Jackson and picocli, without DL4J, ND4J, Spark and JavaFX (README, "Start-up": the JVM opens every jar
 * on its class path the first time anything looks up a service, about 0.15 s for the full one). It says so with
 * {@code -Dworkbench.lightClassPath=true}. When such a command meets a class that is not there after all (a
 * plugin built against DL4J, say), the program exits with {@link ExitCodes#NEEDS_FULL_CLASS_PATH} and the launcher
 * runs the same command again with the full class path.
 */
final class LightClassPath {

    static final String PROPERTY = "workbench.lightClassPath";

    private LightClassPath() {
    }

    /** Whether this process was started on the light class path. */
    static boolean active() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Whether {@code e} says a class is missing, on the light class path (where the full one may have it). */
    static boolean lacks(Throwable e) {
        return active() && Plugins.missesAClass(e);
    }

    /**
     * Whether, on the light class path, a plugin the command would see did not load for a missing class. Checked
     * before the command runs, so nothing has been written when the launcher starts it again.
     */
    static boolean lacksForPlugins(CommandLine.ParseResult parseResult) {
        if (!active() || !WorkbenchCommand.needsPlugins(parseResult)) {
            return false;
        }
        try {
            return Plugins.installed().failed().stream().anyMatch(Plugins.Failed::missesAClass);
        } catch (RuntimeException | LinkageError e) {
            return true;   // a class-path plugin failed: the full class path's run reports it if it is broken there
        }
    }
}
