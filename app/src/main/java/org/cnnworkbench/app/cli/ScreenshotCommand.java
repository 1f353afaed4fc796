package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.ui.Screenshots;
import org.cnnworkbench.engine.io.LoadedNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code workbench screenshot}: the main window rendered offscreen to a PNG. */
@Command(name = "screenshot", mixinStandardHelpOptions = true,
        description = "Render the main window with a network (or, with --runs, the Training Runs window; with "
                + "--compare, the Model Comparison window; with --sweep, the Design-Space Sweep window) to a PNG, "
                + "without needing a display.")
final class ScreenshotCommand implements Callable<Integer> {

    @Option(names = "--network", defaultValue = "squeezenet-v1.0",
            description = "a spec file or a sample name (default: ${DEFAULT-VALUE})")
    String network;

    @Option(names = "--out", required = true, description = "the PNG file to write")
    Path out;

    @Option(names = "--width", defaultValue = "1440", description = "window width (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "900", description = "window height (default: ${DEFAULT-VALUE})")
    int height;

    @Option(names = "--select", description = "select this node first (its properties show on the right)")
    String select;

    @Option(names = "--runs", paramLabel = "DIR",
            description = "render the Training Runs window for this folder of run directories instead")
    Path runs;

    @Option(names = "--run", paramLabel = "NAME", description = "with --runs: select this run (its chart shows)")
    String run;

    @Option(names = "--compare", arity = "1..*", paramLabel = "RUN-DIR", description = "render the Model "
            + "Comparison window of these runs (the first is the baseline) instead")
    java.util.List<Path> compare;

    @Option(names = "--sweep", paramLabel = "SWEEP-DIR", description = "render the Design-Space Sweep window "
            + "with this trained sweep opened instead")
    Path sweep;

    @Override
    public Integer call() {
        if (width < 200 || height < 200 || width > 8000 || height > 8000) {
            throw new UserException("--width and --height must be between 200 and 8000");
        }
        if (runs != null) {
            return renderRuns();
        }
        if (compare != null) {
            return renderComparison();
        }
        if (sweep != null) {
            if (!org.cnnworkbench.engine.dl4j.SweepTrainer.isSweep(sweep)) {
                throw new UserException("--sweep: " + sweep + " is not a trained sweep (no sweep.json)");
            }
            try {
                Screenshots.renderSweep(sweep, width, height, out);
            } catch (IOException e) {
                throw new UserException(out + ": cannot write: " + e.getMessage());
            }
            spec().commandLine().getOut().println("wrote " + out);
            spec().commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        LoadedNetwork loaded = NetworkSource.load(network, spec.commandLine().getErr());
        if (select != null && !loaded.spec().contains(select)) {
            throw new UserException("--select: there is no node '" + select + "' in " + loaded.spec().name());
        }
        Path file = Files.isRegularFile(Path.of(network)) ? Path.of(network) : null;
        try {
            Screenshots.render(loaded, file, select, width, height, out);
        } catch (IOException e) {
            throw new UserException(out + ": cannot write: " + e.getMessage());
        }
        spec().commandLine().getOut().println("wrote " + out);
        spec().commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private int renderRuns() {
        if (!Files.isDirectory(runs)) {
            throw new UserException("--runs: " + runs + " is not a folder");
        }
        if (run != null && !org.cnnworkbench.engine.dl4j.RunDirectory.isRun(runs.resolve(run))) {
            throw new UserException("--run: " + runs.resolve(run) + " is not a training run directory");
        }
        try {
            Screenshots.renderRuns(runs, run, width, height, out);
        } catch (IOException e) {
            throw new UserException(out + ": cannot write: " + e.getMessage());
        }
        spec().commandLine().getOut().println("wrote " + out);
        spec().commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private int renderComparison() {
        for (Path run : compare) {
            if (!Files.isDirectory(run)) {
                throw new UserException("--compare: " + run + " is not a folder");
            }
        }
        try {
            Screenshots.renderComparison(compare, width, height, out);
        } catch (IOException e) {
            throw new UserException(out + ": cannot write: " + e.getMessage());
        }
        spec().commandLine().getOut().println("wrote " + out);
        spec().commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private picocli.CommandLine.Model.CommandSpec spec() {
        return spec;
    }
}
