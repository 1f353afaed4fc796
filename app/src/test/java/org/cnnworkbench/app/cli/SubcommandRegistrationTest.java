package org.cnnworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The program registers only the subcommand a command line names (README "Start-up": picocli reflects over every
 * registered command, which loads the classes of all of them); help, version and unknown names see them all.
 */
class SubcommandRegistrationTest {

    private static List<String> registered(String... args) {
        return List.copyOf(WorkbenchCommand.commandLine(args).getSubcommands().keySet());
    }

    @Test
    void aNamedCommandIsTheOnlyOneRegistered() {
        assertThat(registered("analyze", "squeezenet-v1.0")).containsExactly("analyze");
        assertThat(registered("--verbose", "--plugins", "dir", "dataset", "info")).containsExactly("dataset");
        assertThat(registered("--plugins=dir", "kinds")).containsExactly("kinds");
        assertThat(WorkbenchCommand.commandLine("dataset", "info").getSubcommands().get("dataset")
                .getSubcommands()).containsKeys("info", "check", "export-folder", "synth-kitti");
    }

    @Test
    void helpVersionAndUnknownNamesSeeEveryCommandInTheHelpsOrder() {
        List<String> all = WorkbenchCommand.SUBCOMMANDS.stream()
                .map(c -> c.getAnnotation(CommandLine.Command.class).name()).toList();
        assertThat(all).hasSize(29).contains("analyze", "train", "help");
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"-V"},
                new String[] {"help", "analyze"}, new String[] {"analyz"}, new String[] {"--verbose"})) {
            assertThat(registered(args)).as(String.join(" ", args)).containsExactlyElementsOf(all);
        }
    }

    /**
     * Picocli passes every description line through {@code String.format}; a line that is not a valid format (a
     * lone "%" before a letter or a parenthesis) makes the help print a picocli warning and the raw text.
     */
    @Test
    void everyHelpTextIsAValidFormatString() {
        List<String> bad = new ArrayList<>();
        collectBadDescriptions(WorkbenchCommand.commandLine("--help").getCommandSpec(), bad);
        assertThat(bad).isEmpty();
    }

    private static void collectBadDescriptions(CommandLine.Model.CommandSpec spec, List<String> bad) {
        List<String> lines = new ArrayList<>(List.of(spec.usageMessage().description()));
        spec.options().forEach(o -> lines.addAll(List.of(o.description())));
        spec.positionalParameters().forEach(p -> lines.addAll(List.of(p.description())));
        for (String line : lines) {
            try {
                String.format(Locale.ROOT, line);
            } catch (IllegalFormatException e) {
                bad.add(spec.qualifiedName() + ": " + line + " (" + e + ")");
            }
        }
        spec.subcommands().values().forEach(c -> collectBadDescriptions(c.getCommandSpec(), bad));
    }

    @Test
    void theProgramRunsACommandRegisteredAlone() {
        assertThat(WorkbenchCommand.run("hardware", "--help")).isZero();
        assertThat(WorkbenchCommand.run("analyze", "no-such-network")).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void aMissingClassMeansTheFullClassPathOnlyWhenStartedOnTheLightOne() {
        NoClassDefFoundError missing = new NoClassDefFoundError("org/deeplearning4j/nn/conf/graph/GraphVertex");
        RuntimeException wrapped = new IllegalStateException("plugin", missing);
        assertThat(LightClassPath.lacks(wrapped)).isFalse();
        String before = System.getProperty(LightClassPath.PROPERTY);
        System.setProperty(LightClassPath.PROPERTY, "true");
        try {
            assertThat(LightClassPath.lacks(wrapped)).isTrue();
            assertThat(LightClassPath.lacks(new IllegalStateException("other"))).isFalse();
        } finally {
            if (before == null) {
                System.clearProperty(LightClassPath.PROPERTY);
            } else {
                System.setProperty(LightClassPath.PROPERTY, before);
            }
        }
    }
}
