package org.cnnworkbench.engine.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cnnworkbench.engine.data.kitti.KittiCheck;
import org.cnnworkbench.engine.detection.ConvDetGrid;
import org.cnnworkbench.engine.detection.ConvDetLoss;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The convdet loss ({@link ConvDetLoss}: SqueezeDet's, with the neighbour class term) as a DL4J loss function, for a
 * {@code LossLayer} on the flattened output of a convdet head ({@code [n, K (5 + C) x rows x columns]} in channel, row,
 * column order; identity activation). Labels are {@link ConvDetGrid#encode}'s targets in the same layout. Saved in a
 * model's configuration by its grid and weights, so a model file carries its own loss.
 */
public final class ConvDetLossFunction implements ILossFunction {

    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int columns;
    private final double cellHeight;
    private final double cellWidth;
    private final double[] anchorWidths;
    private final double[] anchorHeights;
    private final int classes;
    private final double bbox;
    private final double positive;
    private final double negative;
    private final double classWeight;
    private final double neighbourIou;
    private transient ConvDetGrid grid;

    @JsonCreator
    public ConvDetLossFunction(@JsonProperty("rows") int rows, @JsonProperty("columns") int columns,
                               @JsonProperty("cellHeight") double cellHeight,
                               @JsonProperty("cellWidth") double cellWidth,
                               @JsonProperty("anchorWidths") double[] anchorWidths,
                               @JsonProperty("anchorHeights") double[] anchorHeights,
                               @JsonProperty("classes") int classes, @JsonProperty("bbox") double bbox,
                               @JsonProperty("positive") double positive, @JsonProperty("negative") double negative,
                               @JsonProperty("classWeight") double classWeight,
                               @JsonProperty("neighbourIou") Double neighbourIou) {
        this.rows = rows;
        this.columns = columns;
        this.cellHeight = cellHeight;
        this.cellWidth = cellWidth;
        this.anchorWidths = anchorWidths.clone();
        this.anchorHeights = anchorHeights.clone();
        this.classes = classes;
        this.bbox = bbox;
        this.positive = positive;
        this.negative = negative;
        this.classWeight = classWeight;
        // models saved before the neighbour term (SqueezeDet's loss) have no such property
        this.neighbourIou = neighbourIou == null ? ConvDetLoss.NO_NEIGHBOURS : neighbourIou;
    }

    static ConvDetLossFunction of(ConvDetGrid grid, ConvDetLoss loss) {
        double[] w = grid.anchors().stream().mapToDouble(KittiCheck.Anchor::width).toArray();
        double[] h = grid.anchors().stream().mapToDouble(KittiCheck.Anchor::height).toArray();
        return new ConvDetLossFunction(grid.rows(), grid.columns(), grid.cellHeight(), grid.cellWidth(), w, h,
                grid.classes(), loss.bbox(), loss.positive(), loss.negative(), loss.classWeight(), loss.neighbourIou());
    }

    @JsonProperty("rows")
    public int rows() {
        return rows;
    }

    @JsonProperty("columns")
    public int columns() {
        return columns;
    }

    @JsonProperty("cellHeight")
    public double cellHeight() {
        return cellHeight;
    }

    @JsonProperty("cellWidth")
    public double cellWidth() {
        return cellWidth;
    }

    @JsonProperty("anchorWidths")
    public double[] anchorWidths() {
        return anchorWidths.clone();
    }

    @JsonProperty("anchorHeights")
    public double[] anchorHeights() {
        return anchorHeights.clone();
    }

    @JsonProperty("classes")
    public int classes() {
        return classes;
    }

    @JsonProperty("bbox")
    public double bbox() {
        return bbox;
    }

    @JsonProperty("positive")
    public double positive() {
        return positive;
    }

    @JsonProperty("negative")
    public double negative() {
        return negative;
    }

    @JsonProperty("classWeight")
    public double classWeight() {
        return classWeight;
    }

    /** The neighbour IoU of {@link ConvDetLoss}; written as null when there is no neighbour term. */
    @JsonProperty("neighbourIou")
    public Double neighbourIou() {
        return neighbourIou <= 1 ? neighbourIou : null;
    }

    /**
     * The loss {@code graph}'s output layer trains with, if it is a convdet head's ({@code SQUEEZEDET} otherwise:
     * a head converted without its loss layer has no other).
     */
    static ConvDetLoss of(ComputationGraph graph) {
        for (int i = 0; i < graph.getNumOutputArrays(); i++) {
            Layer layer = graph.getOutputLayer(i);
            if (layer.conf().getLayer() instanceof LossLayer l
                    && l.getLossFn() instanceof ConvDetLossFunction f) {
                return f.loss();
            }
        }
        return ConvDetLoss.SQUEEZEDET;
    }

    ConvDetGrid grid() {
        if (grid == null) {
            List<KittiCheck.Anchor> anchors = new ArrayList<>();
            for (int i = 0; i < anchorWidths.length; i++) {
                anchors.add(new KittiCheck.Anchor(anchorWidths[i], anchorHeights[i]));
            }
            grid = new ConvDetGrid(rows, columns, cellHeight, cellWidth, anchors, classes);
        }
        return grid;
    }

    /** The loss this function computes. */
    ConvDetLoss loss() {
        return new ConvDetLoss(bbox, positive, negative, classWeight, neighbourIou);
    }

    /** Per example: the loss, and the gradient rows if asked for. */
    private Pair<INDArray, INDArray> evaluate(INDArray labels, INDArray preOutput, IActivation activation,
                                              boolean withGradient) {
        INDArray out = activation.getActivation(preOutput.dup(), true);
        long n = out.size(0);
        float[][] outputs = out.castTo(DataType.FLOAT).toFloatMatrix();
        float[][] targets = labels.castTo(DataType.FLOAT).toFloatMatrix();
        double[] scores = new double[(int) n];
        float[][] gradients = withGradient ? new float[(int) n][] : null;
        ConvDetGrid g = grid();
        ConvDetLoss l = loss();
        for (int i = 0; i < n; i++) {
            ConvDetLoss.Result r = l.evaluate(g, outputs[i], targets[i], withGradient);
            scores[i] = r.loss();
            if (withGradient) {
                gradients[i] = r.gradient();
            }
        }
        INDArray scoreArray = Nd4j.create(scores, new long[] {n, 1}).castTo(preOutput.dataType());
        INDArray gradient = null;
        if (withGradient) {
            INDArray dLdOut = Nd4j.create(gradients).castTo(preOutput.dataType());
            gradient = activation.backprop(preOutput.dup(), dLdOut).getFirst();
        }
        return Pair.of(scoreArray, gradient);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return evaluate(labels, preOutput, activationFn, false).getFirst();
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return evaluate(labels, preOutput, activationFn, true).getSecond();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        Pair<INDArray, INDArray> r = evaluate(labels, preOutput, activationFn, true);
        double sum = r.getFirst().sumNumber().doubleValue();
        return Pair.of(average ? sum / preOutput.size(0) : sum, r.getSecond());
    }

    @Override
    public String name() {
        return "ConvDetLoss";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvDetLossFunction f && rows == f.rows && columns == f.columns
                && cellHeight == f.cellHeight && cellWidth == f.cellWidth && classes == f.classes
                && Arrays.equals(anchorWidths, f.anchorWidths) && Arrays.equals(anchorHeights, f.anchorHeights)
                && bbox == f.bbox && positive == f.positive && negative == f.negative && classWeight == f.classWeight
                && neighbourIou == f.neighbourIou;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {rows, columns, cellHeight, cellWidth, classes, bbox, positive, negative,
                classWeight, neighbourIou}) * 31 + Arrays.hashCode(anchorWidths);
    }

    @Override
    public String toString() {
        return "ConvDetLoss(" + rows + "x" + columns + ", " + anchorWidths.length + " anchors, " + classes
                + " classes)";
    }
}
