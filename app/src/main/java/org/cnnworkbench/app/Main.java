package org.cnnworkbench.app;

import org.cnnworkbench.app.cli.ConsoleLogging;
import org.cnnworkbench.app.cli.WorkbenchCommand;

/**
 * Entry point of {@code ./workbench}: without arguments (or with {@code --verbose} alone) it opens the desktop
 * workbench with SqueezeNet v1.0 ({@code workbench open}); with arguments it runs the command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        ConsoleLogging.configure(false);   // before anything logs: warnings and errors only, until --verbose
        System.exit(WorkbenchCommand.run(command(args)));
    }

    /** The command line to run: {@code open} when no command is given. */
    static String[] command(String[] args) {
        if (args.length == 0) {
            return new String[] {"open"};
        }
        return args.length == 1 && args[0].equals("--verbose") ? new String[] {"--verbose", "open"} : args;
    }
}
