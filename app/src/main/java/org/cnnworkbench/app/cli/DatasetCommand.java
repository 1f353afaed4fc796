package org.cnnworkbench.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code workbench dataset}: the training data - Fashion-MNIST and ImageNet-style image folders. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Inspect data sets and write Fashion-MNIST as an image folder (docs/data.md).",
        subcommands = {DatasetInfoCommand.class, DatasetExportCommand.class})
final class DatasetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
