package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.data.ClassSubset;
import org.cnnworkbench.engine.data.FashionMnist;
import org.cnnworkbench.engine.data.ImageEntry;
import org.cnnworkbench.engine.data.ImageDecoder;
import org.cnnworkbench.engine.data.ImageFolderDataset;
import org.cnnworkbench.engine.data.ImageIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench dataset info}: classes and image counts of Fashion-MNIST or an image folder. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Print the classes and image counts of a data set: 'fashion-mnist' (the IDX files of the "
                + "Debian package dataset-fashion-mnist), an ImageNet-style folder with train/ and val/ (or one "
                + "split folder of <class>/<image> folders), or, with --ground-truth, a folder of ILSVRC2012 "
                + "validation images.",
                "Every image is decoded unless --no-verify is given; unreadable images are counted and named."})
final class DatasetInfoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "fashion-mnist|DIR", description = "the data set")
    String dataset;

    @Option(names = "--ground-truth", paramLabel = "FILE",
            description = "DIR holds ILSVRC2012_val_*.JPEG; FILE has one label per line (1-based, as the devkit's)")
    Path groundTruth;

    @Option(names = "--synsets", paramLabel = "FILE",
            description = "with --ground-truth: the class name of label 1, 2, ... one per line")
    Path synsets;

    @Option(names = "--no-verify", description = "count files without decoding them")
    boolean noVerify;

    @Option(names = "--fashion-dir", paramLabel = "DIR",
            description = "for fashion-mnist: the folder of the IDX files (default: /usr/share/datasets/fashion-mnist)")
    Path fashionDir = FashionMnist.DEFAULT_DIRECTORY;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (dataset.equals("fashion-mnist")) {
                fashionMnist(out);
            } else {
                folder(Path.of(dataset), out);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        out.flush();
    }

    private void fashionMnist(PrintWriter out) throws IOException {
        FashionMnist data = FashionMnist.open(fashionDir);
        FashionMnist.Split train = data.load(FashionMnist.Subset.TRAIN, Integer.MAX_VALUE);
        FashionMnist.Split test = data.load(FashionMnist.Subset.TEST, Integer.MAX_VALUE);
        out.println("fashion-mnist (" + data.directory() + "): " + FashionMnist.CLASS_NAMES.size() + " classes, "
                + train.rows() + "x" + train.columns() + " grey images");
        TextTable table = new TextTable("label", "class", "folder", "train", "test");
        int[] trainCounts = train.classCounts();
        int[] testCounts = test.classCounts();
        for (int c = 0; c < trainCounts.length; c++) {
            table.row(Integer.toString(c), FashionMnist.CLASS_NAMES.get(c), FashionMnist.FOLDER_NAMES.get(c),
                    TextTable.count(trainCounts[c]), TextTable.count(testCounts[c]));
        }
        table.row("", "total", "", TextTable.count(train.size()), TextTable.count(test.size()));
        table.print(out);
    }

    private void folder(Path dir, PrintWriter out) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UserException(dir + ": no such folder (give 'fashion-mnist' or an image folder)");
        }
        Map<String, ImageIndex> splits = new LinkedHashMap<>();
        if (groundTruth != null) {
            List<String> names = synsets == null ? null : Files.readAllLines(synsets).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.split("\\s+")[0]).toList();
            List<String> classes = names != null ? names.stream().sorted().distinct().toList()
                    : Files.readAllLines(groundTruth).stream().map(String::strip).filter(s -> !s.isEmpty())
                            .distinct().sorted((a, b) -> Integer.compare(parse(a), parse(b))).toList();
            splits.put(dir.toString(), ImageIndex.ilsvrcValidation(dir, groundTruth, names, 1, classes, 0));
        } else if (Files.isDirectory(dir.resolve("train")) || Files.isDirectory(dir.resolve("val"))) {
            for (String split : List.of("train", "val")) {
                if (Files.isDirectory(dir.resolve(split))) {
                    splits.put(split, ImageIndex.scanFolder(dir.resolve(split), ClassSubset.all(), 0));
                }
            }
        } else {
            splits.put(dir.toString(), ImageIndex.scanFolder(dir, ClassSubset.all(), 0));
        }
        Map<Path, String> unreadable = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>();
        for (ImageIndex index : splits.values()) {
            for (String c : index.classes()) {
                if (!classes.contains(c)) {
                    classes.add(c);
                }
            }
        }
        classes.sort(null);
        List<String> header = new ArrayList<>(List.of("class"));
        header.addAll(splits.keySet());
        TextTable table = new TextTable(header.toArray(String[]::new));
        long[][] counts = new long[splits.size()][classes.size()];
        long[] totals = new long[splits.size()];
        int s = 0;
        for (ImageIndex index : splits.values()) {
            for (ImageEntry e : index.entries()) {
                if (!noVerify) {
                    ImageDecoder.Result decoded = ImageDecoder.decode(e.path());
                    if (decoded.image().isEmpty()) {
                        unreadable.put(e.path(), decoded.problem());
                        continue;
                    }
                }
                counts[s][classes.indexOf(index.classes().get(e.label()))]++;
                totals[s]++;
            }
            s++;
        }
        out.println(dir + ": " + classes.size() + " classes" + (noVerify ? " (images not decoded)" : ""));
        for (int c = 0; c < classes.size(); c++) {
            List<String> row = new ArrayList<>(List.of(classes.get(c)));
            for (long[] split : counts) {
                row.add(TextTable.count(split[c]));
            }
            table.row(row.toArray(String[]::new));
        }
        List<String> total = new ArrayList<>(List.of("total"));
        for (long t : totals) {
            total.add(TextTable.count(t));
        }
        table.row(total.toArray(String[]::new));
        table.print(out);
        ImageFolderDataset.warning(unreadable).ifPresent(w -> {
            PrintWriter err = spec.commandLine().getErr();
            err.println("workbench: warning: " + w);
            err.flush();
        });
    }

    private static int parse(String label) {
        try {
            return Integer.parseInt(label);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
