package org.cnnworkbench.engine.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times DL4J inference of a converted network: random weights, a random input batch, {@code warmup} passes
 * discarded, then the median of {@code runs} timed passes ({@code ComputationGraph.output}, inference mode).
 * A benchmark, not a test: the numbers depend on the machine and on what else runs on it.
 *
 * <pre>{@code
 * ConvertedGraph converted = Dl4jConverter.convert(spec);
 * InferenceBenchmark.Result r = InferenceBenchmark.run(converted, converted.newGraph(), 16, 5, 20);
 * r.msPerFrame();   // median ms per image
 * r.gflops();       // 2 x MACs / time
 * }</pre>
 */
public final class InferenceBenchmark {

    private InferenceBenchmark() {
    }

    /**
     * One batch size's measurement; free of DL4J types.
     *
     * @param batch frames per forward pass
     * @param warmup untimed passes before the timed ones
     * @param runs timed passes
     * @param msPerBatch median milliseconds per forward pass
     * @param minMsPerBatch fastest pass, milliseconds
     * @param macsPerFrame multiply-accumulates per frame (the engine's analysis)
     */
    public record Result(int batch, int warmup, int runs, double msPerBatch, double minMsPerBatch,
                         long macsPerFrame) {

        /** Median milliseconds per frame. */
        public double msPerFrame() {
            return msPerBatch / batch;
        }

        public double framesPerSecond() {
            return 1000 / msPerFrame();
        }

        /** Achieved GFLOP/s, counting 2 x MACs per frame (other operations are not counted). */
        public double gflops() {
            return 2.0 * macsPerFrame / (msPerFrame() / 1000) / 1e9;
        }

        /** Achieved FLOP/s as a percentage of {@code peakFlops}. */
        public double percentOfPeak(double peakFlops) {
            return 100 * gflops() * 1e9 / peakFlops;
        }
    }

    /**
     * Checks, before anything is allocated, that a batch of {@code batch} can fit in memory.
     *
     * @throws IllegalArgumentException if its activations alone exceed the memory ND4J may use
     */
    public static void requireFits(ConvertedGraph converted, int batch) {
        MemoryBudget.requireFits(converted, batch, "inference");
    }

    /**
     * One layer's measured time: the median over the timed passes of the summed time of the DL4J vertices that
     * make the spec's top-level node {@code id} (a convolution and its activation layer, a Fire module's
     * squeeze, expands and merge).
     *
     * @param id the node's id in the spec
     * @param kind the node's kind
     * @param vertices the DL4J vertices timed for it
     * @param msPerBatch median milliseconds per forward pass of a batch
     */
    public record LayerTime(String id, String kind, int vertices, double msPerBatch) {
    }

    /**
     * The per-layer measurement: {@link LayerTime}s in the order the layers first run, and the median of the same
     * passes run vertex by vertex, whole ({@code msPerBatch}); beside {@link #run}'s median it shows what timing
     * layer by layer adds or leaves out (the graph's own bookkeeping, workspaces).
     */
    public record LayerResult(int batch, int runs, List<LayerTime> layers, double msPerBatch) {
    }

    /**
     * Times each layer of {@code graph}: the same forward pass as {@link #run}, inference mode, one vertex at a time
     * in the graph's topological order, each timed alone (ND4J's CPU ops are synchronous, so the time of a vertex
     * is its own). Vertices are attributed to the layers of {@code report} by name: the layer's id or a name
     * under it ({@code id/...}); input vertices are not timed. Given the analysis of the spec as written (as
     * {@code estimate} uses it), a Fire module is one layer; given {@code converted.analysis()}, its parts.
     */
    public static LayerResult layers(ConvertedGraph converted, ComputationGraph graph, AnalysisReport report,
                                     int batch, int warmup, int runs) {
        if (batch < 1 || warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("batch and runs must be at least 1, warmup at least 0: batch "
                    + batch + ", warmup " + warmup + ", runs " + runs);
        }
        requireFits(converted, batch);
        List<String> inputNames = graph.getConfiguration().getNetworkInputs();
        INDArray[] inputs = inputNames.stream()
                .map(id -> Nd4j.rand(DataType.FLOAT, converted.activationShape(id, batch)))
                .toArray(INDArray[]::new);
        GraphVertex[] vertices = graph.getVertices();
        int[] order = graph.topologicalSortOrder();
        Map<String, NodeResult> nodes = new HashMap<>();
        for (NodeResult r : report.layers()) {
            nodes.put(r.id(), r);
        }
        String[] owner = new String[vertices.length];
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int index : order) {
            GraphVertex v = vertices[index];
            if (!v.isInputVertex()) {
                owner[index] = ownerOf(v.getVertexName(), nodes.keySet());
                counts.merge(owner[index], 1, Integer::sum);
            }
        }
        Map<String, double[]> times = new LinkedHashMap<>();
        counts.keySet().forEach(id -> times.put(id, new double[runs]));
        double[] whole = new double[runs];
        for (int pass = -warmup; pass < runs; pass++) {
            Map<String, Double> passTimes = new HashMap<>();
            long passStart = System.nanoTime();
            forwardByVertex(graph, vertices, order, inputNames, inputs, owner, passTimes);
            long passNanos = System.nanoTime() - passStart;
            if (pass >= 0) {
                whole[pass] = passNanos / 1e6;
                for (Map.Entry<String, Double> e : passTimes.entrySet()) {
                    times.get(e.getKey())[pass] = e.getValue();
                }
            }
        }
        List<LayerTime> layers = new ArrayList<>();
        for (Map.Entry<String, double[]> e : times.entrySet()) {
            NodeResult node = nodes.get(e.getKey());
            layers.add(new LayerTime(e.getKey(), node == null ? "" : node.kind(), counts.get(e.getKey()),
                    median(e.getValue())));
        }
        return new LayerResult(batch, runs, layers, median(whole));
    }

    /** The network's outputs computed as {@link #layers} computes them, vertex by vertex (for tests). */
    static INDArray[] outputsByVertex(ComputationGraph graph, INDArray... inputs) {
        GraphVertex[] vertices = graph.getVertices();
        String[] owner = new String[vertices.length];
        Arrays.fill(owner, "");
        INDArray[] outputs = forwardByVertex(graph, vertices, graph.topologicalSortOrder(),
                graph.getConfiguration().getNetworkInputs(), inputs, owner, new HashMap<>());
        return graph.getConfiguration().getNetworkOutputs().stream()
                .map(name -> outputs[graph.getVertex(name).getVertexIndex()]).toArray(INDArray[]::new);
    }

    /**
     * One forward pass, vertex by vertex, adding each vertex's milliseconds to its owner's in {@code times};
     * returns every vertex's output, by vertex index.
     */
    private static INDArray[] forwardByVertex(ComputationGraph graph, GraphVertex[] vertices, int[] order,
                                        List<String> inputNames, INDArray[] inputs, String[] owner,
                                        Map<String, Double> times) {
        LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
        graph.setInputs(inputs);   // layers' input preprocessors take the batch size from the graph's inputs
        INDArray[] outputs = new INDArray[vertices.length];
        for (int index : order) {
            GraphVertex v = vertices[index];
            if (v.isInputVertex()) {
                outputs[index] = inputs[inputNames.indexOf(v.getVertexName())];
                continue;
            }
            VertexIndices[] from = v.getInputVertices();
            for (int i = 0; i < from.length; i++) {
                v.setInput(i, outputs[from[i].getVertexIndex()], workspaces);
            }
            long start = System.nanoTime();
            outputs[index] = v.doForward(false, workspaces);
            times.merge(owner[index], (System.nanoTime() - start) / 1e6, Double::sum);
        }
        graph.clearLayersStates();
        return outputs;
    }

    /** The node of {@code ids} that DL4J vertex {@code name} belongs to: the longest id equal to it or above it. */
    static String ownerOf(String name, java.util.Collection<String> ids) {
        String best = null;
        for (String id : ids) {
            if ((name.equals(id) || name.startsWith(id + "/")) && (best == null || id.length() > best.length())) {
                best = id;
            }
        }
        return best != null ? best : name;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Benchmarks {@code graph} (built from {@code converted}) at one batch size. */
    public static Result run(ConvertedGraph converted, ComputationGraph graph, int batch, int warmup, int runs) {
        if (batch < 1 || warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("batch and runs must be at least 1, warmup at least 0: batch "
                    + batch + ", warmup " + warmup + ", runs " + runs);
        }
        requireFits(converted, batch);
        INDArray[] inputs = converted.inputs().stream()
                .map(id -> Nd4j.rand(DataType.FLOAT, converted.activationShape(id, batch)))
                .toArray(INDArray[]::new);
        for (int i = 0; i < warmup; i++) {
            graph.output(false, inputs);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            graph.output(false, inputs);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return new Result(batch, warmup, runs, median(ms), Arrays.stream(ms).min().orElseThrow(),
                converted.analysis().totals().macs());
    }

    /**
     * This machine's matrix-multiply throughput on ND4J, FLOP/s: the best of {@code reps} products of two
     * {@code n x n} float matrices ({@code 2 n^3} FLOPs each) after one untimed product. A practical peak; the
     * FMA peak of the cores is higher (shared/notes/dl4j-cpu-speed.md: about 170 vs 195-200 GFLOP/s here).
     */
    public static double measureGemmFlops(int n, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        a.mmuli(b, c);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            a.mmuli(b, c);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return 2.0 * n * n * (double) n / best;
    }
}
