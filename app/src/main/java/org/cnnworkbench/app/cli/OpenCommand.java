package org.cnnworkbench.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench open}: the desktop workbench with a network (what {@code ./workbench} alone runs). */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = "Open the desktop workbench with a network (default: SqueezeNet v1.0).")
final class OpenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE-OR-SAMPLE", defaultValue = PlainOpen.DEFAULT_NETWORK,
            description = "a spec file, a Caffe .prototxt or a sample name (default: ${DEFAULT-VALUE})")
    String network;

    @Override
    public Integer call() {
        return PlainOpen.open(network, spec.commandLine().getErr());
    }
}
