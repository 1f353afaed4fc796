package org.cnnworkbench.engine.dl4j;

import java.util.Objects;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Adds {@code bottom} rows and {@code right} columns to a feature map, in either layout: the first half of
 * Caffe's ceil pooling (BuiltInDl4jMappings). The new cells hold either a constant {@code value} (zeros before an
 * average pooling) or, with {@code edge}, a copy of the nearest input cell (before a max pooling): a copy never
 * changes the maximum of a window that also covers the input's last row or column, which every window
 * reaching into the new cells does unless it contains no input cell at all; such a window (ceil rounding
 * without padding, stride > kernel) then gets the maximum of the nearest edge instead of Caffe's
 * {@code -FLT_MAX}. Graphs saved before {@code edge} existed read it as absent, a constant.
 */
public final class EdgePadVertex extends GraphVertex {

    private static final long serialVersionUID = 1L;

    private final int bottom;
    private final int right;
    private final double value;
    private final boolean edge;
    private final CNN2DFormat format;

    public EdgePadVertex(@JsonProperty("bottom") int bottom, @JsonProperty("right") int right,
                         @JsonProperty("value") double value, @JsonProperty("edge") Boolean edge,
                         @JsonProperty("format") CNN2DFormat format) {
        this.bottom = bottom;
        this.right = right;
        this.value = value;
        this.edge = Boolean.TRUE.equals(edge);
        this.format = format == null ? CNN2DFormat.NCHW : format;
    }

    /** Pads with copies of the last input row and column (before a max pooling). */
    public static EdgePadVertex replicating(int bottom, int right, CNN2DFormat format) {
        return new EdgePadVertex(bottom, right, 0, true, format);
    }

    /** Pads with {@code value}. */
    public static EdgePadVertex constant(int bottom, int right, double value, CNN2DFormat format) {
        return new EdgePadVertex(bottom, right, value, false, format);
    }

    public int getBottom() {
        return bottom;
    }

    public int getRight() {
        return right;
    }

    public double getValue() {
        return value;
    }

    public boolean isEdge() {
        return edge;
    }

    public CNN2DFormat getFormat() {
        return format;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new Impl(graph, name, idx, networkDatatype, this);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 1 || !(vertexInputs[0] instanceof InputType.InputTypeConvolutional conv)) {
            throw new InvalidInputTypeException("EdgePadVertex takes one convolutional input");
        }
        return InputType.convolutional(conv.getHeight() + bottom, conv.getWidth() + right, conv.getChannels(),
                format);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, EdgePadVertex.class, inputTypes[0],
                getOutputType(-1, inputTypes)).standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0)
                .build();
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public EdgePadVertex clone() {
        return new EdgePadVertex(bottom, right, value, edge, format);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EdgePadVertex p && bottom == p.bottom && right == p.right
                && Double.compare(value, p.value) == 0 && edge == p.edge && format == p.format;
    }

    @Override
    public int hashCode() {
        return Objects.hash(bottom, right, value, edge, format);
    }

    /**
     * Forward: the input copied into a larger array of the constant or of edge copies; backward: the input's
     * part, plus (edge) the gradients of the copies added to the cells they copy.
     */
    static final class Impl extends ParameterFreeVertexImpl {

        private final EdgePadVertex conf;
        private final int heightAxis;

        Impl(ComputationGraph graph, String name, int idx, DataType type, EdgePadVertex conf) {
            super(graph, name, idx, type, "EdgePadVertex");
            this.conf = conf;
            this.heightAxis = conf.format == CNN2DFormat.NHWC ? 1 : 2;
        }

        /** Every index along all four axes, except {@code from..to-1} along {@code axis}. */
        private static INDArrayIndex[] along(int axis, long from, long to) {
            INDArrayIndex[] index = {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()};
            index[axis] = NDArrayIndex.interval(from, to);
            return index;
        }

        /** The input's region inside the padded array of {@code paddedShape}. */
        private INDArrayIndex[] inputRegion(long[] paddedShape) {
            INDArrayIndex[] index = along(heightAxis, 0, paddedShape[heightAxis] - conf.bottom);
            index[heightAxis + 1] = NDArrayIndex.interval(0, paddedShape[heightAxis + 1] - conf.right);
            return index;
        }

        @Override
        public boolean hasLayer() {
            return false;
        }

        @Override
        public org.deeplearning4j.nn.api.Layer getLayer() {
            return null;
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
            INDArray input = inputs[0];
            long[] shape = input.shape().clone();
            long height = shape[heightAxis];
            long width = shape[heightAxis + 1];
            shape[heightAxis] += conf.bottom;
            shape[heightAxis + 1] += conf.right;
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), shape, 'c');
            if (!conf.edge) {
                out.assign(conf.value);
            }
            out.put(inputRegion(shape), input);
            if (conf.edge) {
                // rows first (input columns only), then columns over the full height: corners copy the corner
                INDArrayIndex[] lastRow = along(heightAxis, height - 1, height);
                lastRow[heightAxis + 1] = NDArrayIndex.interval(0, width);
                for (long r = height; r < shape[heightAxis]; r++) {
                    INDArrayIndex[] row = along(heightAxis, r, r + 1);
                    row[heightAxis + 1] = NDArrayIndex.interval(0, width);
                    out.get(row).assign(out.get(lastRow));
                }
                INDArray lastColumn = out.get(along(heightAxis + 1, width - 1, width));
                for (long c = width; c < shape[heightAxis + 1]; c++) {
                    out.get(along(heightAxis + 1, c, c + 1)).assign(lastColumn);
                }
            }
            return out;
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
            if (!conf.edge) {
                INDArray part = epsilon.get(inputRegion(epsilon.shape()));
                return new Pair<>(null, new INDArray[] {workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, part, 'c')});
            }
            // the forward pass in reverse: fold the copied columns back, then the copied rows
            INDArray gradient = fold(epsilon, heightAxis + 1, conf.right);
            gradient = fold(gradient, heightAxis, conf.bottom);
            return new Pair<>(null, new INDArray[] {workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, gradient, 'c')});
        }

        /** {@code gradient} without its last {@code copies} slices along {@code axis}, their sum added to the
         *  last slice that remains (the one they were copied from). */
        private static INDArray fold(INDArray gradient, int axis, int copies) {
            if (copies == 0) {
                return gradient;
            }
            long size = gradient.size(axis) - copies;
            INDArray folded = gradient.get(along(axis, 0, size)).dup('c');
            INDArray last = folded.get(along(axis, size - 1, size));
            for (long i = size; i < size + copies; i++) {
                last.addi(gradient.get(along(axis, i, i + 1)));
            }
            return folded;
        }
    }
}
