package org.cnnworkbench.app.cli;

/** Exit statuses of the command line. */
public final class ExitCodes {

    /** Success; for analyze, a valid network. */
    public static final int OK = 0;
    /** The network was analysed but has errors (the report is still printed). */
    public static final int INVALID_NETWORK = 1;
    /** {@code dataset check} found problems in the data (the report is still printed). */
    public static final int DATA_PROBLEMS = 1;
    /** Bad input: unknown option, missing or malformed file, unknown sample. */
    public static final int BAD_INPUT = 2;
    /** Training stopped because the loss became NaN, infinite or exploded. */
    public static final int TRAINING_DIVERGED = 3;
    /** Training was cancelled (Ctrl+C); the run directory holds the last completed epoch. */
    public static final int CANCELLED = 130;
    /**
     * Between the program and {@code ./workbench} only: a command started on the light class path (no DL4J,
     * Spark or JavaFX; {@link LightClassPath}) needs a class that is not on it. The launcher starts it again with
     * everything; the user never sees this status.
     */
    public static final int NEEDS_FULL_CLASS_PATH = 121;
    /** A bug in the workbench. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }
}
