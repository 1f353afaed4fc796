package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.data.kitti.KittiClassMap;
import org.cnnworkbench.engine.data.kitti.KittiDataset;
import org.cnnworkbench.engine.data.kitti.KittiTrainingData;
import org.cnnworkbench.engine.detection.DetectionSettings;

/**
 * {@code detection.json} of a run directory: what makes a run a detection run. It records the KITTI folder, the
 * split and class mapping (so that {@code resume} and {@code detect} see the same data), and the decoding settings.
 */
public record DetectionRunInfo(String kittiRoot, double valFraction, long splitSeed, int trainLimit, int valLimit,
                               boolean augment, List<String> classes, Map<String, String> aliases,
                               String onMalformed, double minScore, double nmsThreshold, int maxDetections) {

    static final String FILE = "detection.json";

    public DetectionRunInfo {
        classes = List.copyOf(classes);
        aliases = Map.copyOf(aliases);
    }

    static DetectionRunInfo of(Path root, KittiTrainingData.Options o, DetectionSettings s) {
        return new DetectionRunInfo(root.toString(), o.valFraction(), o.splitSeed(), o.trainLimit(), o.valLimit(),
                o.augment(), o.classes().classes(), o.classes().aliases(), o.onMalformed().name(), s.minScore(),
                s.nmsThreshold(), s.maxDetections());
    }

    public KittiTrainingData.Options options() {
        return new KittiTrainingData.Options(valFraction, splitSeed, trainLimit, valLimit, augment,
                new KittiClassMap(classes, aliases), KittiDataset.OnMalformed.valueOf(onMalformed));
    }

    public DetectionSettings settings() {
        return new DetectionSettings(minScore, nmsThreshold, maxDetections);
    }

    /** Whether {@code runDir} is a detection run. */
    public static boolean isDetectionRun(Path runDir) {
        return Files.isRegularFile(runDir.resolve(FILE));
    }

    static DetectionRunInfo read(Path runDir) throws IOException {
        return RunFiles.readJson(RunDirectory.JSON, runDir.resolve(FILE), DetectionRunInfo.class);
    }

    void write(Path runDir) throws IOException {
        RunDirectory.writeAtomically(runDir.resolve(FILE), RunDirectory.JSON.writeValueAsString(this));
    }
}
