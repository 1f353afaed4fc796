package org.cnnworkbench.engine.kinds;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.model.Shape;

/**
 * SqueezeDet's ConvDet detection head (Wu et al., "SqueezeDet", CVPR Workshops 2017): a stride-1 convolution
 * whose output at every cell of the input's grid holds, for each of the K {@code anchors}, 4 box offsets,
 * 1 confidence and {@code classes} class scores. Channel {@code k (C + 5) + j} of anchor {@code k} is
 * {@code j = 0..3: the box deltas dx, dy, dw, dh, 4: confidence, 5 .. 5 + C - 1: class scores}, the order that
 * training and decoding use ({@code engine.detection.ConvDetGrid}). Anchors are {@code [width, height]} in pixels
 * of the network's input image.
 *
 * <pre>{@code
 * Params p = Params.resolve(new ConvDetKind().parameters(), Map.of()).params();   // SqueezeDet's KITTI head
 * int channels = ConvDetKind.anchors(p).size() * ConvDetKind.channelsPerAnchor(ConvDetKind.classes(p)); // 72
 * }</pre>
 *
 * <p>docs/detection.md states the formulas.
 */
public final class ConvDetKind extends BaseKind {

    /** The kind's name in spec files. */
    public static final String NAME = "convdet";

    /** Box offsets (x, y, w, h) and the confidence that come before the class scores of every anchor. */
    public static final int BOX_AND_CONFIDENCE = 5;

    /**
     * SqueezeDet's nine anchor shapes for KITTI (width x height in pixels of a 1242x375 image), as in the released
     * code's KITTI configuration.
     */
    public static final List<BoxSize> KITTI_ANCHORS = List.of(new BoxSize(36, 37), new BoxSize(366, 174),
            new BoxSize(115, 59), new BoxSize(162, 87), new BoxSize(38, 90), new BoxSize(258, 173),
            new BoxSize(224, 108), new BoxSize(78, 170), new BoxSize(72, 43));

    public ConvDetKind() {
        super(NAME, Category.DETECTION,
                "SqueezeDet's ConvDet detection head: a stride-1 convolution giving, per grid cell and anchor,"
                        + " x, y, w, h, confidence and one score per class.",
                Arity.exactlyOne(),
                ParamSpec.optionalInt("classes", 3, 1, "object classes C; each anchor has C scores"),
                ParamSpec.sizeList("anchors", KITTI_ANCHORS,
                        "anchor shapes [width, height] in pixels of the input image; K = their number"),
                ParamSpec.intPair("kernel", 3L, 1, "filter height x width"),
                ParamSpec.intPair("pad", 1L, 0, "zero padding added on each side"),
                ParamSpec.flag("bias", true, "whether each output channel has a bias"));
    }

    /** The anchor shapes, K = their number. */
    public static List<BoxSize> anchors(Params params) {
        return params.sizes("anchors");
    }

    /** The number of object classes C. */
    public static int classes(Params params) {
        return Math.toIntExact(params.integer("classes"));
    }

    /** Output channels of one anchor: 4 box offsets, the confidence and {@code classes} scores. */
    public static int channelsPerAnchor(int classes) {
        return Math.addExact(classes, BOX_AND_CONFIDENCE);
    }

    /** Output channels of the head: K (C + 5). */
    public static long outputChannels(Params params) {
        return LayerMath.product(anchors(params).size(), channelsPerAnchor(classes(params)));
    }

    @Override
    public Shape outputShape(Params p, List<Shape> inputs) throws LayerException {
        Shape.FeatureMap in = LayerMath.featureMap(NAME, inputs.get(0));
        IntPair k = p.pair("kernel");
        IntPair pad = p.pair("pad");
        long h = LayerMath.windowOutput("height", in.height(), k.h(), 1, pad.h());
        long w = LayerMath.windowOutput("width", in.width(), k.w(), 1, pad.w());
        return new Shape.FeatureMap(outputChannels(p), h, w);
    }

    @Override
    public ParamCount parameterCount(Params p, List<Shape> inputs, Shape output) {
        long filters = outputChannels(p);
        IntPair k = p.pair("kernel");
        long weights = LayerMath.product(filters, inputs.get(0).channels(), k.h(), k.w());
        return ParamCount.of(weights, p.flag("bias") ? filters : 0);
    }

    @Override
    public long macs(Params p, List<Shape> inputs, Shape output) {
        IntPair k = p.pair("kernel");
        return LayerMath.product(output.elements(), inputs.get(0).channels(), k.h(), k.w());
    }

    /**
     * Interpreting the output, per cell and anchor: a sigmoid each for x, y and the confidence, an exponential
     * each for w and h (1 operation each, as an activation), and a softmax over the C scores (3 per score, as the
     * softmax kind): {@code 5 + 3 C}.
     */
    @Override
    public long otherOps(Params p, List<Shape> inputs, Shape output) {
        Shape.FeatureMap out = (Shape.FeatureMap) output;
        long perAnchor = Math.addExact(BOX_AND_CONFIDENCE, LayerMath.product(3, classes(p)));
        return LayerMath.product(out.area(), anchors(p).size(), perAnchor);
    }

    /** An input smaller than the kernel: every window is mostly padding. Large anchors are normal (no warning). */
    @Override
    public List<String> warnings(Params p, List<Shape> inputs, Shape output) {
        Shape.FeatureMap in = (Shape.FeatureMap) inputs.get(0);
        IntPair k = p.pair("kernel");
        List<String> warnings = new ArrayList<>();
        if (in.height() < k.h() || in.width() < k.w()) {
            warnings.add("the input grid " + in.height() + "x" + in.width() + " is smaller than the kernel " + k.h()
                    + "x" + k.w() + ", so every window is mostly padding; use a smaller kernel or less downsampling"
                    + " before the detection head");
        }
        return warnings;
    }
}
