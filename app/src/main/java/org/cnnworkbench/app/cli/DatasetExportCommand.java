package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.data.FashionMnist;
import org.cnnworkbench.engine.data.FashionMnistExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench dataset export-folder}: Fashion-MNIST as an ImageNet-style folder of PNGs. */
@Command(name = "export-folder", mixinStandardHelpOptions = true,
        description = {"Write Fashion-MNIST (or part of it) as an ImageNet-style folder of 28x28 grey PNGs: "
                + "OUT/train/<class>/<index>.png from the training set and OUT/val/<class>/<index>.png from the "
                + "test set. Class folders are 0-tshirt-top ... 9-ankle-boot, so their sorted order is the "
                + "label order; <index> is the image's position in the IDX file.",
                "The folder is written under a temporary name and renamed when complete."})
final class DatasetExportCommand implements Runnable {

    enum SplitChoice { train, test, both }

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "the folder to create (must not exist, or be empty)")
    Path out;

    @Option(names = "--split", defaultValue = "both", paramLabel = "train|test|both",
            description = "which set to write (default: ${DEFAULT-VALUE}); test goes to OUT/val")
    SplitChoice split;

    @Option(names = "--classes", defaultValue = "10", paramLabel = "N",
            description = "the first N classes (default: all ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--per-class", defaultValue = "0", paramLabel = "M",
            description = "at most M images per class, the first in file order (default: 0, all)")
    int perClass;

    @Option(names = "--source", paramLabel = "DIR",
            description = "the folder with the IDX files (default: /usr/share/datasets/fashion-mnist)")
    Path source = FashionMnist.DEFAULT_DIRECTORY;

    @Override
    public void run() {
        if (classes < 1 || classes > FashionMnist.CLASS_NAMES.size()) {
            throw new UserException("--classes must be 1..10, not " + classes);
        }
        if (perClass < 0) {
            throw new UserException("--per-class must be 0 (all) or more, not " + perClass);
        }
        Set<FashionMnist.Subset> subsets = switch (split) {
            case train -> EnumSet.of(FashionMnist.Subset.TRAIN);
            case test -> EnumSet.of(FashionMnist.Subset.TEST);
            case both -> EnumSet.allOf(FashionMnist.Subset.class);
        };
        Map<FashionMnist.Subset, int[]> written;
        try {
            written = FashionMnistExport.export(FashionMnist.open(source), out, subsets, classes, perClass);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        PrintWriter w = spec.commandLine().getOut();
        TextTable table = new TextTable("folder", "classes", "images");
        for (Map.Entry<FashionMnist.Subset, int[]> e : written.entrySet()) {
            table.row(out.resolve(FashionMnistExport.folderName(e.getKey())).toString(),
                    Integer.toString(e.getValue().length),
                    TextTable.count(IntStream.of(e.getValue()).sum()));
        }
        table.print(w);
        w.flush();
    }
}
