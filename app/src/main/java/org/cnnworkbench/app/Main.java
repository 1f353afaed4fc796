package org.cnnworkbench.app;

import org.cnnworkbench.app.cli.ConsoleLogging;
import org.cnnworkbench.app.cli.WorkbenchCommand;

/**
 * Entry point of {@code ./workbench}: without arguments it opens the desktop workbench with SqueezeNet v1.0
 * ({@code workbench open}); with arguments it runs the command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        ConsoleLogging.configure(false);   // before anything logs: warnings and errors only, until --verbose
        String[] command = args.length == 0 ? new String[] {"open"} : args;
        System.exit(WorkbenchCommand.commandLine().execute(command));
    }
}
