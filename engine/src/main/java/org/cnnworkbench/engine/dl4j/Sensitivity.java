package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-layer sensitivity analysis: prunes (or quantizes) one layer at a time, without fine-tuning, over a range of
 * densities (bit widths) and measures the validation accuracy, the way Deep Compression chose its per-layer
 * densities. Every other layer keeps its trained weights.
 *
 * <pre>{@code
 * List<Sensitivity.Point> curve = Sensitivity.measure(Path.of("runs/sq"), Sensitivity.Method.PRUNE,
 *         List.of(1.0, 0.5, 0.3, 0.1), List.of(), 2_000, point -> System.out.println(point), cancel);
 * }</pre>
 */
public final class Sensitivity {

    static {
        Dl4jRuntime.configure();   // the fast-path properties before a model file makes ND4J load
    }

    /** What is varied per layer. */
    public enum Method {
        /** The density (fraction of weights kept, by magnitude). */
        PRUNE,
        /** The bits of the shared-weight index (k-means over all the layer's weights, 2^bits centroids). */
        QUANTIZE
    }

    /**
     * One measurement.
     *
     * @param layer the layer (primitive node id), or {@code ""} for the unchanged model
     * @param value the density or the bit width
     * @param weights the layer's weights
     * @param top1 validation top-1 with only this layer changed
     * @param top5 validation top-5
     */
    public record Point(String layer, double value, long weights, double top1, double top5) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.4g: top-1 %.2f%%, top-5 %.2f%%", layer.isEmpty() ? "baseline"
                    : layer, value, 100 * top1, 100 * top5);
        }
    }

    private Sensitivity() {
    }

    /**
     * Measures the best epoch's model of {@code runDir} on at most {@code valLimit} validation images (0: the run's own
     * validation set) for every layer (or only {@code layers}, primitive node ids) and value. The first point is
     * the unchanged model (layer {@code ""}). Points go to {@code sink} as they are measured; {@code cancel}
     * stops after the current point.
     *
     * @throws IOException if the run cannot be read or its data opened
     * @throws IllegalArgumentException if a layer is not a conv or fc layer of the network, or a value is out of range
     */
    public static List<Point> measure(Path runDir, Method method, List<Double> values, List<String> layers,
                                      int valLimit, Consumer<Point> sink, AtomicBoolean cancel)
            throws IOException, Dl4jConversionException {
        return measure(runDir, ModelChoice.BEST, method, values, layers, valLimit, sink, cancel);
    }

    /** {@link #measure(Path, Method, List, List, int, Consumer, AtomicBoolean)} of the run's {@code choice} model. */
    public static List<Point> measure(Path runDir, ModelChoice choice, Method method, List<Double> values,
                                      List<String> layers, int valLimit, Consumer<Point> sink, AtomicBoolean cancel)
            throws IOException, Dl4jConversionException {
        for (double v : values) {
            if (method == Method.PRUNE ? !(v > 0 && v <= 1) : !(v >= 1 && v <= 16 && v == Math.rint(v))) {
                throw new IllegalArgumentException(method == Method.PRUNE
                        ? "densities are fractions in (0, 1], not " + v : "bit widths are whole numbers from 1 to 16, not " + v);
            }
        }
        Predictor model = Predictor.load(runDir, choice);
        RunDirectory run = new RunDirectory(runDir);
        ComputationGraph graph = model.graph();
        ConvertedGraph converted = Dl4jConverter.convert(run.spec());
        List<GraphWeights.WeightLayer> all = GraphWeights.compressible(graph, converted);
        List<String> known = all.stream().map(GraphWeights.WeightLayer::node).distinct().toList();
        for (String layer : layers) {
            if (!known.contains(layer)) {
                throw new IllegalArgumentException("'" + layer + "' is not a conv or fc layer of the network (layers: "
                        + String.join(", ", known) + ")");
            }
        }
        RunDirectory.DataInfo info = model.dataInfo();
        DataSpec d = info.data();
        DataSpec data = new DataSpec(d.source(), d.fashionDir(), d.classes(), d.perClass(), 1,
                valLimit > 0 ? valLimit : d.valLimit(), false);
        TrainingData validation = TrainingData.open(data,
                new Shape.FeatureMap(info.channels(), info.height(), info.width()), info.mean());
        int classes = info.classes().size();
        boolean spatial = converted.activationShape(converted.outputs().get(0), 1).length == 4;
        SampleBatches batches = new SampleBatches(validation.validation(), 64, classes, spatial,
                InputLayout.current(), false, 0);
        List<Point> points = new ArrayList<>();
        double[] base = Trainer.evaluate(graph, batches);
        emit(points, sink, new Point("", 1, 0, base[1], base[2]));
        for (String node : layers.isEmpty() ? known : layers) {
            List<GraphWeights.WeightLayer> parts = all.stream().filter(l -> l.node().equals(node)).toList();
            long weights = parts.stream().mapToLong(GraphWeights.WeightLayer::size).sum();
            List<INDArray> saved = parts.stream()
                    .map(l -> GraphWeights.view(graph, l.vertex(), GraphWeights.WEIGHTS).dup()).toList();
            for (double v : values) {
                if (cancel.get()) {
                    return points;
                }
                for (GraphWeights.WeightLayer part : parts) {
                    SharedLayer shared = new SharedLayer(part);
                    if (method == Method.PRUNE) {
                        shared.prune(graph, v);
                    } else {
                        shared.quantize(graph, (int) v);
                    }
                }
                double[] m = Trainer.evaluate(graph, batches);
                emit(points, sink, new Point(node, v, weights, m[1], m[2]));
                for (int i = 0; i < parts.size(); i++) {
                    GraphWeights.view(graph, parts.get(i).vertex(), GraphWeights.WEIGHTS).assign(saved.get(i));
                }
            }
        }
        return points;
    }

    private static void emit(List<Point> points, Consumer<Point> sink, Point p) {
        points.add(p);
        sink.accept(p);
    }
}
