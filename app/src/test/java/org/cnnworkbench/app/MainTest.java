package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void noCommandOpensTheWindowAlsoWhenVerbose() {
        assertThat(Main.command(new String[0])).containsExactly("open");
        assertThat(Main.command(new String[] {"--verbose"})).containsExactly("--verbose", "open");
        assertThat(Main.command(new String[] {"--verbose", "samples"})).containsExactly("--verbose", "samples");
        assertThat(Main.command(new String[] {"--help"})).containsExactly("--help");
    }
}
