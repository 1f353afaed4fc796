package org.cnnworkbench.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code workbench dataset}: the training data - Fashion-MNIST, ImageNet-style image folders and KITTI. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Inspect data sets, write Fashion-MNIST as an image folder, draw and check KITTI-format "
                + "detection data (docs/data.md, docs/kitti-data.md).",
        subcommands = {DatasetInfoCommand.class, DatasetExportCommand.class, DatasetSynthKittiCommand.class,
            DatasetCheckCommand.class})
final class DatasetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
