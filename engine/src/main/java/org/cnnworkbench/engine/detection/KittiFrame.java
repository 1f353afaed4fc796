package org.cnnworkbench.engine.detection;

import java.util.List;

/** One image of the evaluation: its ground truth (with DontCare regions) and the detections for it. */
public record KittiFrame(String name, List<KittiObject> truth, List<KittiObject> detections) {

    public KittiFrame {
        truth = List.copyOf(truth);
        detections = List.copyOf(detections);
    }
}
