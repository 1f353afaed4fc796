package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.SpecExpander;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench expand}: the spec with composites (Fire modules) replaced by their primitive layers. */
@Command(name = "expand", mixinStandardHelpOptions = true,
        description = "Write the network with every composite (e.g. fire) expanded into primitive layers.")
final class ExpandCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE-OR-SAMPLE", description = "a spec file (.json) or a sample name")
    String network;

    @Option(names = {"-o", "--out"}, description = "write to this file (atomically) instead of stdout")
    Path out;

    @Override
    public void run() {
        LoadedNetwork loaded = NetworkSource.load(network, spec.commandLine().getErr());
        NetworkSpec expanded;
        try {
            expanded = SpecExpander.expand(loaded.spec(), Analyzer.standard().kinds());
        } catch (IllegalArgumentException e) {
            throw new UserException(loaded.source() + ": " + e.getMessage());
        }
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(NetworkJson.write(expanded));
            w.flush();
            return;
        }
        try {
            NetworkJson.write(expanded, out);
        } catch (IOException e) {
            throw new UserException(out + ": cannot write: " + e.getMessage());
        }
    }
}
