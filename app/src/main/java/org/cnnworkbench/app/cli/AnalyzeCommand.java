package org.cnnworkbench.app.cli;

import java.io.PrintWriter;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.app.report.ReportView;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.SourceLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench analyze}: the per-layer table and totals of a network. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse a network: output shape, parameters, MACs and activations of every layer, and "
                + "the network's totals, model size and peak activation memory.",
                "Diagnostics go to stderr as FILE:LINE:COLUMN: severity in 'node': message.",
                "Exit status: 0 valid, 1 the network has errors (the report is still printed), 2 bad input."})
final class AnalyzeCommand implements java.util.concurrent.Callable<Integer> {

    enum Format { table, json, csv }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE-OR-SAMPLE",
            description = "a spec file (.json), a Caffe .prototxt or a sample name (see 'samples')")
    String network;

    @Option(names = "--format", defaultValue = "table",
            description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--bits", defaultValue = "32", description = "bits per parameter for modelBytes "
            + "(default: ${DEFAULT-VALUE})")
    int bits;

    @Option(names = "--batch", defaultValue = "1", description = "batch size for peak activation memory "
            + "(default: ${DEFAULT-VALUE})")
    int batch;

    @Override
    public Integer call() {
        if (bits < 1 || bits > 64) {
            throw new UserException("--bits must be between 1 and 64, not " + bits);
        }
        if (batch < 1) {
            throw new UserException("--batch must be at least 1, not " + batch);
        }
        LoadedNetwork loaded = NetworkSource.load(network, spec.commandLine().getErr());
        AnalysisReport report = Analyzer.standard().analyze(loaded.spec());
        PrintWriter out = spec.commandLine().getOut();
        ReportView view = new ReportView(report, bits, batch);
        switch (format) {
            case table -> view.printTable(out);
            case json -> out.println(view.toJson(loaded));
            case csv -> out.print(view.toCsv());
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (Diagnostic d : report.diagnostics()) {
            err.println(where(loaded, d) + d);
        }
        err.flush();
        return report.isValid() ? ExitCodes.OK : ExitCodes.INVALID_NETWORK;
    }

    static String where(LoadedNetwork loaded, Diagnostic d) {
        SourceLocation at = loaded.locationOf(d.node());
        return SourceLocation.where(loaded.source(), at) + ": ";
    }
}
