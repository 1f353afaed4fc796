package org.cnnworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.app.ui.FxRuntime;
import org.cnnworkbench.app.ui.WorkbenchApp;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.prototxt.PrototxtImporter;

/**
 * Opening the desktop: {@code workbench open}, and {@code ./workbench} alone ({@link #run}), which does it without
 * parsing a command line. Picocli's class files are too old to be kept in a class-data archive, so every start
 * loads and verifies them again: 0.2 s of the first window (README "Start-up"). Nothing here refers to picocli.
 */
public final class PlainOpen {

    /** What {@code ./workbench} and {@code workbench open} show when no network is named. */
    static final String DEFAULT_NETWORK = "squeezenet-v1.0";

    private PlainOpen() {
    }

    /**
     * Whether {@code args} ask for the desktop with its default network and nothing else: none, or
     * {@code --verbose} alone.
     */
    public static boolean isPlain(String[] args) {
        return args.length == 0 || args.length == 1 && args[0].equals("--verbose");
    }

    /** Opens the desktop with the default network as {@code workbench [--verbose] open} would; the exit status. */
    public static int run(boolean verbose) {
        if (verbose) {
            ConsoleLogging.configure(true);
        }
        return openReported(DEFAULT_NETWORK, new PrintWriter(System.err, true));
    }

    /**
     * {@link #open} as {@code workbench open NETWORK} runs it: plugins that did not load are warned about first,
     * and a failure is told on {@code err} as the command line tells it. Returns the exit status.
     */
    public static int openReported(String network, PrintWriter err) {
        return CommandFailures.guarded(() -> {
            CommandFailures.warnAboutSkippedPlugins(err);
            try {
                return open(network, err);
            } catch (RuntimeException e) {
                return CommandFailures.failed(e, err);
            }
        }, err);
    }

    /** Opens the desktop with {@code network} (a file or a sample) and returns when its window is closed. */
    static int open(String network, PrintWriter err) {
        LoadedNetwork loaded = NetworkSource.load(network, err);
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
