package org.cnnworkbench.app;

import org.cnnworkbench.app.cli.ConsoleLogging;
import org.cnnworkbench.app.cli.PlainOpen;
import org.cnnworkbench.app.cli.WorkbenchCommand;

/**
 * Entry point of {@code ./workbench}: without arguments (or with {@code --verbose} alone) it opens the desktop
 * workbench with SqueezeNet v1.0, as {@code workbench open} does but without parsing a command line
 * ({@link PlainOpen}); with arguments it runs the command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        ConsoleLogging.configure(false);   // before anything logs: warnings and errors only, until --verbose
        if (PlainOpen.isPlain(args)) {
            System.exit(PlainOpen.run(args.length == 1));
        }
        System.exit(WorkbenchCommand.run(args));
    }
}
