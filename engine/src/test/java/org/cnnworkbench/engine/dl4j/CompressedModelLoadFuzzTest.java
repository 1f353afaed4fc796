package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import org.cnnworkbench.engine.compression.CompressedFileMutator;
import org.cnnworkbench.engine.compression.CompressedModel;
import org.cnnworkbench.engine.compression.CompressedModelFile;
import org.cnnworkbench.engine.compression.LayerPlan;
import org.cnnworkbench.engine.compression.Tensor;
import org.cnnworkbench.engine.data.ImageSample;
import org.cnnworkbench.engine.testing.FuzzCampaign;

/**
 * A real {@code model.cwz} (a tiny network trained for two epochs, compressed for one), forged through its
 * decoder: the metadata JSON changed (another or a damaged spec, fields missing or of the wrong type, input
 * sizes, classes, layout and mean that do not fit) and its tensors dropped, renamed, resized or added, each file
 * written with a valid checksum; a third of the cases damage the bytes instead ({@link CompressedFileMutator}).
 * Every case must load into a {@link Predictor} whose probabilities are finite, or end in an IOException of one
 * line naming the file; never another exception, never a hang. A twentieth of {@code fuzz.cases} (at least 15):
 * each case builds a DL4J network.
 */
@Tag("fuzz")
class CompressedModelLoadFuzzTest {

    record Forgery(String description, Forge apply) {
    }

    interface Forge {
        /** The forged model, or null to damage the bytes instead. */
        CompressedModel apply(CompressedModel model, ObjectNode metadata, Random random) throws Exception;
    }

    record Case(List<Forgery> forgeries, List<CompressedFileMutator.Mutation> damage, long seed) {
        String describe() {
            return forgeries.stream().map(Forgery::description).toList()
                    + (damage.isEmpty() ? "" : " " + damage.stream().map(CompressedFileMutator.Mutation::description)
                    .toList()) + " (forgery seed " + seed + ")";
        }
    }

    private static final List<String> JSON_VALUES = List.of("0", "-1", "1", "3", "2147483648", "1e400", "0.5",
            "null", "true", "\"\"", "\"NHWC\"", "\"NCHW\"", "[]", "{}", "[1]", "[\"a\"]", "\"text\"", "16384", "16385",
            "27", "29", "100");

    static Arbitrary<Forgery> forgeries() {
        Arbitrary<String> values = Arbitraries.of(JSON_VALUES);
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("format", "spec", "data", "compression", "data/data",
                        "data/classes", "data/mean", "data/channels", "data/height", "data/width", "data/layout",
                        "spec/nodes", "spec/format", "spec/version"), values).as((path, v) -> new Forgery(
                        path + " := " + v, (m, meta, r) -> withMetadata(m, set(meta, path, v)))),
                Arbitraries.of("format", "spec", "data", "data/classes", "data/mean", "data/channels", "data/layout",
                        "spec/nodes").map(path -> new Forgery("remove " + path,
                        (m, meta, r) -> withMetadata(m, remove(meta, path)))),
                Combinators.combine(Arbitraries.of("filters", "kernel", "stride", "channels", "height", "width",
                        "rate"), values).as((field, v) -> new Forgery("a node's " + field + " := " + v,
                        (m, meta, r) -> withMetadata(m, setInNode(meta, field, v, r)))),
                Arbitraries.just(new Forgery("delete a spec node", (m, meta, r) -> {
                    ArrayNode nodes = (ArrayNode) meta.path("spec").path("nodes");
                    nodes.remove(r.nextInt(nodes.size()));
                    return withMetadata(m, meta);
                })),
                Arbitraries.just(new Forgery("another network's spec", (m, meta, r) -> {
                    meta.set("spec", RunDirectory.JSON.readTree(org.cnnworkbench.engine.io.NetworkJson.write(
                            TrainerTest.tinySpec(1 + r.nextInt(12)))));
                    return withMetadata(m, meta);
                })),
                Arbitraries.of("", "null", "[]", "{", "{\"format\": \"cnn-workbench-compressed-model\"}",
                        "[".repeat(5000), "\ufeff{}").map(text -> new Forgery("metadata := '"
                        + (text.length() > 20 ? text.substring(0, 20) + "..." : text) + "'",
                        (m, meta, r) -> new CompressedModel(text, m.tensors()))),
                Arbitraries.just(new Forgery("drop a tensor", (m, meta, r) -> {
                    List<Tensor> tensors = new ArrayList<>(m.tensors());
                    tensors.remove(r.nextInt(tensors.size()));
                    return new CompressedModel(m.metadataJson(), tensors);
                })),
                Arbitraries.just(new Forgery("rename a tensor", (m, meta, r) -> replaceTensor(m, r,
                        t -> Tensor.raw(t.name() + "~", t.shape(), t.values())))),
                Arbitraries.of(1, 2, -1).map(d -> new Forgery("a tensor with " + d + " more values", (m, meta, r) ->
                        replaceTensor(m, r, t -> {
                            int n = Math.max(1, t.values().length + d);
                            return Tensor.raw(t.name(), new long[] {n}, java.util.Arrays.copyOf(t.values(), n));
                        }))),
                Arbitraries.just(new Forgery("a tensor reshaped", (m, meta, r) -> replaceTensor(m, r,
                        t -> Tensor.raw(t.name(), new long[] {t.values().length}, t.values())))),
                Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, 1e30f, -1e30f, 0f).map(v -> new Forgery(
                        "a tensor's values := " + v, (m, meta, r) -> replaceTensor(m, r, t -> {
                            float[] filled = new float[t.values().length];
                            java.util.Arrays.fill(filled, v);
                            return Tensor.raw(t.name(), t.shape(), filled);
                        }))),
                Arbitraries.just(new Forgery("an extra tensor", (m, meta, r) -> {
                    List<Tensor> tensors = new ArrayList<>(m.tensors());
                    tensors.add(Tensor.raw("extra/W", new long[] {3}, new float[] {1, 2, 3}));
                    return new CompressedModel(m.metadataJson(), tensors);
                })));
    }

    static Arbitrary<Case> cases() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Combinators.combine(forgeries().list().ofMinSize(1).ofMaxSize(2), Arbitraries.longs())
                        .as((f, s) -> new Case(f, List.of(), s))),
                Tuple.of(1, Combinators.combine(CompressedFileMutator.mutations().list().ofMinSize(1).ofMaxSize(2),
                        Arbitraries.longs()).as((d, s) -> new Case(List.of(), d, s))));
    }

    static Path trainAndCompress(Path dir) throws Exception {
        Path source = TinyRuns.train(dir);
        CompressionJob job = new CompressionJob(null, null, 0, List.of(CompressionJob.Method.PRUNE,
                CompressionJob.Method.QUANTIZE, CompressionJob.Method.HUFFMAN), Map.of(),
                List.of(new LayerPlan("conv1", 0.5, 4, 3), new LayerPlan("conv2", 0.3, 3, 2)), 0, 1, 0, 1e-4, ModelChoice.BEST);
        Path out = dir.resolve("compressed");
        Compressor.compress(source, job, new Compressor.FineTune(3e-4, 0, 0, 20), out, new TrainingListener() { },
                new AtomicBoolean());
        return out.resolve(CompressedModels.FILE);
    }

    @Example
    void noForgedCompressedModelBreaksLoadingOrPrediction() throws Exception {
        Path dir = Files.createTempDirectory("cwz-fuzz");
        Path seedFile = trainAndCompress(dir);
        byte[] seedBytes = Files.readAllBytes(seedFile);
        CompressedModel seed = CompressedModelFile.read(seedFile);
        assertThat(seed.tensors()).anyMatch(t -> t.encoding() == Tensor.Encoding.SPARSE);
        check(seedFile);  // the real file loads and predicts

        int count = Math.max(15, FuzzCampaign.cases(300) / 20);
        RandomGenerator<Case> generator = cases().generator(1000, true);
        Random random = new Random(FuzzCampaign.seed());
        FuzzCampaign campaign = new FuzzCampaign("compressed models through DL4J");
        for (int i = 0; i < count; i++) {
            Case c = generator.next(random).value();
            Path file = dir.resolve("case" + i + ".cwz");
            StringBuilder log = new StringBuilder();
            byte[] bytes = seedBytes;
            if (!c.forgeries().isEmpty()) {
                CompressedModel model = seed;
                Random r = new Random(c.seed());
                for (Forgery f : c.forgeries()) {
                    model = f.apply().apply(model, metadataToForge(model, seed), r);
                }
                bytes = CompressedModelFile.encode(model, CompressedModelFile.Options.DEFAULT).bytes();
            }
            for (CompressedFileMutator.Mutation m : c.damage()) {
                bytes = m.applyTo(bytes, log);
            }
            Files.write(file, bytes);
            campaign.run("case " + i + " (fuzz.seed " + FuzzCampaign.seed() + "): " + c.describe() + " " + log,
                    Duration.ofSeconds(60), () -> check(file));
            Files.delete(file);
        }
        campaign.finish();
        TinyRuns.delete(dir);
    }

    private static FuzzCampaign.Outcome check(Path file) {
        Predictor predictor;
        try {
            predictor = Predictor.load(file);
        } catch (IOException e) {
            assertThat(e.getMessage()).contains(file.toString()).doesNotContain("\n");
            return FuzzCampaign.Outcome.DIAGNOSED;
        }
        var pipeline = predictor.pipeline();
        int c = pipeline.channels();
        int h = pipeline.height();
        int w = pipeline.width();
        float[] chw = new float[c * h * w];
        Random r = new Random(1);
        for (int i = 0; i < chw.length; i++) {
            chw[i] = r.nextFloat();
        }
        float[][] p = predictor.probabilities(List.of(new ImageSample(chw, c, h, w, 0)));
        assertThat(p).hasDimensions(1, predictor.classes().size());
        for (float v : p[0]) {
            assertThat(Float.isFinite(v)).as("finite probability " + v).isTrue();
        }
        return FuzzCampaign.Outcome.ACCEPTED;
    }

    /** The model's metadata if an earlier forgery left it an object with a spec, else the seed's. */
    private static ObjectNode metadataToForge(CompressedModel model, CompressedModel seed) throws IOException {
        try {
            if (RunDirectory.JSON.readTree(model.metadataJson()) instanceof ObjectNode current
                    && current.path("spec").path("nodes").isArray() && !current.path("spec").path("nodes").isEmpty()) {
                return current;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            // an earlier forgery made it text that is not JSON: forge the seed's metadata instead
        }
        return (ObjectNode) RunDirectory.JSON.readTree(seed.metadataJson());
    }

    private static CompressedModel withMetadata(CompressedModel m, JsonNode metadata) throws IOException {
        return new CompressedModel(RunDirectory.JSON.writeValueAsString(metadata), m.tensors());
    }

    private static ObjectNode set(ObjectNode meta, String path, String value) throws IOException {
        String[] parts = path.split("/");
        JsonNode parent = parts.length == 1 ? meta : meta.path(parts[0]);
        if (parent instanceof ObjectNode o) {
            o.set(parts[parts.length - 1], RunDirectory.JSON.readTree(value));
        }
        return meta;
    }

    private static ObjectNode remove(ObjectNode meta, String path) {
        String[] parts = path.split("/");
        JsonNode parent = parts.length == 1 ? meta : meta.path(parts[0]);
        if (parent instanceof ObjectNode o) {
            o.remove(parts[parts.length - 1]);
        }
        return meta;
    }

    private static ObjectNode setInNode(ObjectNode meta, String field, String value, Random r) throws IOException {
        List<ObjectNode> having = new ArrayList<>();
        for (JsonNode node : meta.path("spec").path("nodes")) {
            if (node instanceof ObjectNode o && o.has(field)) {
                having.add(o);
            }
        }
        if (!having.isEmpty()) {
            having.get(r.nextInt(having.size())).set(field, RunDirectory.JSON.readTree(value));
        }
        return meta;
    }

    private static CompressedModel replaceTensor(CompressedModel m, Random r,
                                                 java.util.function.UnaryOperator<Tensor> change) {
        List<Tensor> tensors = new ArrayList<>(m.tensors());
        int i = r.nextInt(tensors.size());
        tensors.set(i, change.apply(tensors.get(i)));
        return new CompressedModel(m.metadataJson(), tensors);
    }
}
