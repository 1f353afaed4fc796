package org.cnnworkbench.app.cli;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.cnnworkbench.engine.plugin.Plugins;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code workbench} command and its subcommands. */
@Command(name = "workbench", mixinStandardHelpOptions = true, version = "CNN Workbench 0.1.0",
        description = "Architect convolutional neural networks: compose layers and Fire modules and see what "
                + "every layer costs.")
public final class WorkbenchCommand implements Runnable {

    /**
     * The subcommands, in the order of the help. Registered in {@link #commandLine(String...)} rather than in the
     * annotation: picocli reflects over every registered command's fields and methods, which loads the classes
     * of their types (DL4J, Spark, JavaFX, JMH) and took a quarter of {@code workbench analyze}'s start-up.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(OpenCommand.class, ScreenshotCommand.class,
            SamplesCommand.class, AnalyzeCommand.class, KindsCommand.class, ExpandCommand.class, ImportCommand.class,
            CompareCommand.class, GenerateCommand.class, EvalKittiCommand.class, SweepCommand.class,
            HardwareCommand.class, EstimateCommand.class, ScalingCommand.class, BenchCommand.class,
            BenchInferCommand.class, DatasetCommand.class, TrainCommand.class, InferCommand.class,
            DetectCommand.class, RunsCommand.class, CompressCommand.class, SensitivityCommand.class,
            CompareModelsCommand.class, ExportCommand.class, PluginsCommand.class, AnchorsCommand.class,
            ViewDetectionsCommand.class, CommandLine.HelpCommand.class);

    @Spec
    CommandSpec spec;

    /** Main starts quiet (ConsoleLogging.configure(false)); given anywhere on the line, this shows INFO too. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "also show the informational log of Deeplearning4j and JavaFX (default: their warnings "
                    + "and errors only)")
    void verbose(boolean on) {
        if (on) {
            ConsoleLogging.configure(true);
        }
    }

    /** Sets the plugin folders before anything loads the plugins (they are discovered once, at first use). */
    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "a folder of plugin jars, instead of $" + Plugins.FOLDERS_ENV
                    + " or ~/.cnn-workbench/plugins (repeat for several)")
    void pluginFolder(List<Path> folders) {
        System.setProperty(Plugins.FOLDERS_PROPERTY, folders.stream().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator)));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs {@code args} as the program does; returns the exit status. */
    public static int run(String... args) {
        CommandLine cli;
        try {
            cli = commandLine(args);
        } catch (LinkageError e) {
            if (LightClassPath.lacks(e)) {
                return ExitCodes.NEEDS_FULL_CLASS_PATH;
            }
            throw e;
        }
        return cli.execute(args);
    }

    /** A command line with every subcommand and the workbench's error handling. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * A command line to run {@code args}: with only the subcommand they name when they name one (so a command
     * pays for its own classes alone), else with all of them (help, version, a mistyped name and its
     * suggestions). User mistakes become one line on stderr.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new WorkbenchCommand());
        String named = commandName(args);
        List<Class<?>> chosen = SUBCOMMANDS.stream().filter(c -> names(c).contains(named)).toList();
        for (Class<?> command : chosen.isEmpty() || named.equals("help") ? SUBCOMMANDS : chosen) {
            cli.addSubcommand(command);
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> CommandFailures.failed(e,
                commandLine.getErr()));
        cli.setExecutionStrategy(WorkbenchCommand::executeGuarded);
        cli.setParameterExceptionHandler((e, given) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("workbench: error: " + e.getMessage());
            err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return ExitCodes.BAD_INPUT;
        });
        return cli;
    }

    /** The first argument that is not one of the top-level options ({@code --verbose}, {@code --plugins DIR}). */
    static String commandName(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--plugins")) {
                i++;
            } else if (!args[i].equals("--verbose") && !args[i].startsWith("--plugins=")) {
                return args[i];
            }
        }
        return "";
    }

    private static List<String> names(Class<?> command) {
        Command annotation = command.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(annotation.aliases()));
        names.add(annotation.name());
        return names;
    }

    /**
     * One line on stderr per plugin that did not load (never fatal); {@code workbench plugins} lists them itself,
     * and help and version need no plugins.
     */
    private static void warnAboutSkippedPlugins(CommandLine.ParseResult parseResult) {
        if (needsPlugins(parseResult) && !isCommand(parseResult, PluginsCommand.class)) {
            CommandFailures.warnAboutSkippedPlugins(parseResult.commandSpec().commandLine().getErr());
        }
    }

    /** Whether the command line runs a command (not help or version), which then sees the installed plugins. */
    static boolean needsPlugins(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult last = lastOf(parseResult);
        Object command = last.commandSpec().userObject();
        return !(last.isUsageHelpRequested() || last.isVersionHelpRequested() || command instanceof WorkbenchCommand
                || command instanceof CommandLine.HelpCommand);
    }

    private static boolean isCommand(CommandLine.ParseResult parseResult, Class<?> type) {
        return type.isInstance(lastOf(parseResult).commandSpec().userObject());
    }

    private static CommandLine.ParseResult lastOf(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last;
    }

    /** Runs the parsed command; an {@link Error} that escapes it becomes one line ({@link CommandFailures}). */
    private static int executeGuarded(CommandLine.ParseResult parseResult) {
        return CommandFailures.guarded(() -> {
            if (LightClassPath.lacksForPlugins(parseResult)) {
                return ExitCodes.NEEDS_FULL_CLASS_PATH;   // nothing written yet: ./workbench starts it again
            }
            warnAboutSkippedPlugins(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        }, parseResult.commandSpec().commandLine().getErr());
    }
}
