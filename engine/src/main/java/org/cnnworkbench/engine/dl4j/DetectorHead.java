package org.cnnworkbench.engine.dl4j;

import java.util.List;
import org.cnnworkbench.engine.data.kitti.KittiCheck;
import org.cnnworkbench.engine.detection.ConvDetGrid;
import org.cnnworkbench.engine.kinds.BoxSize;
import org.cnnworkbench.engine.kinds.ConvDetKind;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;

/**
 * The detection head of a converted network: its one output must be a {@code convdet} node; the head's grid,
 * anchors and classes follow from its parameters and shapes.
 */
record DetectorHead(String id, Shape.FeatureMap input, ConvDetGrid grid) {

    static final String KIND = "convdet";

    static DetectorHead of(ConvertedGraph converted) throws Dl4jConversionException {
        Shape.FeatureMap input = Trainer.inputShape(converted);
        if (converted.outputs().size() != 1) {
            throw new Dl4jConversionException(null, "a detector has one output, its convdet head, not "
                    + converted.outputs());
        }
        String id = converted.outputs().get(0);
        Node node = converted.primitiveSpec().node(id).orElseThrow();
        if (!KIND.equals(node.kind())) {
            throw new Dl4jConversionException(id, "detection needs the network to end in a convdet head; '" + id
                    + "' is a " + node.kind());
        }
        Params p = Params.resolve(KindRegistry.standard().find(KIND).orElseThrow().parameters(), node.params())
                .params();
        Shape.FeatureMap out = (Shape.FeatureMap) converted.analysis().result(id).orElseThrow().output();
        List<KittiCheck.Anchor> anchors = ConvDetKind.anchors(p).stream()
                .map((BoxSize b) -> new KittiCheck.Anchor(b.width(), b.height())).toList();
        ConvDetGrid grid = ConvDetGrid.of((int) out.height(), (int) out.width(), (int) input.height(), (int) input.width(),
                anchors, ConvDetKind.classes(p));
        return new DetectorHead(id, input, grid);
    }

    /** Refuses data whose classes differ in number from the head's. */
    void requireClasses(List<String> classes) throws Dl4jConversionException {
        if (classes.size() != grid.classes()) {
            throw new Dl4jConversionException(id, "the convdet head has " + grid.classes() + " classes but the data "
                    + "has " + classes.size() + " (" + String.join(", ", classes) + "); set its 'classes' to "
                    + classes.size());
        }
    }

    /** Values of one image's output: rows x columns x K (5 + C). */
    int outputValues() {
        return grid.values();
    }
}
