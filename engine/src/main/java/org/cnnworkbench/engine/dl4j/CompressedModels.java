package org.cnnworkbench.engine.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.engine.compression.CompressedFormatException;
import org.cnnworkbench.engine.compression.CompressedModel;
import org.cnnworkbench.engine.compression.CompressedModelFile;
import org.cnnworkbench.engine.compression.CompressedSizeEstimate;
import org.cnnworkbench.engine.compression.CompressionPlan;
import org.cnnworkbench.engine.compression.LayerPlan;
import org.cnnworkbench.engine.compression.SizeBreakdown;
import org.cnnworkbench.engine.compression.Tensor;
import org.cnnworkbench.engine.io.AtomicFiles;
import org.cnnworkbench.engine.io.BoundedText;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The compressed model file of a run ({@code model.cwbz}, docs/compressed-format.md) and its size report
 * ({@code compression-report.json}), from and back to DL4J.
 *
 * <p>Every parameter of the model is one tensor named {@code VERTEX/PARAM} (DL4J's layer vertex and parameter
 * name): the weights of the planned layers sparse and/or shared, everything else (biases, batch normalisation,
 * unplanned layers) as float32. The metadata holds the network spec and the data description, so the file alone
 * is enough for inference: {@link #load} rebuilds the network with exactly the stored weights.
 */
public final class CompressedModels {

    static {
        Dl4jRuntime.configure();   // the fast-path properties before a model file makes ND4J load
    }

    /** The compressed model in a compressed run directory. */
    public static final String FILE = "model.cwbz";
    /** The size report beside it. */
    public static final String REPORT = "compression-report.json";
    private static final String METADATA_FORMAT = "cnn-workbench-compressed-model";

    private CompressedModels() {
    }

    /**
     * Writes {@code model.cwbz} and {@code compression-report.json} of the completed compressed run in
     * {@code runDir} from its {@code model.zip}.
     */
    public static Report writeRun(Path runDir) throws IOException, Dl4jConversionException {
        CompressionJob job = Compressor.readJob(runDir);
        RunDirectory run = new RunDirectory(runDir);
        NetworkSpec spec = run.spec();
        ComputationGraph graph = ModelFiles.load(run.modelFile(), false);
        CompressedModel model = encode(graph, spec, run.dataInfo(), job);
        SizeBreakdown sizes = CompressedModelFile.write(runDir.resolve(FILE), model,
                job.uses(CompressionJob.Method.HUFFMAN) ? CompressedModelFile.Options.DEFAULT
                        : CompressedModelFile.Options.FIXED_WIDTH);
        Report report = new Report(job.approach(), job.sourceNetwork(), 4 * job.sourceParams(),
                Files.size(runDir.resolve(FILE)), CompressedSizeEstimate.of(spec, effectivePlan(job)), sizes);
        AtomicFiles.writeString(runDir.resolve(REPORT), RunDirectory.JSON.writeValueAsString(report));
        return report;
    }

    /**
     * What a compressed run's file holds and what was predicted.
     *
     * @param approach the methods ("Deep Compression", ...)
     * @param network the source network
     * @param originalBytes the source model's parameters at 32 bits
     * @param fileBytes the bytes of model.cwbz
     * @param predicted the size predicted from the settings, before fine-tuning and Huffman coding
     * @param sizes the file's bytes per tensor and part
     */
    public record Report(String approach, String network, long originalBytes, long fileBytes,
                         CompressedSizeEstimate predicted, SizeBreakdown sizes) {
    }

    /** The report of a compressed run. */
    public static Report readReport(Path runDir) throws IOException {
        Path file = runDir.resolve(REPORT);
        try {
            return RunDirectory.JSON.readValue(BoundedText.read(file, 16L << 20), Report.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(file + ": damaged (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    /** The plan as the job applies it: no pruning without prune, float32 values without quantize. */
    public static CompressionPlan effectivePlan(CompressionJob job) {
        return CompressionPlan.of(job.layers()).applied(job.uses(CompressionJob.Method.PRUNE),
                job.uses(CompressionJob.Method.QUANTIZE));
    }

    /** The tensors of {@code graph}: planned weights sparse and/or shared, every other parameter float32. */
    static CompressedModel encode(ComputationGraph graph, NetworkSpec spec, RunDirectory.DataInfo info,
                                  CompressionJob job) throws Dl4jConversionException, IOException {
        ConvertedGraph converted = Dl4jConverter.convert(spec);
        CompressionPlan plan = effectivePlan(job);
        Map<String, SharedLayer> shared = new java.util.HashMap<>();
        Map<String, LayerPlan> plans = new java.util.HashMap<>();
        for (GraphWeights.WeightLayer layer : GraphWeights.compressible(graph, converted)) {
            var p = plan.layer(layer.node());
            if (p.isPresent()) {
                SharedLayer s = new SharedLayer(layer);
                s.recover(graph, p.get().density() < 1, p.get().bits() < LayerPlan.FLOAT32);
                shared.put(layer.vertex(), s);
                plans.put(layer.vertex(), p.get());
            }
        }
        List<Tensor> tensors = new ArrayList<>();
        for (var vertex : GraphWeights.all(graph).entrySet()) {
            for (var param : vertex.getValue().entrySet()) {
                String name = vertex.getKey() + "/" + param.getKey();
                INDArray array = param.getValue();
                float[] values = GraphWeights.flatten(array);
                SharedLayer s = GraphWeights.WEIGHTS.equals(param.getKey()) ? shared.get(vertex.getKey()) : null;
                if (s == null) {
                    tensors.add(Tensor.raw(name, array.shape(), values));
                } else {
                    LayerPlan p = plans.get(vertex.getKey());
                    boolean[] kept = s.pruned() ? s.kept() : null;
                    float[] codebook = s.codebook();
                    int bits = codebook == null ? 32 : Math.max(p.bits(), Tensor.bitsFor(codebook.length));
                    tensors.add(new Tensor(name, array.shape(), Tensor.Encoding.SPARSE, values, kept, codebook, bits,
                            kept == null ? 0 : p.gapBits()));
                }
            }
        }
        ObjectNode metadata = RunDirectory.JSON.createObjectNode();
        metadata.put("format", METADATA_FORMAT);
        metadata.set("spec", RunDirectory.JSON.readTree(NetworkJson.write(spec)));
        metadata.set("data", RunDirectory.JSON.valueToTree(info));
        metadata.set("compression", RunDirectory.JSON.valueToTree(job));
        return new CompressedModel(RunDirectory.JSON.writeValueAsString(metadata), tensors);
    }

    /**
     * A predictor for the model in a compressed file: the network rebuilt from the file's spec with exactly the
     * stored weights.
     *
     * @throws IOException naming the file if it is not a compressed model, is damaged, truncated, of a newer
     *                     version, or does not hold every parameter of its network
     */
    public static Predictor load(Path file) throws IOException {
        CompressedModel model = CompressedModelFile.read(file);
        NetworkSpec spec;
        RunDirectory.DataInfo info;
        try {
            JsonNode metadata = RunDirectory.JSON.readTree(model.metadataJson());
            if (!METADATA_FORMAT.equals(metadata.path("format").asText())) {
                throw new CompressedFormatException(file, "not a compressed model of this workbench (its "
                        + "metadata has no format '" + METADATA_FORMAT + "')");
            }
            spec = NetworkJson.read(metadata.path("spec").toString(), file + " (spec)").spec();
            info = RunDirectory.JSON.treeToValue(metadata.path("data"), RunDirectory.DataInfo.class);
        } catch (SpecFormatException e) {
            throw new CompressedFormatException(file, "its network spec is not valid: " + e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new CompressedFormatException(file, "its metadata is damaged ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
        ComputationGraph graph;
        try {
            graph = Dl4jConverter.convert(spec).newGraph();
        } catch (Dl4jConversionException e) {
            throw new CompressedFormatException(file, "its network cannot be built: " + e.getMessage());
        }
        Set<String> missing = new HashSet<>();
        for (var vertex : GraphWeights.all(graph).entrySet()) {
            for (var param : vertex.getValue().entrySet()) {
                String name = vertex.getKey() + "/" + param.getKey();
                Tensor t = model.tensor(name);
                if (t == null) {
                    missing.add(name);
                } else if (t.values().length != param.getValue().length()) {
                    throw new CompressedFormatException(file, "" + name + " has " + t.values().length
                            + " values; the network needs " + param.getValue().length());
                } else {
                    requireFinite(file, name, t.values());
                    GraphWeights.write(graph, vertex.getKey(), param.getKey(), t.values());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new CompressedFormatException(file, "no values for " + String.join(", ", missing.stream()
                    .sorted().limit(5).toList()) + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : ""));
        }
        ModelFiles.checkFits(graph, file, info.channels(), info.height(), info.width(), info.layout(),
                info.classes().size(), "its metadata");
        return Predictor.of(graph, spec, info, file.getFileName() + " (compressed model)");
    }

    /**
     * The format keeps any float bits (NaN included), but one weight that is not a finite number makes every
     * prediction NaN: such a file is refused.
     */
    private static void requireFinite(Path file, String name, float[] values) throws CompressedFormatException {
        int bad = 0;
        float first = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                first = bad == 0 ? v : first;
                bad++;
            }
        }
        if (bad > 0) {
            throw new CompressedFormatException(file, name + " holds " + bad
                    + (bad == 1 ? " value that is" : " values that are") + " not a finite number (" + first + "); the network would predict NaN");
        }
    }
}
