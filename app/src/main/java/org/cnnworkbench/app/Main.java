package org.cnnworkbench.app;

import org.cnnworkbench.app.cli.WorkbenchCommand;

/** Entry point of {@code ./workbench}: with arguments it runs the command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(WorkbenchCommand.commandLine().execute(args));
    }
}
