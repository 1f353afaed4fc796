package org.cnnworkbench.engine.detection;

/**
 * SqueezeDet's training loss for one image (Wu et al., SqueezeDet, section 3.3), on the raw output of a
 * {@link ConvDetGrid} and the targets of {@link ConvDetGrid#encode}. With N the image's objects (the anchors
 * responsible for them, the mask I) and M = K x rows x columns anchors in all:
 * <ul>
 *   <li>box regression: {@code bbox / N x sum over I of the squared differences of the four deltas};</li>
 *   <li>confidence, a sigmoid: {@code positive / N x sum over I of (conf - IoU)^2}, the IoU between the predicted
 *       and the true box taken as a constant target, plus {@code negative / (M - N) x sum over the other anchors
 *       of conf^2};</li>
 *   <li>classes: {@code 1 / N x} the cross-entropy of the softmax over the classes, over I.</li>
 * </ul>
 * SqueezeDet's weights are bbox 5, positive 75, negative 100. An image without objects has only the negative
 * confidence term. {@link #evaluate} gives the loss and its gradient with respect to every raw output value.
 *
 * <pre>{@code
 * ConvDetLoss.Result r = ConvDetLoss.SQUEEZEDET.evaluate(grid, output, targets, true);
 * }</pre>
 */
public record ConvDetLoss(double bbox, double positive, double negative, double classWeight) {

    public static final ConvDetLoss SQUEEZEDET = new ConvDetLoss(5, 75, 100, 1);

    /** The loss of one image and, if asked for, its gradient ({@code null} otherwise). */
    public record Result(double loss, float[] gradient) {
    }

    public Result evaluate(ConvDetGrid grid, float[] output, float[] targets, boolean withGradient) {
        int n = grid.values();
        if (output.length != n || targets.length != n) {
            throw new IllegalArgumentException("expected " + n + " outputs and targets, got " + output.length
                    + " and " + targets.length);
        }
        int anchors = grid.anchors().size();
        int objects = 0;
        for (int k = 0; k < anchors; k++) {
            for (int row = 0; row < grid.rows(); row++) {
                for (int col = 0; col < grid.columns(); col++) {
                    if (targets[grid.index(k, 4, row, col)] > 0.5f) {
                        objects++;
                    }
                }
            }
        }
        int all = anchors * grid.rows() * grid.columns();
        double perObject = objects == 0 ? 0 : 1.0 / objects;
        double perEmpty = all == objects ? 0 : 1.0 / (all - objects);
        float[] gradient = withGradient ? new float[n] : null;
        double loss = 0;
        double[] p = new double[grid.classes()];
        for (int k = 0; k < anchors; k++) {
            for (int row = 0; row < grid.rows(); row++) {
                for (int col = 0; col < grid.columns(); col++) {
                    int confAt = grid.index(k, 4, row, col);
                    double conf = ConvDetGrid.sigmoid(output[confAt]);
                    double slope = conf * (1 - conf);
                    if (targets[confAt] > 0.5f) {
                        for (int c = 0; c < 4; c++) {
                            int at = grid.index(k, c, row, col);
                            double diff = output[at] - targets[at];
                            loss += bbox * perObject * diff * diff;
                            if (withGradient) {
                                gradient[at] = (float) (2 * bbox * perObject * diff);
                            }
                        }
                        double iou = iouWithTarget(grid, output, targets, k, row, col);
                        double diff = conf - iou;
                        loss += positive * perObject * diff * diff;
                        if (withGradient) {
                            gradient[confAt] = (float) (2 * positive * perObject * diff * slope);
                        }
                        grid.softmax(output, k, row, col, p);
                        for (int c = 0; c < grid.classes(); c++) {
                            int at = grid.index(k, 5 + c, row, col);
                            double y = targets[at];
                            if (y > 0) {
                                loss -= classWeight * perObject * y * Math.log(Math.max(p[c], 1e-12));
                            }
                            if (withGradient) {
                                gradient[at] = (float) (classWeight * perObject * (p[c] - y));
                            }
                        }
                    } else {
                        loss += negative * perEmpty * conf * conf;
                        if (withGradient) {
                            gradient[confAt] = (float) (2 * negative * perEmpty * conf * slope);
                        }
                    }
                }
            }
        }
        return new Result(loss, gradient);
    }

    /** IoU of the box anchor k predicts at a cell with the true box its targets encode. */
    private static double iouWithTarget(ConvDetGrid grid, float[] output, float[] targets, int k, int row, int col) {
        double[] predicted = grid.box(output, k, row, col);
        double[] truth = grid.box(targets, k, row, col, true);
        return Detection.iou(predicted[0], predicted[1], predicted[2], predicted[3], truth[0], truth[1], truth[2],
                truth[3]);
    }
}
