package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.export.Exporters;
import org.cnnworkbench.engine.dl4j.Dl4jModelExporter;
import org.cnnworkbench.engine.dl4j.RunDirectory;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.plugin.ExportException;
import org.cnnworkbench.engine.plugin.ExportRequest;
import org.cnnworkbench.engine.plugin.NetworkExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench export}: a network written by one of the exporters (docs/exports.md). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a network in another form: --to json (the workbench spec), dl4j (a DL4J model zip: "
                + "fresh weights, or with --run a training run's trained model), prototxt (a Caffe deploy "
                + "prototxt), report (a folder with report.md, report.html and the per-layer charts as PNGs), or "
                + "the export of an installed plugin ('workbench plugins' lists them). See docs/exports.md.",
                "Exit status: 0 written, 2 bad input (unknown --to, unreadable spec, a network the format cannot "
                        + "express, a run of another network)."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE-OR-SAMPLE",
            description = "a spec file (.json), a Caffe .prototxt or a sample name (see 'samples'); with --run it "
                    + "may be left out "
                    + "(the run's spec.json)")
    String network;

    @Option(names = "--to", required = true, paramLabel = "ID",
            description = "the export: json, dl4j, prototxt, report, or a plugin's")
    String to;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "TARGET",
            description = "the file to write (a folder for report); replaced only once the new one is complete")
    Path out;

    @Option(names = "--run", paramLabel = "RUN-DIR",
            description = "a training run directory of this network: dl4j writes its trained model")
    Path run;

    @Mixin
    UseEpochOption useEpoch;

    @Override
    public Integer call() {
        Exporters exporters = Exporters.available();
        NetworkExporter exporter;
        try {
            exporter = exporters.require(to);
        } catch (IllegalArgumentException e) {
            throw new UserException("--to: " + e.getMessage());
        }
        if (run != null && !Files.isDirectory(run)) {
            throw new UserException("--run: " + run + " is not a folder");
        }
        if (run == null && spec.commandLine().getParseResult().hasMatchedOption("--use-epoch")) {
            throw new UserException("--use-epoch chooses a model of a training run: give the run with --run");
        }
        if (run == null && exporter.needsTrainedRun()) {
            throw new UserException("--to " + to + " writes a trained model: give its run with --run RUN-DIR");
        }
        LoadedNetwork loaded = network != null ? NetworkSource.load(network, spec.commandLine().getErr()) : runSpec();
        NetworkExporter configured = Exporters.configured(exporter, loaded.layout(), useEpoch.choice());
        try {
            configured.export(new ExportRequest(loaded.spec(), KindRegistry.standard(), Optional.ofNullable(run)),
                    out);
        } catch (ExportException e) {
            throw new UserException(e.getMessage());
        } catch (IOException e) {
            throw new UserException(out + ": cannot write: " + e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("wrote " + out + " (" + exporter.label() + what(exporter) + ")");
        stdout.flush();
        return ExitCodes.OK;
    }

    /** What a DL4J model holds: which weights. */
    private String what(NetworkExporter exporter) {
        if (!(exporter instanceof Dl4jModelExporter)) {
            return "";
        }
        return run == null ? ", freshly initialised weights; --run RUN-DIR writes a trained model"
                : ", trained weights of " + run + ", " + useEpoch.choice().id() + " epoch";
    }

    private LoadedNetwork runSpec() {
        if (run == null) {
            throw new UserException("give the network to export (a spec file or a sample name), or a training run "
                    + "with --run");
        }
        Path file = new RunDirectory(run).specFile();
        if (!Files.isRegularFile(file)) {
            throw new UserException("--run: " + run + " is not a training run directory (no spec.json)");
        }
        try {
            return NetworkJson.read(file);
        } catch (SpecFormatException e) {
            throw new UserException(e.getMessage());
        }
    }
}
