package org.cnnworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.engine.plugin.Plugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code workbench plugins}: the plugin folders, the plugins that loaded, and those that did not, with why. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"List the plugins: the folders searched for plugin jars, each loaded plugin with its "
                + "kinds and exports, and each jar or plugin that was skipped, with the reason.",
                "Folders: --plugins DIR, else $" + Plugins.FOLDERS_ENV + ", else ~/.cnn-workbench/plugins; "
                        + "then the installed program's bundled plugins."})
final class PluginsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Plugins plugins = Plugins.installed();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Plugin folders:");
        for (Path folder : plugins.folders()) {
            out.println("  " + folder + (Files.isDirectory(folder) ? "" : "  (does not exist)"));
        }
        out.println();
        out.println("Loaded:");
        for (Plugins.Loaded p : plugins.loaded()) {
            out.println("  " + p.id() + (p.version().isEmpty() ? "" : " " + p.version())
                    + (p.name().equals(p.id()) ? "" : "  " + p.name()) + "  [" + p.source() + "]");
            if (!p.kinds().isEmpty()) {
                out.println("    kinds: " + String.join(", ", p.kinds()));
            }
            if (!p.exporters().isEmpty()) {
                out.println("    exports: " + String.join(", ", p.exporters()));
            }
        }
        out.println();
        if (plugins.failed().isEmpty()) {
            out.println("Not loaded: none");
        } else {
            out.println("Not loaded:");
            for (Plugins.Failed f : plugins.failed()) {
                out.println("  " + f.source() + (f.plugin().isEmpty() ? "" : " (plugin '" + f.plugin() + "')"));
                out.println("    " + f.reason());
            }
        }
        out.flush();
    }
}
