package org.cnnworkbench.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WorkbenchAppTest {

    @Test
    void anUncaughtThrowableInTheWindowIsOneLineWithoutAStackTrace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        WorkbenchApp.uncaught(new Thread("JavaFX Application Thread"), new IllegalStateException("boom"), err);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("workbench: internal error in JavaFX Application Thread: "
                + "java.lang.IllegalStateException: boom (please report it; set WORKBENCH_DEBUG=1 for details)"
                + System.lineSeparator());
    }
}
