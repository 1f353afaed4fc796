package org.cnnworkbench.engine.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * The training loss of a convdet head for one image, on the raw output of a {@link ConvDetGrid} and the targets of
 * {@link ConvDetGrid#encode}: SqueezeDet's (Wu et al., SqueezeDet, section 3.3), optionally with a class term for
 * the anchors next to the responsible ones. With N the image's objects (the anchors responsible for them, the mask
 * I) and M = K x rows x columns anchors in all:
 * <ul>
 *   <li>box regression: {@code bbox / N x sum over I of the squared differences of the four deltas};</li>
 *   <li>confidence, a sigmoid: {@code positive / N x sum over I of (conf - IoU)^2}, the IoU between the predicted
 *       and the true box taken as a constant target, plus {@code negative / (M - N) x sum over the other anchors
 *       of conf^2};</li>
 *   <li>classes: {@code classWeight / N x} the cross-entropy of the softmax over the classes, over I; and, with
 *       {@code neighbourIou <= 1}, the same term for every other anchor whose predicted box overlaps a true box by
 *       an IoU of at least {@code neighbourIou}, towards the class of the true box it overlaps most.</li>
 * </ul>
 * SqueezeDet's weights are bbox 5, positive 75, negative 100, class 1, and it has no neighbour term
 * ({@link #SQUEEZEDET}): only the responsible anchor learns a class, so the other anchors at an object keep
 * whatever class their training objects had (a cyclist-shaped anchor over a pedestrian says "cyclist").
 * {@link #WORKBENCH}, what convdet heads train with, adds the neighbour term at IoU 0.3 and weighs the empty
 * anchors' confidence ten times as much (decision 0019). An image without objects has only the negative
 * confidence term. {@link #evaluate} gives the loss and its gradient with respect to every raw output value.
 *
 * <pre>{@code
 * ConvDetLoss.Result r = ConvDetLoss.WORKBENCH.evaluate(grid, output, targets, true);
 * }</pre>
 */
public record ConvDetLoss(double bbox, double positive, double negative, double classWeight, double neighbourIou) {

    /** {@code neighbourIou} of a loss without the neighbour class term. */
    public static final double NO_NEIGHBOURS = Double.POSITIVE_INFINITY;

    /** SqueezeDet's loss, as published and released. */
    public static final ConvDetLoss SQUEEZEDET = new ConvDetLoss(5, 75, 100, 1, NO_NEIGHBOURS);

    /** The loss convdet heads train with: SqueezeDet's, empty anchors weighted 1000, neighbours classified at 0.3. */
    public static final ConvDetLoss WORKBENCH = new ConvDetLoss(5, 75, 1000, 1, 0.3);

    public ConvDetLoss {
        if (!(bbox >= 0 && positive >= 0 && negative >= 0 && classWeight >= 0)) {
            throw new IllegalArgumentException("loss weights must be >= 0: bbox " + bbox + ", positive " + positive
                    + ", negative " + negative + ", class " + classWeight);
        }
        if (!(neighbourIou > 0)) {
            throw new IllegalArgumentException("the neighbour IoU must be > 0 (above 1: none), not " + neighbourIou);
        }
    }

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
        boolean neighbours = neighbourIou <= 1;
        List<double[]> truths = new ArrayList<>();   // left, top, right, bottom, class of every object
        for (int k = 0; k < anchors; k++) {
            for (int row = 0; row < grid.rows(); row++) {
                for (int col = 0; col < grid.columns(); col++) {
                    if (targets[grid.index(k, 4, row, col)] > 0.5f) {
                        double[] t = grid.box(targets, k, row, col, true);
                        truths.add(new double[] {t[0], t[1], t[2], t[3], targetClass(grid, targets, k, row, col)});
                    }
                }
            }
        }
        int objects = truths.size();
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
                        loss += classLoss(grid, output, targets, k, row, col, -1, perObject, p, gradient);
                    } else {
                        loss += negative * perEmpty * conf * conf;
                        if (withGradient) {
                            gradient[confAt] = (float) (2 * negative * perEmpty * conf * slope);
                        }
                        if (neighbours && !truths.isEmpty()) {
                            double[] predicted = grid.box(output, k, row, col);
                            double bestIou = 0;
                            int bestClass = -1;
                            for (double[] t : truths) {
                                double iou = Detection.iou(predicted[0], predicted[1], predicted[2], predicted[3],
                                        t[0], t[1], t[2], t[3]);
                                if (iou > bestIou) {
                                    bestIou = iou;
                                    bestClass = (int) t[4];
                                }
                            }
                            if (bestClass >= 0 && bestIou >= neighbourIou) {
                                loss += classLoss(grid, output, targets, k, row, col, bestClass, perObject, p,
                                        gradient);
                            }
                        }
                    }
                }
            }
        }
        return new Result(loss, gradient);
    }

    /**
     * The class cross-entropy of anchor k at a cell, weighted {@code classWeight x perObject}, towards {@code cls}
     * (-1: the class distribution in the targets); its gradient goes into {@code gradient} if that is not null.
     */
    private double classLoss(ConvDetGrid grid, float[] output, float[] targets, int k, int row, int col, int cls,
                             double perObject, double[] p, float[] gradient) {
        grid.softmax(output, k, row, col, p);
        double loss = 0;
        for (int c = 0; c < grid.classes(); c++) {
            int at = grid.index(k, 5 + c, row, col);
            double y = cls < 0 ? targets[at] : (c == cls ? 1 : 0);
            if (y > 0) {
                loss -= classWeight * perObject * y * Math.log(Math.max(p[c], 1e-12));
            }
            if (gradient != null) {
                gradient[at] = (float) (classWeight * perObject * (p[c] - y));
            }
        }
        return loss;
    }

    /** The class a responsible anchor's targets name (the first of the highest). */
    private static int targetClass(ConvDetGrid grid, float[] targets, int k, int row, int col) {
        int cls = 0;
        for (int c = 1; c < grid.classes(); c++) {
            if (targets[grid.index(k, 5 + c, row, col)] > targets[grid.index(k, 5 + cls, row, col)]) {
                cls = c;
            }
        }
        return cls;
    }

    /** IoU of the box anchor k predicts at a cell with the true box its targets encode. */
    private static double iouWithTarget(ConvDetGrid grid, float[] output, float[] targets, int k, int row, int col) {
        double[] predicted = grid.box(output, k, row, col);
        double[] truth = grid.box(targets, k, row, col, true);
        return Detection.iou(predicted[0], predicted[1], predicted[2], predicted[3], truth[0], truth[1], truth[2],
                truth[3]);
    }
}
