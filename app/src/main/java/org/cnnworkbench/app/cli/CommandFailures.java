package org.cnnworkbench.app.cli;

import java.io.PrintWriter;
import java.util.function.IntSupplier;
import org.cnnworkbench.engine.plugin.Plugins;

/**
 * How a command's failure reaches the user: one line on stderr and an exit status, never a stack trace
 * (WORKBENCH_DEBUG=1 adds it). Used by the command line ({@link WorkbenchCommand}) and by {@code ./workbench}
 * alone, which opens the desktop without parsing a command line ({@link PlainOpen}); so it uses no picocli type.
 */
final class CommandFailures {

    private CommandFailures() {
    }

    /**
     * Runs {@code command}. An {@link Error} that escapes it (out of memory, a stack overflow) becomes one line and
     * exit status 70: commands check their documented limits up front, so reaching this means the machine is
     * smaller than the input or the workbench has a bug.
     */
    static int guarded(IntSupplier command, PrintWriter err) {
        try {
            return command.getAsInt();
        } catch (OutOfMemoryError e) {
            return lastResort("out of memory (" + e.getMessage() + "): the input is too large for the "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB Java heap; try smaller input or "
                    + "give more memory with WORKBENCH_JAVA_OPTS=-Xmx<size>", e, err);
        } catch (StackOverflowError e) {
            return lastResort("internal error: the stack overflowed (please report it; set "
                    + "WORKBENCH_DEBUG=1 for details)", e, err);
        } catch (Error e) {
            if (LightClassPath.lacks(e)) {
                return ExitCodes.NEEDS_FULL_CLASS_PATH;
            }
            return lastResort("internal error: " + e + " (please report it; set WORKBENCH_DEBUG=1 "
                    + "for details)", e, err);
        }
    }

    /** A command threw {@code e}: a user mistake ({@link UserException}) or a bug; returns the exit status. */
    static int failed(Exception e, PrintWriter err) {
        if (LightClassPath.lacks(e)) {
            return ExitCodes.NEEDS_FULL_CLASS_PATH;
        }
        if (e instanceof UserException) {
            err.println("workbench: error: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        return lastResort("internal error: " + e + " (please report it; set WORKBENCH_DEBUG=1 for details)", e, err);
    }

    /** One line on stderr per plugin that did not load (never fatal). */
    static void warnAboutSkippedPlugins(PrintWriter err) {
        for (Plugins.Failed f : Plugins.installed().failed()) {
            err.println("workbench: warning: skipped plugin " + (f.plugin().isEmpty() ? "" : "'" + f.plugin() + "' in ")
                    + f.source() + ": " + f.reason() + " (see 'workbench plugins')");
        }
        err.flush();
    }

    /** One line {@code workbench: message}, the stack trace only with WORKBENCH_DEBUG set; exit status 70. */
    private static int lastResort(String message, Throwable e, PrintWriter err) {
        err.println("workbench: " + message);
        if (System.getenv("WORKBENCH_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.INTERNAL_ERROR;
    }
}
