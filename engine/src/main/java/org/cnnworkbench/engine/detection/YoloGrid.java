package org.cnnworkbench.engine.detection;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.data.kitti.KittiCheck;

/**
 * The output grid of a detection head ({@code convdet}) and the YOLOv2 box parameterisation that DL4J's
 * {@code Yolo2OutputLayer} trains: per grid cell and anchor k, channels {@code k*(5+C) + {x, y, w, h, confidence,
 * class 1..C}}. After the layer's activation, x and y are the box centre's offset inside its cell (sigmoid, 0..1),
 * w and h the box size in cells ({@code anchor * exp(t)}), the confidence a sigmoid and the classes a softmax.
 *
 * <p>Everything here is in pixels of the network's input image; {@link Detection#scaled} maps boxes back to the
 * original image. The arrays are channel-major ({@code [channel][row][column]}, one sample).
 *
 * <pre>{@code
 * YoloGrid grid = YoloGrid.of(24, 78, 375, 1242, anchors, 3);
 * float[] labels = grid.encode(truth);                     // [4 + C][24][78], DL4J's label layout
 * List<Detection> found = grid.decode(activated, 0.005);   // before non-maximum suppression
 * }</pre>
 *
 * @param rows       grid rows (the head's output height)
 * @param columns    grid columns (its output width)
 * @param cellHeight pixels of the input image per grid row
 * @param cellWidth  pixels of the input image per grid column
 * @param anchors    anchor shapes in input pixels (K of them)
 * @param classes    number of classes C
 */
public record YoloGrid(int rows, int columns, double cellHeight, double cellWidth, List<KittiCheck.Anchor> anchors,
                       int classes) {

    public YoloGrid {
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
    public static YoloGrid of(int rows, int columns, int inputHeight, int inputWidth, List<KittiCheck.Anchor> anchors,
                              int classes) {
        return new YoloGrid(rows, columns, (double) inputHeight / rows, (double) inputWidth / columns, anchors,
                classes);
    }

    /** Channels per anchor: x, y, w, h, confidence and the class scores. */
    public int channelsPerAnchor() {
        return 5 + classes;
    }

    /** Channels of the head's output, K (5 + C). */
    public int outputChannels() {
        return anchors.size() * channelsPerAnchor();
    }

    /** Anchor shapes in grid cells, {@code [K][2]} = (width, height): DL4J's bounding-box priors. */
    public double[][] priorsInCells() {
        double[][] p = new double[anchors.size()][2];
        for (int k = 0; k < p.length; k++) {
            p[k][0] = anchors.get(k).width() / cellWidth;
            p[k][1] = anchors.get(k).height() / cellHeight;
        }
        return p;
    }

    /**
     * DL4J's YOLOv2 labels for one image, {@code [4 + C][rows][columns]}: in the cell holding a box's centre, the
     * box's corners in cells (x1, y1, x2, y2) and the one-hot class; zero elsewhere. A cell can hold one object:
     * when two centres fall in the same cell, the larger box is kept (its loss matters more) and the smaller one
     * is counted in the returned value's {@code dropped}. Boxes are clipped to the image first; a box with no area
     * left is dropped.
     */
    public Encoded encode(List<Detection> truth) {
        float[] labels = new float[(4 + classes) * rows * columns];
        double[] keptArea = new double[rows * columns];
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
            double x1 = b.left() / cellWidth;
            double y1 = b.top() / cellHeight;
            double x2 = b.right() / cellWidth;
            double y2 = b.bottom() / cellHeight;
            int col = Math.min(columns - 1, (int) Math.floor((x1 + x2) / 2));
            int row = Math.min(rows - 1, (int) Math.floor((y1 + y2) / 2));
            int cell = row * columns + col;
            if (keptArea[cell] > 0) {
                dropped++;
                if (keptArea[cell] >= b.area()) {
                    continue;
                }
            }
            keptArea[cell] = b.area();
            set(labels, 0, row, col, x1);
            set(labels, 1, row, col, y1);
            set(labels, 2, row, col, x2);
            set(labels, 3, row, col, y2);
            for (int c = 0; c < classes; c++) {
                set(labels, 4 + c, row, col, c == b.classIndex() ? 1 : 0);
            }
        }
        return new Encoded(labels, dropped);
    }

    /** Labels and how many boxes did not fit (shared cells, nothing inside the image). */
    public record Encoded(float[] labels, int dropped) {
    }

    private void set(float[] a, int channel, int row, int col, double v) {
        a[(channel * rows + row) * columns + col] = (float) v;
    }

    /**
     * The boxes of one image from the head's activated output ({@code [K (5 + C)][rows][columns]}), one per cell
     * and anchor: its most probable class, scored confidence x class probability (as SqueezeDet), kept when the
     * score is at least {@code minScore}. Boxes are in input pixels, unclipped; apply
     * {@link NonMaxSuppression#perClass} next.
     */
    public List<Detection> decode(float[] activated, double minScore) {
        int plane = rows * columns;
        if (activated.length != outputChannels() * plane) {
            throw new IllegalArgumentException("expected " + outputChannels() + "x" + rows + "x" + columns
                    + " values, got " + activated.length);
        }
        List<Detection> found = new ArrayList<>();
        int per = channelsPerAnchor();
        for (int k = 0; k < anchors.size(); k++) {
            int base = k * per * plane;
            for (int row = 0; row < rows; row++) {
                for (int col = 0; col < columns; col++) {
                    int at = row * columns + col;
                    double confidence = activated[base + 4 * plane + at];
                    int best = 0;
                    double bestP = -1;
                    for (int c = 0; c < classes; c++) {
                        double p = activated[base + (5 + c) * plane + at];
                        if (p > bestP) {
                            bestP = p;
                            best = c;
                        }
                    }
                    double score = confidence * bestP;
                    if (!(score >= minScore)) {
                        continue;
                    }
                    double cx = (col + activated[base + at]) * cellWidth;
                    double cy = (row + activated[base + plane + at]) * cellHeight;
                    double w = activated[base + 2 * plane + at] * cellWidth;
                    double h = activated[base + 3 * plane + at] * cellHeight;
                    if (!(w > 0 && h > 0 && Double.isFinite(cx + cy + w + h))) {
                        continue;
                    }
                    found.add(new Detection(best, Math.min(1, score), cx - w / 2, cy - h / 2, cx + w / 2,
                            cy + h / 2));
                }
            }
        }
        return found;
    }
}
