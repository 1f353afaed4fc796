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
import org.cnnworkbench.engine.data.kitti.KittiLabel;
import org.cnnworkbench.engine.data.kitti.KittiSample;
import org.cnnworkbench.engine.detection.AnchorKMeans;
import org.cnnworkbench.engine.kinds.BoxSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench anchors}: anchor shapes for a detection head from the training boxes of a KITTI folder. */
@Command(name = "anchors", mixinStandardHelpOptions = true,
        description = {"Compute K anchor shapes from the boxes of a KITTI folder's trained classes: k-means with "
                + "the distance 1 - IoU of centred boxes (YOLOv2), seeded; prints each anchor with its boxes, the "
                + "mean best IoU of a box with an anchor, and the anchors as an --anchors value for 'dataset check' "
                + "(docs/kitti-data.md) and as a convdet node's \"anchors\" value in JSON (docs/detection.md).",
                "Exit status: 0 done, 2 bad input (no such folder, fewer boxes than K)."})
final class AnchorsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the KITTI folder")
    Path data;

    @Option(names = "--k", defaultValue = "9", paramLabel = "K", description = "the number of anchors (default: 9)")
    int k;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "random seed (default: 42)")
    long seed;

    @Option(names = "--classes", split = ",", paramLabel = "NAME",
            description = "the trained classes whose boxes count (default: Car,Pedestrian,Cyclist)")
    List<String> classes = new ArrayList<>(KittiClassMap.DEFAULT_CLASSES);

    @Option(names = "--map", split = ",", paramLabel = "TYPE=CLASS",
            description = "count another type as a class, e.g. Van=Car")
    List<String> mappings = new ArrayList<>();

    @Override
    public Integer call() {
        List<double[]> boxes = new ArrayList<>();
        AnchorKMeans.Result result;
        try {
            KittiClassMap map = KittiClassMap.parse(classes, mappings);
            KittiDataset dataset = KittiDataset.open(data, KittiDataset.OnMalformed.SKIP_IMAGE);
            for (KittiSample sample : dataset.samples()) {
                for (KittiLabel label : sample.objects(map)) {
                    if (label.boxWidth() > 0 && label.boxHeight() > 0) {
                        boxes.add(new double[] {label.boxWidth(), label.boxHeight()});
                    }
                }
            }
            dataset.warnings().forEach(w -> spec.commandLine().getErr().println("workbench: warning: " + w));
            result = AnchorKMeans.fit(boxes, k, seed);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d boxes of %s, k-means (1 - IoU) with %d anchors, seed %d: %d iterations%n",
                boxes.size(), String.join(", ", classes), k, seed, result.iterations());
        TextTable table = new TextTable("anchor", "width", "height", "boxes");
        List<String> values = new ArrayList<>();
        List<BoxSize> sizes = new ArrayList<>();
        for (int i = 0; i < result.anchors().size(); i++) {
            KittiCheck.Anchor a = result.anchors().get(i);
            table.row(Integer.toString(i + 1), String.format(Locale.ROOT, "%.1f", a.width()),
                    String.format(Locale.ROOT, "%.1f", a.height()), TextTable.count(result.counts().get(i)));
            values.add(String.format(Locale.ROOT, "%.0fx%.0f", a.width(), a.height()));
            // the same whole pixels as the --anchors value (at least 1: a size list holds positive numbers)
            sizes.add(new BoxSize(Math.max(1, Math.round(a.width())), Math.max(1, Math.round(a.height()))));
        }
        table.print(out);
        out.printf(Locale.ROOT, "mean IoU of a box with its best anchor: %.3f%n", result.meanIoU());
        out.println("--anchors " + String.join(",", values));
        out.println("convdet \"anchors\": " + BoxSize.json(sizes));
        out.flush();
        return ExitCodes.OK;
    }
}
