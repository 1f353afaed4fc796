package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The libraries' log through SLF4J and java.util.logging: one line each in the CLI's style, quiet by default. */
class ConsoleLoggingTest {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureStderr() {
        original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(original);
        ConsoleLogging.configure(false);
    }

    private String stderr() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quietShowsWarningsAndErrorsAsOneLineEachAndNoInformation() {
        ConsoleLogging.configure(false);
        org.slf4j.Logger log = LoggerFactory.getLogger("org.nd4j.linalg.factory.Nd4jBackend");

        log.info("Loaded [CpuBackend] backend");
        log.debug("details");
        log.warn("workspace {} is\nlarger than expected", "WS_1");
        log.error("cannot allocate", new OutOfMemoryError("Java heap space"));

        assertThat(stderr()).isEqualTo("workbench: warning: workspace WS_1 is larger than expected"
                + System.lineSeparator()
                + "workbench: error: cannot allocate (java.lang.OutOfMemoryError: Java heap space)"
                + System.lineSeparator());
    }

    @Test
    void verboseAlsoShowsTheInformationWithItsLogger() {
        ConsoleLogging.configure(true);

        LoggerFactory.getLogger("org.nd4j.linalg.factory.Nd4jBackend").info("Loaded [{}] backend", "CpuBackend");
        LoggerFactory.getLogger("x").debug("not even verbose shows debug");

        assertThat(stderr()).isEqualTo("workbench: info: [Nd4jBackend] Loaded [CpuBackend] backend"
                + System.lineSeparator());
    }

    @Test
    void dl4jsHarmlessSizeOfZeroWarningShowsOnlyWhenVerbose() {
        String name = "org.deeplearning4j.nn.conf.inputs.InputType";
        ConsoleLogging.configure(false);
        LoggerFactory.getLogger(name).warn("Assigning a size of zero.");
        LoggerFactory.getLogger(name).error("a real problem");
        assertThat(stderr()).isEqualTo("workbench: error: a real problem" + System.lineSeparator());

        ConsoleLogging.configure(true);
        LoggerFactory.getLogger(name).warn("Assigning a size of zero.");
        assertThat(stderr()).endsWith("workbench: warning: Assigning a size of zero." + System.lineSeparator());
    }

    @Test
    void verboseOptionWorksBeforeOrAfterTheSubcommand() {
        ConsoleLogging.configure(false);
        assertThat(CommandLineTest.run("samples").exit()).isZero();
        assertThat(Logger.getLogger("").getLevel()).isEqualTo(Level.WARNING);

        assertThat(CommandLineTest.run("--verbose", "samples").exit()).isZero();
        assertThat(Logger.getLogger("").getLevel()).isEqualTo(Level.INFO);

        ConsoleLogging.configure(false);
        assertThat(CommandLineTest.run("kinds", "conv", "--verbose").exit()).isZero();
        assertThat(Logger.getLogger("").getLevel()).isEqualTo(Level.INFO);
    }
}
