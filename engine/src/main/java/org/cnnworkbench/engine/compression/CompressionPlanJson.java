package org.cnnworkbench.engine.compression;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.engine.io.AtomicFiles;
import org.cnnworkbench.engine.io.SourceLocation;
import org.cnnworkbench.engine.io.SpecFiles;
import org.cnnworkbench.engine.io.SpecFormatException;

/**
 * Reads and writes compression plans:
 *
 * <pre>{@code
 * {"format": "cnn-workbench-compression-plan", "version": 1, "network": "alexnet",
 *  "layers": [
 *    {"layer": "conv1", "density": 0.84, "bits": 8, "gapBits": 4},
 *    {"layer": "fc6", "density": 0.09, "bits": 5}
 *  ]}
 * }</pre>
 *
 * {@code gapBits} may be left out ({@value CompressionDefaults#GAP_BITS}); {@code bits} 32 keeps a layer's weights
 * as floats; {@code network} is informative. Every problem, including a value out of range, is a
 * {@link SpecFormatException} with the file, line and column; whether the layers exist in a network is checked
 * by {@link CompressionPlan#validate}.
 *
 * <pre>{@code
 * CompressionPlan plan = CompressionPlanJson.read(Path.of("alexnet.plan.json"));
 * String text = CompressionPlanJson.write(plan, "alexnet");
 * }</pre>
 */
public final class CompressionPlanJson {

    public static final String FORMAT = "cnn-workbench-compression-plan";
    public static final int VERSION = 1;
    private static final Set<String> TOP_LEVEL = Set.of("format", "version", "network", "layers");
    private static final List<String> LAYER_FIELDS = List.of("layer", "density", "bits", "gapBits");
    private static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private CompressionPlanJson() {
    }

    /** Reads a plan file. */
    public static CompressionPlan read(Path file) throws SpecFormatException {
        return read(SpecFiles.readText(file), file.toString());
    }

    /** Reads a plan from text; {@code source} names it in messages. */
    public static CompressionPlan read(String text, String source) throws SpecFormatException {
        if (text.isBlank()) {
            throw new SpecFormatException(source, null, "the file is empty; expected a compression plan (JSON)");
        }
        JsonParser parser = null;
        try (JsonParser p = MAPPER.createParser(text)) {
            parser = p;
            return new Reader(source).read(p);
        } catch (JsonProcessingException e) {
            // a broken limit (nesting deeper than 1,000) comes without a location: take the last token read
            JsonLocation where = e.getLocation() != null || parser == null ? e.getLocation() : parser.currentTokenLocation();
            throw new SpecFormatException(source, location(where), "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SpecFormatException(source, null, "cannot be read: " + e.getMessage());
        }
    }

    /** The plan as JSON text, one layer per line; {@code network} may be null. */
    public static String write(CompressionPlan plan, String network) {
        try {
            StringBuilder out = new StringBuilder("{\n");
            out.append("  \"format\": \"").append(FORMAT).append("\",\n");
            out.append("  \"version\": ").append(VERSION).append(",\n");
            if (network != null) {
                out.append("  \"network\": ").append(MAPPER.writeValueAsString(network)).append(",\n");
            }
            out.append("  \"layers\": [");
            boolean first = true;
            for (LayerPlan l : plan.layers().values()) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("layer", l.layer());
                map.put("density", l.density());
                map.put("bits", l.bits());
                map.put("gapBits", l.gapBits());
                out.append(first ? "\n    " : ",\n    ").append(MAPPER.writeValueAsString(map));
                first = false;
            }
            out.append(first ? "]\n}\n" : "\n  ]\n}\n");
            return out.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + plan, e);
        }
    }

    /** Writes a plan file atomically. */
    public static void write(CompressionPlan plan, String network, Path file) throws IOException {
        AtomicFiles.writeString(file, write(plan, network));
    }

    private static SourceLocation location(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? null : new SourceLocation(l.getLineNr(), l.getColumnNr());
    }

    private record Reader(String source) {

        CompressionPlan read(JsonParser p) throws IOException, SpecFormatException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error(p, "expected a JSON object with \"format\": \"" + FORMAT + "\"");
            }
            SourceLocation start = location(p.currentTokenLocation());
            Map<String, JsonNode> fields = new HashMap<>();
            Map<String, SourceLocation> at = new HashMap<>();
            List<LayerPlan> layers = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (!TOP_LEVEL.contains(field)) {
                    throw error(p, "unknown field \"" + field + "\"; a compression plan has format, version, "
                            + "network and layers");
                }
                p.nextToken();
                at.put(field, location(p.currentTokenLocation()));
                if (field.equals("layers")) {
                    layers = readLayers(p);
                } else {
                    fields.put(field, MAPPER.readTree(p));
                }
            }
            if (p.nextToken() != null) {
                throw error(p, "unexpected content after the plan object");
            }
            JsonNode format = fields.get("format");
            if (format == null || !format.isTextual() || !format.textValue().equals(FORMAT)) {
                throw new SpecFormatException(source, format == null ? start : at.get("format"),
                        "not a compression plan: expected \"format\": \"" + FORMAT + "\"");
            }
            JsonNode version = fields.get("version");
            if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()
                    || version.intValue() != VERSION) {
                throw new SpecFormatException(source, version == null ? start : at.get("version"),
                        "expected \"version\": " + VERSION + " (the version this workbench reads), not " + version);
            }
            JsonNode network = fields.get("network");
            if (network != null && !network.isTextual() && !network.isNull()) {
                throw new SpecFormatException(source, at.get("network"), "\"network\" must be text");
            }
            if (layers == null) {
                throw new SpecFormatException(source, start, "missing \"layers\": the list of planned layers");
            }
            return CompressionPlan.of(layers);
        }

        private List<LayerPlan> readLayers(JsonParser p) throws IOException, SpecFormatException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw error(p, "\"layers\" must be a list of {\"layer\", \"density\", \"bits\", \"gapBits\"} objects");
            }
            List<LayerPlan> layers = new ArrayList<>();
            Map<String, SourceLocation> seen = new HashMap<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                SourceLocation at = location(p.currentTokenLocation());
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw error(p, "each planned layer must be an object such as {\"layer\": \"fc6\", "
                            + "\"density\": 0.09, \"bits\": 5, \"gapBits\": 4}");
                }
                LayerPlan plan = toLayer(MAPPER.readTree(p), at);
                SourceLocation first = seen.putIfAbsent(plan.layer(), at);
                if (first != null) {
                    throw new SpecFormatException(source, at, "layer \"" + plan.layer() + "\" is planned a second "
                            + "time (the first is at " + first + ")");
                }
                layers.add(plan);
            }
            return layers;
        }

        private LayerPlan toLayer(JsonNode json, SourceLocation at) throws SpecFormatException {
            for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!LAYER_FIELDS.contains(name)) {
                    throw new SpecFormatException(source, at, "unknown field \"" + name + "\" in a planned layer; "
                            + "it has " + String.join(", ", LAYER_FIELDS));
                }
            }
            JsonNode layer = json.get("layer");
            if (layer == null || !layer.isTextual() || layer.textValue().isBlank()) {
                throw new SpecFormatException(source, at, "planned layer without \"layer\" (the node id, e.g. "
                        + "\"conv1\" or \"fire2/expand3x3\")");
            }
            String id = layer.textValue();
            JsonNode density = json.get("density");
            if (density == null || !density.isNumber()) {
                throw new SpecFormatException(source, at, "layer \"" + id + "\" needs \"density\": the fraction of "
                        + "weights kept, a number in (0, 1]");
            }
            int bits = whole(json, "bits", id, at, null);
            int gapBits = whole(json, "gapBits", id, at, CompressionDefaults.GAP_BITS);
            LayerPlan plan = new LayerPlan(id, density.doubleValue(), bits, gapBits);
            List<String> problems = plan.problems();
            if (!problems.isEmpty()) {
                throw new SpecFormatException(source, at, "layer \"" + id + "\": " + String.join("; ", problems));
            }
            return plan;
        }

        private int whole(JsonNode json, String field, String id, SourceLocation at, Integer missing)
                throws SpecFormatException {
            JsonNode v = json.get(field);
            if (v == null && missing != null) {
                return missing;
            }
            if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new SpecFormatException(source, at, "layer \"" + id + "\" needs \"" + field + "\": a whole "
                        + "number of bits" + (v == null ? "" : ", not " + v));
            }
            return v.intValue();
        }

        private SpecFormatException error(JsonParser p, String reason) {
            return new SpecFormatException(source, location(p.currentTokenLocation()), reason);
        }
    }
}
