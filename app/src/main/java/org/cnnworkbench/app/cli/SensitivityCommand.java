package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.report.SensitivityCsv;
import org.cnnworkbench.app.report.SensitivityPlans;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.Sensitivity;
import org.cnnworkbench.engine.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench sensitivity}: per-layer accuracy against density (or bits), one layer at a time. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true,
        description = {"Per-layer sensitivity of a trained run: prune (or quantize) one layer at a time, without "
                + "fine-tuning, over a range of densities (bit widths) and measure the validation accuracy; one line "
                + "per point as it is measured, and a CSV for `compress --sensitivity` (docs/compression.md).",
                "Ctrl+C stops after the current point and writes what was measured."})
final class SensitivityCommand implements Callable<Integer> {

    enum MethodChoice { prune, quantize }

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "RUN-DIR", description = "the trained run")
    Path model;

    @Option(names = "--method", defaultValue = "prune", paramLabel = "prune|quantize",
            description = "vary the density or the bits (default: ${DEFAULT-VALUE})")
    MethodChoice method;

    @Option(names = "--values", split = ",", paramLabel = "V", description = "densities (default: 1,0.8,0.6,0.5,"
            + "0.4,0.3,0.2,0.1,0.05) or bits (default: 8,7,6,5,4,3,2)")
    List<Double> values;

    @Option(names = "--layers", split = ",", paramLabel = "LAYER", description = "only these layers (default: "
            + "every conv and fc layer)")
    List<String> layers = List.of();

    @Option(names = "--val-limit", defaultValue = "2000", paramLabel = "N",
            description = "validation images per point (0: the run's validation set; default: ${DEFAULT-VALUE})")
    int valLimit;

    @Mixin
    UseEpochOption useEpoch;

    @Option(names = {"-o", "--out"}, paramLabel = "CSV", description = "write the curves to this CSV file")
    Path out;

    static final List<Double> DENSITIES = SensitivityPlans.DENSITIES;
    static final List<Double> BITS = SensitivityPlans.BITS;

    @Override
    public Integer call() {
        PrintWriter outWriter = spec.commandLine().getOut();
        Sensitivity.Method m = method == MethodChoice.prune ? Sensitivity.Method.PRUNE : Sensitivity.Method.QUANTIZE;
        List<Double> chosen = values != null ? values : m == Sensitivity.Method.PRUNE ? DENSITIES : BITS;
        try (SignalStop stop = SignalStop.install("sensitivity", "stopping after the current point")) {
            List<Sensitivity.Point> points = Sensitivity.measure(model, useEpoch.choice(), m, chosen, layers,
                    valLimit, p -> {
                        outWriter.println(line(m, p));
                        outWriter.flush();
                    }, stop.cancel());
            if (out != null) {
                AtomicFiles.writeString(out, SensitivityCsv.write(m, points));
                outWriter.println("wrote " + out);
            }
            return stop.cancel().get() ? ExitCodes.CANCELLED : ExitCodes.OK;
        } catch (Dl4jConversionException | IllegalArgumentException | IOException e) {
            throw new UserException(e.getMessage());
        }
    }

    static String line(Sensitivity.Method m, Sensitivity.Point p) {
        if (p.layer().isEmpty()) {
            return String.format(Locale.ROOT, "unchanged model: top-1 %.2f%%, top-5 %.2f%%", 100 * p.top1(),
                    100 * p.top5());
        }
        return String.format(Locale.ROOT, "%-20s %s %-5s top-1 %6.2f%%  top-5 %6.2f%%", p.layer(),
                m == Sensitivity.Method.PRUNE ? "density" : "bits", m == Sensitivity.Method.PRUNE
                        ? String.format(Locale.ROOT, "%.2f", p.value()) : Integer.toString((int) p.value()),
                100 * p.top1(), 100 * p.top5());
    }
}
