package org.cnnworkbench.engine.detection;

import java.util.List;
import org.cnnworkbench.engine.data.kitti.KittiLabel;

/** One image of the evaluation: its ground truth (with DontCare regions) and the detections for it. */
public record KittiFrame(String name, List<KittiLabel> truth, List<KittiLabel> detections) {

    public KittiFrame {
        truth = List.copyOf(truth);
        detections = List.copyOf(detections);
    }
}
