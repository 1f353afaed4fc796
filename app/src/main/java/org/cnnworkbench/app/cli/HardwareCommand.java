package org.cnnworkbench.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.hardware.HardwareProfile;
import org.cnnworkbench.samples.HardwareProfiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code workbench hardware}: the shipped hardware profiles. */
@Command(name = "hardware", mixinStandardHelpOptions = true,
        description = "List the hardware profiles for 'estimate' and 'scaling' (sources: "
                + "sample-networks/hardware/*.json; a profile file of your own works too).")
final class HardwareCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        TextTable table = new TextTable("name", "peak GFLOP/s", "GB/s", "on-chip MiB", "W", "ridge FLOP/B", "title");
        for (HardwareProfile p : HardwareProfiles.list()) {
            table.row(p.name(), String.format(Locale.ROOT, "%,.0f", p.peakFlops() / 1e9),
                    String.format(Locale.ROOT, "%,.1f", p.memoryBandwidth() / 1e9),
                    String.format(Locale.ROOT, "%.2f", p.onChipBytes() / (double) (1 << 20)),
                    String.format(Locale.ROOT, "%.1f", p.powerWatts()),
                    String.format(Locale.ROOT, "%.1f", p.ridgeIntensity()), p.title());
        }
        table.print(out);
        out.flush();
    }
}
