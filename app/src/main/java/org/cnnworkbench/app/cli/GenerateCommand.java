package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.cnnworkbench.engine.design.SqueezeNetGenerator;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.io.NetworkJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench generate}: a SqueezeNet-style network from the paper's metaparameters. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a SqueezeNet-style network from the metaparameters of Iandola et al. 2016 "
                + "(Section 5). The defaults give exactly the squeezenet-v1.0 sample.",
                "Fire module i (0-based) has e = base_e + incr_e * floor(i / freq) expand filters, "
                        + "round(pct_3x3 * e) of them 3x3, and max(1, round(SR * e)) squeeze filters."})
final class GenerateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    MetaparameterOptions metaparameters;

    @Option(names = {"-o", "--out"}, description = "write to this file (atomically) instead of stdout")
    Path out;

    @Option(names = "--name", description = "the network's name (default: squeezenet-generated)")
    String name;

    @Override
    public void run() {
        NetworkSpec generated;
        try {
            generated = SqueezeNetGenerator.generate(metaparameters.toMetaparameters());
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        if (name != null) {
            generated = generated.withName(name);
        }
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(NetworkJson.write(generated));
            w.flush();
            return;
        }
        try {
            NetworkJson.write(generated, out);
        } catch (IOException e) {
            throw new UserException(out + ": cannot write: " + e.getMessage());
        }
    }
}
