package org.cnnworkbench.engine.data.kitti;

import java.nio.file.Path;
import java.util.List;

/**
 * One KITTI image and its labels.
 *
 * @param id     the file name without extension, e.g. {@code 000042}
 * @param image  {@code image_2/<id>.png}
 * @param labels every line of {@code label_2/<id>.txt}, types as in the file (DontCare included)
 */
public record KittiSample(String id, Path image, List<KittiLabel> labels) {

    public KittiSample {
        labels = List.copyOf(labels);
    }

    /** The labels of trained classes, with types replaced by their class names. */
    public List<KittiLabel> objects(KittiClassMap map) {
        return labels.stream().filter(l -> map.classNameOf(l.type()).isPresent())
                .map(l -> l.withType(map.classNameOf(l.type()).orElseThrow())).toList();
    }

    /** The DontCare regions. */
    public List<KittiLabel> dontCares() {
        return labels.stream().filter(KittiLabel::isDontCare).toList();
    }
}
