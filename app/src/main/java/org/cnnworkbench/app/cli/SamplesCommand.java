package org.cnnworkbench.app.cli;

import java.io.PrintWriter;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.samples.SampleNetworks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code workbench samples}: the reference networks that can be opened by name. */
@Command(name = "samples", mixinStandardHelpOptions = true,
        description = "List the sample networks (open one by name, e.g. 'workbench analyze squeezenet-v1.0').")
final class SamplesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        TextTable table = new TextTable("name", "title", "published params", "file");
        for (SampleNetworks.Sample s : SampleNetworks.list()) {
            Long params = s.expected().params();
            table.row(s.name(), s.title(), params == null ? "-" : TextTable.count(params),
                    "sample-networks/networks/" + s.file());
        }
        table.print(out);
        out.flush();
    }
}
