package org.cnnworkbench.app.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log of the libraries (Deeplearning4j and ND4J through SLF4J's java.util.logging binding, JavaFX directly)
 * on stderr in the command line's own style: quiet by default, one line per record,
 * {@code workbench: warning: ...} and {@code workbench: error: ...}; with {@code --verbose} also their INFO records
 * as {@code workbench: info: [Logger] ...}. A stack trace only with {@code WORKBENCH_DEBUG} set, as for the
 * command line's own errors.
 *
 * <pre>{@code
 * ConsoleLogging.configure(false);   // Main, before anything logs
 * ConsoleLogging.configure(true);    // --verbose
 * }</pre>
 */
public final class ConsoleLogging {

    /**
     * Loggers whose warnings are known to be harmless for every graph the workbench builds, shown only with
     * {@code --verbose}: DL4J's {@code InputType} warns "Assigning a size of zero" when it derives the output type of
     * a parameter-free loss layer before that layer's size is set; Hadoop's {@code NativeCodeLoader} warns that it
     * uses its Java code instead of native libraries, which Spark's training never needs. Held here:
     * java.util.logging keeps loggers weakly, and a collected logger would forget its level.
     */
    private static final List<Logger> HARMLESS_WARNINGS = List.of(
            Logger.getLogger("org.deeplearning4j.nn.conf.inputs.InputType"),
            Logger.getLogger("org.apache.hadoop.util.NativeCodeLoader"));

    private ConsoleLogging() {
    }

    /** Replaces every java.util.logging handler with one that writes to stderr: WARNING and above, or INFO. */
    public static void configure(boolean verbose) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(verbose ? Level.INFO : Level.WARNING);
        for (Logger logger : HARMLESS_WARNINGS) {
            logger.setLevel(verbose ? null : Level.SEVERE);
        }
        Handler handler = new StderrHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(new OneLineFormatter());
        root.addHandler(handler);
    }

    /** Writes to the {@link System#err} of the moment (tests and the GUI may replace it), flushing each line. */
    private static final class StderrHandler extends Handler {
        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            String line;
            try {
                line = getFormatter().format(record);
            } catch (RuntimeException e) {
                reportError("cannot format a log record", e, ErrorManager.FORMAT_FAILURE);
                return;
            }
            PrintStream err = System.err;
            err.print(line);
            err.flush();
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }

    /** {@code workbench: LEVEL: message}, on one line. */
    static final class OneLineFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            int level = record.getLevel().intValue();
            StringBuilder line = new StringBuilder("workbench: ");
            if (level >= Level.SEVERE.intValue()) {
                line.append("error: ");
            } else if (level >= Level.WARNING.intValue()) {
                line.append("warning: ");
            } else {
                line.append(level >= Level.INFO.intValue() ? "info: " : "debug: ");
                line.append('[').append(shortName(record.getLoggerName())).append("] ");
            }
            line.append(oneLine(formatMessage(record)));
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                line.append(" (").append(oneLine(String.valueOf(thrown))).append(')');
            }
            line.append(System.lineSeparator());
            if (thrown != null && System.getenv("WORKBENCH_DEBUG") != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                thrown.printStackTrace(new java.io.PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }

        private static String shortName(String logger) {
            if (logger == null || logger.isEmpty()) {
                return "root";
            }
            return logger.substring(logger.lastIndexOf('.') + 1);
        }

        private static String oneLine(String text) {
            return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
        }
    }
}
