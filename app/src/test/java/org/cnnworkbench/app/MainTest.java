package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.cnnworkbench.app.cli.PlainOpen;
import org.cnnworkbench.app.cli.WorkbenchCommand;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void noCommandOpensTheWindowAlsoWhenVerboseWithoutParsingACommandLine() {
        assertThat(PlainOpen.isPlain(new String[0])).isTrue();
        assertThat(PlainOpen.isPlain(new String[] {"--verbose"})).isTrue();
        assertThat(PlainOpen.isPlain(new String[] {"--verbose", "samples"})).isFalse();
        assertThat(PlainOpen.isPlain(new String[] {"open"})).isFalse();
        assertThat(PlainOpen.isPlain(new String[] {"--help"})).isFalse();
    }

    @Test
    void openingWithoutACommandLineFailsAsTheOpenCommandDoes() {
        // the plain path and 'workbench open' share the opening and the reporting: a network that is not there
        // ends in the same single line and exit status either way
        StringWriter plain = new StringWriter();
        int plainStatus = PlainOpen.openReported("no-such-network", new PrintWriter(plain, true));
        StringWriter command = new StringWriter();
        var cli = WorkbenchCommand.commandLine("open", "no-such-network");
        cli.setErr(new PrintWriter(command, true));
        int commandStatus = cli.execute("open", "no-such-network");
        assertThat(plainStatus).isEqualTo(commandStatus).isEqualTo(2);
        assertThat(plain.toString()).isEqualTo(command.toString()).startsWith("workbench: error: no-such-network: ");
        assertThat(plain.toString().lines()).hasSize(1);
    }
}
