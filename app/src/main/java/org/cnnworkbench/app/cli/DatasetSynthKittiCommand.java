package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.data.kitti.KittiSynth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench dataset synth-kitti}: a KITTI-format detection data set drawn by the workbench. */
@Command(name = "synth-kitti", mixinStandardHelpOptions = true,
        description = {"Draw a KITTI-format object detection data set: street scenes with cars, pedestrians and "
                + "cyclists of varying size, occlusion and truncation, with DontCare regions, written as "
                + "OUT/training/image_2/NNNNNN.png and OUT/training/label_2/NNNNNN.txt exactly in KITTI's label "
                + "format. The same seed always gives the same files (docs/kitti-data.md).",
                "The folder is written under a temporary name and renamed when complete."})
final class DatasetSynthKittiCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "the folder to create (must not exist, or be empty)")
    Path out;

    @Option(names = "--images", required = true, paramLabel = "N", description = "how many images (1..100000)")
    int images;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "the seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--width", defaultValue = "621", paramLabel = "W",
            description = "image width (default: ${DEFAULT-VALUE}, half of KITTI's 1242)")
    int width;

    @Option(names = "--height", defaultValue = "188", paramLabel = "H",
            description = "image height (default: ${DEFAULT-VALUE}, half of KITTI's 375)")
    int height;

    @Option(names = "--full-size", description = "KITTI's own 1242x375 (instead of --width/--height)")
    boolean fullSize;

    @Override
    public void run() {
        if (fullSize && (width != KittiSynth.DEFAULT_WIDTH || height != KittiSynth.DEFAULT_HEIGHT)) {
            throw new UserException("--full-size is 1242x375; give it or --width/--height, not both");
        }
        KittiSynth.Summary summary;
        try {
            KittiSynth.Options options = fullSize ? new KittiSynth.Options(images, seed, 1242, 375)
                    : new KittiSynth.Options(images, seed, width, height);
            summary = KittiSynth.generate(out, options);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        PrintWriter w = spec.commandLine().getOut();
        w.println("wrote " + summary.images() + " images (" + (fullSize ? "1242x375" : width + "x" + height)
                + ", seed " + seed + ") to " + out.resolve("training") + ": image_2/*.png, label_2/*.txt");
        TextTable table = new TextTable("type", "labels");
        int total = 0;
        for (Map.Entry<String, Integer> e : summary.labelsByType().entrySet()) {
            table.row(e.getKey(), TextTable.count(e.getValue()));
            total += e.getValue();
        }
        table.row("total", TextTable.count(total));
        table.print(w);
        w.flush();
    }
}
