package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.dl4j.DetectionRunInfo;
import org.cnnworkbench.engine.dl4j.RunDirectory;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.dl4j.SweepTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench runs}: the training runs in a folder with their summaries. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List the training run directories in a folder (or that one run) with their summaries.",
                "A damaged or missing file of a run is named on stderr, one line each, and the exit status is 2."})
final class RunsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "a folder of run directories, or a trained sweep's folder (default: the current folder)")
    Path dir;

    @Override
    public Integer call() {
        List<Path> runs;
        try {
            // a sweep folder keeps its runs in runs/
            runs = RunDirectory.findRuns(SweepTrainer.isSweep(dir) ? dir.resolve("runs") : dir);
        } catch (IOException e) {
            throw new UserException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (runs.isEmpty()) {
            out.println("no training runs in " + dir);
            out.flush();
            return ExitCodes.OK;
        }
        TextTable table = new TextTable("run", "network", "status", "epochs", "best top-1 (epoch)", "last top-1",
                "last top-5", "params", "model", "img/s", "wall");
        List<String> problems = new ArrayList<>();
        for (Path run : runs) {
            try {
                RunDirectory directory = new RunDirectory(run);
                RunDirectory.Overview o = directory.overview();
                OptionalLong compressed = directory.compressedModelBytes();
                Optional<RunSummary> s = o.summary();
                String epochs = o.completedEpochs() + "/" + o.config().epochs();
                String status = s.map(x -> x.status().name().toLowerCase(Locale.ROOT)).orElse("unfinished")
                        // a detection run's accuracy columns hold its KITTI mean AP (Moderate, Easy)
                        + (DetectionRunInfo.isDetectionRun(run) ? " (detection: mAP)" : "");
                table.row(run.getFileName().toString(), o.network(),
                        o.problems().isEmpty() ? status : status + ", damaged", epochs,
                        directory.best().map(b -> TextTable.accuracy(b.top1()) + " (" + b.epoch() + ")").orElse(""),
                        s.map(x -> TextTable.accuracy(x.top1())).orElse(""), s.map(x -> TextTable.accuracy(x.top5())).orElse(""),
                        s.map(x -> TextTable.count(x.params())).orElse(""),
                        compressed.isPresent() ? TextTable.count(compressed.getAsLong()) + " B .cwbz"
                                : s.map(x -> TextTable.count(x.modelBytes()) + " B").orElse(""),
                        s.map(x -> String.format(Locale.ROOT, "%.0f", x.imagesPerSecond())).orElse(""),
                        s.map(x -> String.format(Locale.ROOT, "%.1f s", x.wallSeconds())).orElse(""));
                problems.addAll(o.problems());
            } catch (IOException e) {
                table.row(run.getFileName().toString(), "?", "damaged", "", "", "", "", "", "", "", "");
                problems.add(e.getMessage());
            }
        }
        table.print(out);
        out.flush();
        if (problems.isEmpty()) {
            return ExitCodes.OK;
        }
        // one line per damaged file; the rows above show what could be read
        PrintWriter err = spec.commandLine().getErr();
        problems.forEach(p -> err.println("workbench: error: " + p));
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

}
