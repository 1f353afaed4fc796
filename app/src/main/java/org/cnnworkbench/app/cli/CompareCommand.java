package org.cnnworkbench.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.report.CompareReport;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.whatif.Comparison;
import org.cnnworkbench.engine.whatif.IncomparableNetworksException;
import org.cnnworkbench.engine.whatif.NetworkComparator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench compare}: two networks side by side, the ratios b/a and whether the change is local. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two networks (e.g. before and after an edit): both totals, the ratios b/a of "
                + "output (activations of the convolutions), parameters and MACs, the layers that differ "
                + "(matched by id), and whether the change is LOCAL or GLOBAL (see docs/whatif.md).",
                "Exit status: 0 compared, 2 bad input (unreadable file, a network with errors, no layer id "
                        + "in common)."})
final class CompareCommand implements Callable<Integer> {

    enum Format { table, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A",
            description = "the first network: a spec file, a .prototxt or a sample name")
    String first;

    @Parameters(index = "1", paramLabel = "B",
            description = "the second network: a spec file, a .prototxt or a sample name")
    String second;

    @Option(names = "--format", defaultValue = "table",
            description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
        AnalysisReport a = Analyzer.standard().analyze(NetworkSource.load(first, spec.commandLine().getErr()).spec());
        AnalysisReport b = Analyzer.standard().analyze(NetworkSource.load(second, spec.commandLine().getErr()).spec());
        Comparison comparison;
        try {
            comparison = NetworkComparator.compare(a, b);
        } catch (IncomparableNetworksException e) {
            throw new UserException("cannot compare " + first + " and " + second + ": " + e.getMessage());
        }
        CompareReport report = new CompareReport(comparison);
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case table -> report.printTable(out);
            case json -> out.println(report.toJson());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
