package org.cnnworkbench.engine.detection;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.data.kitti.KittiCheck;

/**
 * The output grid of a {@code convdet} head and SqueezeDet's box parameterisation. Every grid cell holds K anchors
 * centred on the cell; per anchor k the head gives {@code k*(5+C) + {dx, dy, dw, dh, confidence, class 1..C}} (raw
 * values, before any activation). A box is the anchor moved and scaled:
 * {@code x = ax + dx * aw, y = ay + dy * ah, w = aw * exp(dw), h = ah * exp(dh)}; the confidence goes through a
 * sigmoid and the class scores through a softmax; a box scores confidence x its best class probability.
 *
 * <p>Arrays are one image, channel-major ({@code [channel][row][column]}), the order in which the converter
 * flattens the head's output. Everything is in pixels of the network's input image; {@link Detection#scaled}
 * maps boxes back to the original image.
 *
 * <pre>{@code
 * ConvDetGrid grid = ConvDetGrid.of(24, 78, 375, 1242, anchors, 3);
 * ConvDetGrid.Encoded targets = grid.encode(truth);        // training targets, same layout as the output
 * List<Detection> found = grid.decode(output, 0.005);      // before non-maximum suppression
 * }</pre>
 *
 * @param rows       grid rows (the head's output height)
 * @param columns    grid columns (its output width)
 * @param cellHeight pixels of the input image per grid row
 * @param cellWidth  pixels of the input image per grid column
 * @param anchors    anchor shapes in input pixels (K of them)
 * @param classes    number of classes C
 */
public record ConvDetGrid(int rows, int columns, double cellHeight, double cellWidth,
                          List<KittiCheck.Anchor> anchors, int classes) {

    /** SqueezeDet's {@code safe_exp} threshold: beyond it exp continues as a straight line, so no box explodes. */
    public static final double EXP_THRESHOLD = 1.0;

    public ConvDetGrid {
        if (rows < 1 || columns < 1 || classes < 1 || anchors.isEmpty()) {
            throw new IllegalArgumentException("a detection grid needs rows, columns, classes and anchors: "
                    + rows + "x" + columns + ", " + classes + " classes, " + anchors.size() + " anchors");
        }
        if (!(cellHeight > 0 && cellWidth > 0)) {
            throw new IllegalArgumentException("cell size " + cellWidth + "x" + cellHeight);
        }
        anchors = List.copyOf(anchors);
    }

    /** The grid of a head with {@code rows x columns} cells on an input image of {@code height x width} pixels. */
    public static ConvDetGrid of(int rows, int columns, int inputHeight, int inputWidth,
                                 List<KittiCheck.Anchor> anchors, int classes) {
        return new ConvDetGrid(rows, columns, (double) inputHeight / rows, (double) inputWidth / columns, anchors,
                classes);
    }

    /** Channels per anchor: dx, dy, dw, dh, confidence and the class scores. */
    public int channelsPerAnchor() {
        return 5 + classes;
    }

    /** Channels of the head's output, K (5 + C). */
    public int outputChannels() {
        return anchors.size() * channelsPerAnchor();
    }

    /** Values of one image's output (and of its targets). */
    public int values() {
        return outputChannels() * rows * columns;
    }

    /** Index of channel {@code c} of anchor {@code k} at a cell in the channel-major array. */
    int index(int k, int c, int row, int col) {
        return ((k * channelsPerAnchor() + c) * rows + row) * columns + col;
    }

    double anchorX(int col) {
        return (col + 0.5) * cellWidth;
    }

    double anchorY(int row) {
        return (row + 0.5) * cellHeight;
    }

    /** SqueezeDet's safe exponential: exp(x) up to {@link #EXP_THRESHOLD}, then its tangent line. */
    public static double safeExp(double x) {
        return x <= EXP_THRESHOLD ? Math.exp(x) : Math.exp(EXP_THRESHOLD) * (x - EXP_THRESHOLD + 1);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * Training targets for one image, in the output's layout: for the anchor responsible for a box, its four
     * deltas ({@code dx = (x - ax) / aw, dy, dw = ln(w / aw), dh}), a 1 in the confidence channel (the mask) and the
     * one-hot class; zero elsewhere. As in SqueezeDet, the responsible anchor is the one (of all cells) with the
     * highest IoU with the box, the nearest one by centre when no anchor overlaps it; an anchor already taken by
     * another box passes to the box's next best. Boxes are clipped to the image first; one with nothing left, or no
     * free anchor, is counted in {@code dropped}.
     */
    public Encoded encode(List<Detection> truth) {
        float[] targets = new float[values()];
        boolean[] taken = new boolean[anchors.size() * rows * columns];
        int dropped = 0;
        double width = columns * cellWidth;
        double height = rows * cellHeight;
        for (Detection d : truth) {
            if (d.classIndex() >= classes) {
                throw new IllegalArgumentException("class index " + d.classIndex() + " of " + classes + " classes");
            }
            var clipped = d.clipped(width, height);
            if (clipped.isEmpty()) {
                dropped++;
                continue;
            }
            Detection b = clipped.get();
            int best = responsibleAnchor(b, taken);
            if (best < 0) {
                dropped++;
                continue;
            }
            taken[best] = true;
            int k = best / (rows * columns);
            int row = best / columns % rows;
            int col = best % columns;
            KittiCheck.Anchor a = anchors.get(k);
            double cx = (b.left() + b.right()) / 2;
            double cy = (b.top() + b.bottom()) / 2;
            targets[index(k, 0, row, col)] = (float) ((cx - anchorX(col)) / a.width());
            targets[index(k, 1, row, col)] = (float) ((cy - anchorY(row)) / a.height());
            targets[index(k, 2, row, col)] = (float) Math.log(b.width() / a.width());
            targets[index(k, 3, row, col)] = (float) Math.log(b.height() / a.height());
            targets[index(k, 4, row, col)] = 1;
            targets[index(k, 5 + b.classIndex(), row, col)] = 1;
        }
        return new Encoded(targets, dropped);
    }

    /** Training targets and how many boxes found no anchor (or lay outside the image). */
    public record Encoded(float[] targets, int dropped) {
    }

    /** The free anchor position ({@code k * rows * columns + row * columns + col}) for {@code b}, or -1. */
    private int responsibleAnchor(Detection b, boolean[] taken) {
        int best = -1;
        double bestIou = 0;
        int nearest = -1;
        double nearestDistance = Double.POSITIVE_INFINITY;
        double cx = (b.left() + b.right()) / 2;
        double cy = (b.top() + b.bottom()) / 2;
        for (int k = 0; k < anchors.size(); k++) {
            KittiCheck.Anchor a = anchors.get(k);
            for (int row = 0; row < rows; row++) {
                for (int col = 0; col < columns; col++) {
                    int at = (k * rows + row) * columns + col;
                    if (taken[at]) {
                        continue;
                    }
                    double ax = anchorX(col);
                    double ay = anchorY(row);
                    double iou = Detection.iou(ax - a.width() / 2, ay - a.height() / 2, ax + a.width() / 2,
                            ay + a.height() / 2, b.left(), b.top(), b.right(), b.bottom());
                    if (iou > bestIou) {
                        bestIou = iou;
                        best = at;
                    }
                    double distance = (ax - cx) * (ax - cx) + (ay - cy) * (ay - cy);
                    if (distance < nearestDistance) {
                        nearestDistance = distance;
                        nearest = at;
                    }
                }
            }
        }
        return best >= 0 ? best : nearest;
    }

    /** The box anchor {@code k} at a cell predicts from its four raw deltas, as {left, top, right, bottom}. */
    double[] box(float[] output, int k, int row, int col) {
        return box(output, k, row, col, false);
    }

    /** {@link #box}; {@code exact} uses exp itself (for targets, which encode true sizes exactly). */
    double[] box(float[] values, int k, int row, int col, boolean exact) {
        KittiCheck.Anchor a = anchors.get(k);
        double x = anchorX(col) + values[index(k, 0, row, col)] * a.width();
        double y = anchorY(row) + values[index(k, 1, row, col)] * a.height();
        double dw = values[index(k, 2, row, col)];
        double dh = values[index(k, 3, row, col)];
        double w = a.width() * (exact ? Math.exp(dw) : safeExp(dw));
        double h = a.height() * (exact ? Math.exp(dh) : safeExp(dh));
        return new double[] {x - w / 2, y - h / 2, x + w / 2, y + h / 2};
    }

    /**
     * The boxes of one image from the head's raw output, one per cell and anchor: its most probable class,
     * scored confidence x class probability, kept when the score is at least {@code minScore}. Boxes are in input
     * pixels, unclipped; apply {@link NonMaxSuppression#perClass} next.
     */
    public List<Detection> decode(float[] output, double minScore) {
        if (output.length != values()) {
            throw new IllegalArgumentException("expected " + outputChannels() + "x" + rows + "x" + columns
                    + " values, got " + output.length);
        }
        List<Detection> found = new ArrayList<>();
        double[] p = new double[classes];
        for (int k = 0; k < anchors.size(); k++) {
            for (int row = 0; row < rows; row++) {
                for (int col = 0; col < columns; col++) {
                    double confidence = sigmoid(output[index(k, 4, row, col)]);
                    softmax(output, k, row, col, p);
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (p[c] > p[best]) {
                            best = c;
                        }
                    }
                    double score = confidence * p[best];
                    if (!(score >= minScore)) {
                        continue;
                    }
                    double[] b = box(output, k, row, col);
                    if (Double.isFinite(b[0] + b[1] + b[2] + b[3]) && b[2] > b[0] && b[3] > b[1]) {
                        found.add(new Detection(best, Math.min(1, score), b[0], b[1], b[2], b[3]));
                    }
                }
            }
        }
        return found;
    }

    /** The class probabilities of anchor {@code k} at a cell, into {@code p}. */
    void softmax(float[] output, int k, int row, int col, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, output[index(k, 5 + c, row, col)]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(output[index(k, 5 + c, row, col)] - max);
            sum += p[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= sum;
        }
    }
}
