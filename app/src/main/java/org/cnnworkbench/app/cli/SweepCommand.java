package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.cnnworkbench.engine.design.DesignSweep;
import org.cnnworkbench.engine.design.SweepAxis;
import org.cnnworkbench.engine.design.SweepPoint;
import org.cnnworkbench.engine.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench sweep}: one or two SqueezeNet metaparameters over a range, as CSV. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Sweep one or two SqueezeNet metaparameters (base_e, incr_e, freq, pct_3x3, sr) over a "
                + "range and write each point's params, MACs, activations, 32-bit model size and compressed size "
                + "(SqueezeNet paper's Deep Compression settings, estimated; docs/compression.md) as CSV.",
                "The other metaparameters come from the options (defaults: SqueezeNet v1.0). The accuracy column "
                        + "stays empty until trained results exist."})
final class SweepCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--param", required = true, paramLabel = "NAME",
            description = "the swept metaparameter: base_e, incr_e, freq, pct_3x3 or sr")
    String param;

    @Option(names = "--from", required = true, paramLabel = "VALUE", description = "first value")
    double from;

    @Option(names = "--to", required = true, paramLabel = "VALUE", description = "last value")
    double to;

    @Option(names = "--steps", paramLabel = "N", description = "number of values, ends included (default: 8)")
    int steps = 8;

    @Option(names = "--param2", paramLabel = "NAME", description = "a second swept metaparameter (one curve per value)")
    String param2;

    @Option(names = "--from2", paramLabel = "VALUE", description = "first value of --param2")
    Double from2;

    @Option(names = "--to2", paramLabel = "VALUE", description = "last value of --param2")
    Double to2;

    @Option(names = "--steps2", paramLabel = "N", description = "number of values of --param2 (default: 3)")
    int steps2 = 3;

    @Mixin
    MetaparameterOptions metaparameters;

    @Option(names = {"-o", "--out"}, description = "write the CSV to this file (atomically) instead of stdout")
    Path out;

    @Override
    public void run() {
        String csv;
        try {
            SweepAxis x = new SweepAxis(param, from, to, steps);
            SweepAxis y = secondAxis();
            List<SweepPoint> points = DesignSweep.sweep(metaparameters.toMetaparameters(), x, y);
            csv = DesignSweep.toCsv(points);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(csv);
            w.flush();
            return;
        }
        try {
            AtomicFiles.writeString(out, csv);
        } catch (IOException e) {
            throw new UserException(out + ": cannot write: " + e.getMessage());
        }
    }

    private SweepAxis secondAxis() {
        if (param2 == null) {
            if (from2 != null || to2 != null) {
                throw new UserException("--from2/--to2 need --param2, the second metaparameter to sweep");
            }
            return null;
        }
        if (from2 == null || to2 == null) {
            throw new UserException("--param2 " + param2 + " needs --from2 and --to2");
        }
        return new SweepAxis(param2, from2, to2, steps2);
    }
}
