package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.report.ComparisonTable;
import org.cnnworkbench.engine.compression.CompressionDefaults;
import org.cnnworkbench.engine.dl4j.ModelComparison;
import org.cnnworkbench.engine.io.AtomicFiles;
import org.cnnworkbench.engine.model.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench compare-models}: the talk's table of architectures and compressed variants from real runs. */
@Command(name = "compare-models", mixinStandardHelpOptions = true,
        description = {"Put trained and compressed runs side by side: approach, architecture, original size, "
                + "compressed size (bytes on disk), reduction against the baseline (the first run), measured top-1 "
                + "and top-5 (docs/compression.md).",
                "--analytic adds rows computed from a spec with the published compression settings, before "
                + "training and before Huffman coding."})
final class CompareModelsCommand implements Callable<Integer> {

    enum Format { text, csv, markdown }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN-DIR", arity = "0..*", description = "run directories; the first is the baseline")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--analytic", split = ",", paramLabel = "SPEC", description = "specs or samples for analytic "
            + "rows (the network at 32 bits and with Deep Compression's defaults), e.g. alexnet,squeezenet-v1.0")
    List<String> analytic = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|csv|markdown",
            description = "output format (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "write to FILE instead of the terminal")
    Path out;

    @Override
    public Integer call() {
        if (runs.isEmpty() && analytic.isEmpty()) {
            throw new UserException("compare-models needs run directories and/or --analytic SPEC");
        }
        List<ModelComparison.Row> rows = new ArrayList<>();
        try {
            rows.addAll(ModelComparison.ofRuns(runs));
        } catch (IOException e) {
            throw new UserException(e.getMessage());
        }
        List<ModelComparison.Row> analyticRows = new ArrayList<>();
        for (String name : analytic) {
            NetworkSpec network = NetworkSource.load(name, spec.commandLine().getErr()).spec();
            analyticRows.add(ModelComparison.analyticDense(network));
            analyticRows.add(ModelComparison.analytic(network, CompressionDefaults.forSpec(network),
                    "Deep Compression"));
        }
        long analyticBaseline = analyticRows.isEmpty() ? 0 : analyticRows.get(0).originalBytes();
        rows.addAll(ModelComparison.withReduction(analyticRows, analyticBaseline));
        String text = switch (format) {
            case text -> ComparisonTable.text(rows);
            case csv -> ComparisonTable.csv(rows);
            case markdown -> ComparisonTable.markdown(rows);
        };
        ModelComparison.validationMismatch(rows)
                .ifPresent(m -> spec.commandLine().getErr().println("workbench: warning: " + m));
        PrintWriter w = spec.commandLine().getOut();
        if (out != null) {
            try {
                AtomicFiles.writeString(out, text);
            } catch (IOException e) {
                throw new UserException(out + ": " + e.getMessage());
            }
            w.println("wrote " + out);
        } else {
            w.print(text);
        }
        w.flush();
        return ExitCodes.OK;
    }
}
