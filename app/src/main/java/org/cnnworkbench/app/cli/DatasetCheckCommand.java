package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.data.kitti.KittiCheck;
import org.cnnworkbench.engine.data.kitti.KittiClassMap;
import org.cnnworkbench.engine.data.kitti.KittiDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench dataset check}: the linter for a KITTI folder, run before training. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a KITTI object folder (DIR/training/image_2 and label_2, or the training folder) "
                + "before training: images without labels and labels without images, malformed label lines, "
                + "unreadable images, boxes outside their image, a histogram of every type (DontCare, Van, "
                + "Person_sitting and Truck included) with KITTI's Easy/Moderate/Hard levels, and the boxes against "
                + "the network's output stride and anchors, so that a class the network could never learn is "
                + "caught before the run (docs/kitti-data.md).",
                "Exit status 0: no problems; 1: problems were found (listed after the table); 2: bad input."})
final class DatasetCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the KITTI folder")
    Path dir;

    @Option(names = "--stride", defaultValue = "16", paramLabel = "S",
            description = "the network's output stride in image pixels (default: ${DEFAULT-VALUE})")
    int stride;

    @Option(names = "--anchors", split = ",", paramLabel = "WxH",
            description = "anchor shapes in image pixels, e.g. 40x30,16x40 (default: not checked)")
    List<String> anchors = new ArrayList<>();

    @Option(names = "--classes", split = ",", paramLabel = "NAME",
            description = "the trained classes (default: Car,Pedestrian,Cyclist)")
    List<String> classes = new ArrayList<>(KittiClassMap.DEFAULT_CLASSES);

    @Option(names = "--map", split = ",", paramLabel = "TYPE=CLASS",
            description = "train another type as a class, e.g. Van=Car (repeat or separate with commas)")
    List<String> mappings = new ArrayList<>();

    @Option(names = "--scale-levels", description = "judge the Easy/Moderate/Hard heights (40/25/25 px at KITTI's 375 "
            + "rows) scaled to the images' height, e.g. halved for 188 rows (default: the devkit's pixels, as "
            + "eval-kitti judges)")
    boolean scaleLevels;

    @Option(names = "--stop-on-malformed",
            description = "stop at the first malformed label line (exit status 2) instead of listing them all and "
                    + "leaving their images out")
    boolean stopOnMalformed;

    @Option(names = "--no-verify", description = "read only the images' headers instead of decoding them")
    boolean noVerify;

    @Override
    public Integer call() {
        KittiCheck.Report report;
        try {
            KittiCheck.Options options = new KittiCheck.Options(KittiClassMap.parse(classes, mappings), stride,
                    anchors.stream().map(DatasetCheckCommand::anchor).toList(), !noVerify, scaleLevels,
                    stopOnMalformed ? KittiDataset.OnMalformed.STOP : KittiDataset.OnMalformed.SKIP_IMAGE);
            report = KittiCheck.run(dir, options);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %d images, %d labelled and readable (%dx%d); stride %d, %s%n", report.root(),
                report.images(), report.labelled(), report.width(), report.height(), stride,
                anchors.isEmpty() ? "anchors not checked" : "anchors " + String.join(",", anchors));
        out.printf(Locale.ROOT, "levels: box height > %.1f px Easy, > %.1f px Moderate and Hard%s%n",
                40 * report.heightScale(), 25 * report.heightScale(), report.heightScale() == 1 ? " (the devkit's)"
                        : String.format(Locale.ROOT, " (the devkit's scaled by %.2f = %d / 375 rows)",
                                report.heightScale(), report.height()));
        TextTable table = new TextTable("type", "trained as", "objects", "easy", "moderate", "hard", "< stride",
                "no anchor", "learnable", "height min", "median", "max");
        for (KittiCheck.TypeRow r : report.types()) {
            boolean dontCare = r.type().equals("DontCare");
            table.row(r.type(), r.trainedAs().isEmpty() ? "-" : r.trainedAs(), TextTable.count(r.objects()),
                    dontCare ? "-" : TextTable.count(r.easy()), dontCare ? "-" : TextTable.count(r.moderate()),
                    dontCare ? "-" : TextTable.count(r.hard()), dontCare ? "-" : TextTable.count(r.tooSmall()),
                    dontCare || anchors.isEmpty() ? "-" : TextTable.count(r.noAnchor()),
                    r.trainedAs().isEmpty() ? "-" : TextTable.count(r.learnable()), pixels(r.minHeight()),
                    pixels(r.medianHeight()), pixels(r.maxHeight()));
        }
        table.print(out);
        for (String note : report.notes()) {
            out.println("note: " + note);
        }
        if (report.ok()) {
            out.println("no problems found");
        } else {
            out.println(report.problems().size() + " problem" + (report.problems().size() == 1 ? "" : "s") + ":");
            report.problems().forEach(p -> out.println("  " + p));
        }
        out.flush();
        return report.ok() ? ExitCodes.OK : ExitCodes.DATA_PROBLEMS;
    }

    private static String pixels(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    static KittiCheck.Anchor anchor(String text) {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split("x", -1);
        try {
            if (parts.length == 2) {
                return new KittiCheck.Anchor(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--anchors: '" + text + "' is not WxH, e.g. 40x30", e);
        }
        throw new IllegalArgumentException("--anchors: '" + text + "' is not WxH, e.g. 40x30");
    }
}
