package org.cnnworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.ui.FxRuntime;
import org.cnnworkbench.app.ui.WorkbenchApp;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.prototxt.PrototxtImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code workbench open}: the desktop workbench with a network (what {@code ./workbench} alone runs). */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = "Open the desktop workbench with a network (default: SqueezeNet v1.0).")
final class OpenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE-OR-SAMPLE", defaultValue = "squeezenet-v1.0",
            description = "a spec file, a Caffe .prototxt or a sample name (default: ${DEFAULT-VALUE})")
    String network;

    @Override
    public Integer call() {
        LoadedNetwork loaded = NetworkSource.load(network, spec.commandLine().getErr());
        if (!FxRuntime.hasDisplay()) {
            throw new UserException("there is no display to open the window on (DISPLAY is not set); "
                    + "'workbench screenshot --network " + network + " --out window.png' renders it without one");
        }
        // an imported prototxt opens as a new untitled document: saving it writes a spec, never over the prototxt
        Path file = Files.isRegularFile(Path.of(network)) && !PrototxtImporter.isPrototxt(Path.of(network))
                ? Path.of(network) : null;
        try {
            WorkbenchApp.launch(loaded, file);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            // e.g. "Unable to load glass GTK library" on a Linux without GTK 3
            throw new UserException("JavaFX could not open a window: " + e.getMessage()
                    + " (on Linux the desktop needs GTK 3, e.g. the package libgtk-3-0)");
        }
        return ExitCodes.OK;
    }
}
