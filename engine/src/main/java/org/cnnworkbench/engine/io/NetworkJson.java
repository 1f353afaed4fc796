package org.cnnworkbench.engine.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.model.Node;

/**
 * Reads and writes network specs in the workbench's versioned JSON format (docs/spec-format.md):
 *
 * <pre>{@code
 * {"format": "cnn-workbench-network", "version": 1, "name": "tiny",
 *  "nodes": [
 *    {"id": "data", "kind": "input", "channels": 3, "height": 32, "width": 32},
 *    {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 16, "kernel": 3, "pad": 1}
 *  ]}
 * }</pre>
 *
 * Reading reports every problem with its line and column; semantic problems (unknown kinds, bad parameter
 * values, broken wiring) are left to the analysis, so a half-finished network still opens.
 */
public final class NetworkJson {

    public static final String FORMAT = "cnn-workbench-network";
    public static final int VERSION = 1;
    /**
     * The largest distance from the origin, in canvas units, of a position in a file's layout: about 45,000
     * card widths. A position beyond it (a damaged or hand-written file) is dropped with a warning and the
     * node is laid out again; a canvas that far out cannot be shown or zoomed to fit.
     */
    public static final double MAX_COORDINATE = 1e7;
    private static final Set<String> TOP_LEVEL = Set.of("format", "version", "name", "description", "nodes",
            "layout");

    private static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build());

    private NetworkJson() {
    }

    /** Reads a spec file. */
    public static LoadedNetwork read(Path file) throws SpecFormatException {
        return read(SpecFiles.readText(file), file.toString());
    }

    /** Reads a spec from text; {@code source} names it in messages. */
    public static LoadedNetwork read(String text, String source) throws SpecFormatException {
        return new Reader(text, source).read();
    }

    /** The spec as JSON text: the header, then one node per line. */
    public static String write(NetworkSpec spec) {
        return write(spec, Map.of());
    }

    /**
     * The spec and the positions of its nodes as JSON text; positions of ids that are not in the spec are
     * left out.
     */
    public static String write(NetworkSpec spec, Map<String, NodePosition> layout) {
        try {
            StringBuilder out = new StringBuilder("{\n");
            out.append("  \"format\": ").append(MAPPER.writeValueAsString(FORMAT)).append(",\n");
            out.append("  \"version\": ").append(VERSION).append(",\n");
            out.append("  \"name\": ").append(MAPPER.writeValueAsString(spec.name())).append(",\n");
            if (!spec.description().isEmpty()) {
                out.append("  \"description\": ").append(MAPPER.writeValueAsString(spec.description())).append(",\n");
            }
            out.append("  \"nodes\": [");
            List<Node> nodes = spec.nodes();
            for (int i = 0; i < nodes.size(); i++) {
                out.append(i == 0 ? "\n    " : ",\n    ").append(MAPPER.writeValueAsString(toMap(nodes.get(i))));
            }
            out.append(nodes.isEmpty() ? "]" : "\n  ]");
            boolean first = true;
            for (Node node : nodes) {
                NodePosition at = layout.get(node.id());
                if (at != null) {
                    out.append(first ? ",\n  \"layout\": {\n    " : ",\n    ")
                            .append(MAPPER.writeValueAsString(node.id())).append(": [")
                            .append(coordinate(at.x())).append(", ").append(coordinate(at.y())).append("]");
                    first = false;
                }
            }
            out.append(first ? "\n}\n" : "\n  }\n}\n");
            return out.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + spec, e);
        }
    }

    /** Writes a spec file atomically. */
    public static void write(NetworkSpec spec, Path file) throws IOException {
        AtomicFiles.writeString(file, write(spec));
    }

    /** Writes a spec file with its node positions atomically. */
    public static void write(NetworkSpec spec, Map<String, NodePosition> layout, Path file) throws IOException {
        AtomicFiles.writeString(file, write(spec, layout));
    }

    private static String coordinate(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static Map<String, Object> toMap(Node node) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", node.id());
        map.put("kind", node.kind());
        String plugin = provenance(node);
        if (!plugin.isEmpty()) {
            map.put("plugin", plugin);
        }
        if (!node.inputs().isEmpty()) {
            map.put("inputs", node.inputs());
        }
        map.putAll(node.params());
        return map;
    }

    /**
     * The plugin a node's kind comes from, as the file records it: the node's own record (kept as read, even when
     * that plugin is not installed), else the installed kind's plugin; nothing for a built-in or unknown kind.
     */
    private static String provenance(Node node) {
        if (!node.plugin().isEmpty()) {
            return node.plugin();
        }
        return KindRegistry.standard().unit(node.kind()).filter(k -> !k.isBuiltIn()).map(LayerKind::plugin)
                .orElse("");
    }

    private static final class Reader {
        private final String text;
        private final String source;
        /** Warnings for layout positions too far out to use. */
        private final List<String> farOut = new ArrayList<>();

        Reader(String text, String source) {
            this.text = text;
            this.source = source;
        }

        LoadedNetwork read() throws SpecFormatException {
            if (text.length() > SpecFiles.MAX_BYTES) {
                throw new SpecFormatException(source, null, "is longer than a network spec can be ("
                        + SpecFiles.MAX_BYTES + " characters at most)");
            }
            if (text.isBlank()) {
                throw new SpecFormatException(source, null, "the file is empty; expected a network spec (JSON)");
            }
            try (JsonParser p = MAPPER.createParser(text)) {
                return readNetwork(p);
            } catch (JsonProcessingException e) {
                throw new SpecFormatException(source, location(e.getLocation()), "malformed JSON: "
                        + e.getOriginalMessage());
            } catch (IOException e) {
                throw new SpecFormatException(source, null, "cannot be read: " + e.getMessage());
            }
        }

        private LoadedNetwork readNetwork(JsonParser p) throws IOException, SpecFormatException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error(p, "expected a JSON object with \"format\": \"" + FORMAT + "\"");
            }
            SourceLocation start = location(p.currentTokenLocation());
            Map<String, JsonNode> fields = new HashMap<>();
            Map<String, SourceLocation> fieldLocations = new HashMap<>();
            List<Node> nodes = new ArrayList<>();
            Map<String, SourceLocation> nodeLocations = new LinkedHashMap<>();
            Map<String, NodePosition> layout = new LinkedHashMap<>();
            Map<String, SourceLocation> layoutLocations = new LinkedHashMap<>();
            boolean sawNodes = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                SourceLocation at = location(p.currentTokenLocation());
                if (!TOP_LEVEL.contains(field)) {
                    throw new SpecFormatException(source, at, "unknown field \"" + field + "\"; a network has "
                            + "format, version, name, description, nodes and layout");
                }
                p.nextToken();
                if (field.equals("nodes")) {
                    sawNodes = true;
                    readNodes(p, nodes, nodeLocations);
                } else if (field.equals("layout")) {
                    readLayout(p, layout, layoutLocations);
                } else {
                    fieldLocations.put(field, location(p.currentTokenLocation()));
                    fields.put(field, MAPPER.readTree(p));
                }
            }
            if (p.nextToken() != null) {
                throw error(p, "unexpected content after the network object");
            }
            checkHeader(fields, fieldLocations, start);
            if (!sawNodes) {
                throw new SpecFormatException(source, start, "missing \"nodes\": the list of the network's nodes");
            }
            String name = optionalText(fields, fieldLocations, "name");
            String description = optionalText(fields, fieldLocations, "description");
            if (name == null || name.isBlank()) {
                name = defaultName();
            }
            List<String> warnings = new ArrayList<>(farOut);
            for (Map.Entry<String, SourceLocation> entry : layoutLocations.entrySet()) {
                if (!nodeLocations.containsKey(entry.getKey())) {
                    layout.remove(entry.getKey());
                    warnings.add(SourceLocation.where(source, entry.getValue()) + ": the layout names \""
                            + entry.getKey() + "\", which is not a node of this network; its position is ignored");
                }
            }
            return new LoadedNetwork(new NetworkSpec(name, description, nodes), source, nodeLocations, layout,
                    warnings);
        }

        private void checkHeader(Map<String, JsonNode> fields, Map<String, SourceLocation> at, SourceLocation start)
                throws SpecFormatException {
            JsonNode format = fields.get("format");
            if (format == null || !format.isTextual() || !format.textValue().equals(FORMAT)) {
                throw new SpecFormatException(source, format == null ? start : at.get("format"),
                        "not a workbench network: expected \"format\": \"" + FORMAT + "\"");
            }
            JsonNode version = fields.get("version");
            if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()
                    || version.intValue() < 1) {
                throw new SpecFormatException(source, version == null ? start : at.get("version"),
                        "expected \"version\": a whole number >= 1 (this workbench writes " + VERSION + ")");
            }
            if (version.intValue() > VERSION) {
                throw new SpecFormatException(source, at.get("version"), "this file is format version "
                        + version.intValue() + ", written by a newer workbench; this one reads versions up to "
                        + VERSION + ". Open it with a newer workbench.");
            }
        }

        private String optionalText(Map<String, JsonNode> fields, Map<String, SourceLocation> at, String name)
                throws SpecFormatException {
            JsonNode value = fields.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw new SpecFormatException(source, at.get(name), "\"" + name + "\" must be text");
            }
            return value.textValue();
        }

        private String defaultName() {
            String file = Path.of(source).getFileName().toString();
            return file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
        }

        private void readNodes(JsonParser p, List<Node> nodes, Map<String, SourceLocation> locations)
                throws IOException, SpecFormatException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw error(p, "\"nodes\" must be a list of node objects");
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                SourceLocation at = location(p.currentTokenLocation());
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw error(p, "each node must be an object with \"id\" and \"kind\"");
                }
                Node node = toNode(MAPPER.readTree(p), at);
                SourceLocation first = locations.putIfAbsent(node.id(), at);
                if (first != null) {
                    throw new SpecFormatException(source, at, "a second node has the id \"" + node.id()
                            + "\" (the first is at " + first + "); node ids must be unique");
                }
                nodes.add(node);
            }
        }

        /** {@code "layout": {"conv1": [x, y], ...}}: where the workbench drew each node. */
        private void readLayout(JsonParser p, Map<String, NodePosition> layout,
                                Map<String, SourceLocation> locations) throws IOException, SpecFormatException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw error(p, "\"layout\" must be an object of node id -> [x, y]");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String id = p.currentName();
                p.nextToken();
                SourceLocation at = location(p.currentTokenLocation());
                JsonNode xy = MAPPER.readTree(p);
                if (!xy.isArray() || xy.size() != 2 || !xy.get(0).isNumber() || !xy.get(1).isNumber()
                        || !Double.isFinite(xy.get(0).doubleValue()) || !Double.isFinite(xy.get(1).doubleValue())) {
                    throw new SpecFormatException(source, at, "the layout of \"" + id + "\" must be [x, y]");
                }
                double x = xy.get(0).doubleValue();
                double y = xy.get(1).doubleValue();
                if (Math.abs(x) > MAX_COORDINATE || Math.abs(y) > MAX_COORDINATE) {
                    farOut.add(SourceLocation.where(source, at) + ": the layout puts \"" + id + "\" at ["
                            + x + ", " + y + "], beyond \u00b1" + (long) MAX_COORDINATE
                            + "; its position is ignored and it is laid out again");
                    continue;
                }
                layout.put(id, new NodePosition(x, y));
                locations.put(id, at);
            }
        }

        private Node toNode(JsonNode json, SourceLocation at) throws SpecFormatException {
            JsonNode id = json.get("id");
            if (id == null || !id.isTextual() || id.textValue().isBlank()) {
                throw new SpecFormatException(source, at, "node without an \"id\" (a non-empty text)");
            }
            String nodeId = id.textValue();
            JsonNode kind = json.get("kind");
            if (kind == null || !kind.isTextual()) {
                throw new SpecFormatException(source, at, "node \"" + nodeId + "\" has no \"kind\" (e.g. \"conv\")");
            }
            JsonNode plugin = json.get("plugin");
            if (plugin != null && !(plugin.isTextual() && !plugin.textValue().isBlank())) {
                throw new SpecFormatException(source, at, "\"plugin\" of node \"" + nodeId
                        + "\" must be the id of the plugin its kind comes from (a non-empty text), not " + plugin);
            }
            List<String> inputs = new ArrayList<>();
            JsonNode in = json.get("inputs");
            if (in != null && !in.isNull()) {
                if (!in.isArray()) {
                    throw new SpecFormatException(source, at, "\"inputs\" of node \"" + nodeId
                            + "\" must be a list of node ids");
                }
                for (JsonNode element : in) {
                    if (!element.isTextual()) {
                        throw new SpecFormatException(source, at, "\"inputs\" of node \"" + nodeId
                                + "\" must contain node ids (text), not " + element);
                    }
                    inputs.add(element.textValue());
                }
            }
            Map<String, Object> params = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = json.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!Node.RESERVED.contains(e.getKey())) {
                    params.put(e.getKey(), value(e.getValue(), nodeId, e.getKey(), at));
                }
            }
            try {
                return new Node(nodeId, kind.textValue(), inputs, params,
                        plugin == null ? "" : plugin.textValue());
            } catch (IllegalArgumentException e) {
                throw new SpecFormatException(source, at, "node \"" + nodeId + "\": " + e.getMessage());
            }
        }

        private Object value(JsonNode v, String nodeId, String param, SourceLocation at) throws SpecFormatException {
            if (v.isIntegralNumber()) {
                if (!v.canConvertToLong()) {
                    throw new SpecFormatException(source, at, "parameter \"" + param + "\" of node \"" + nodeId
                            + "\" is too large: " + v);
                }
                return v.longValue();
            }
            if (v.isNumber()) {
                double d = v.doubleValue();
                if (!Double.isFinite(d)) {
                    throw new SpecFormatException(source, at, "parameter \"" + param + "\" of node \"" + nodeId
                            + "\" is beyond the range of numbers the workbench can hold (about 1.8e308)");
                }
                return d;
            }
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            if (v.isTextual()) {
                return v.textValue();
            }
            if (v.isArray()) {
                return list(v, nodeId, param, at, true);
            }
            throw new SpecFormatException(source, at, "parameter \"" + param + "\" of node \"" + nodeId
                    + "\" must be a number, true/false, text or a list, not " + v);
        }

        /** A list of values or, {@code outer}, of lists of values ({@code [[36, 37], [366, 174]]}). */
        private List<Object> list(JsonNode v, String nodeId, String param, SourceLocation at, boolean outer)
                throws SpecFormatException {
            List<Object> list = new ArrayList<>();
            for (JsonNode element : v) {
                if (element.isObject() || (element.isArray() && !outer)) {
                    throw new SpecFormatException(source, at, "parameter \"" + param + "\" of node \"" + nodeId
                            + "\" must be a value, a list of values such as [3, 5], or a list of such lists such as "
                            + "[[36, 37], [366, 174]]");
                }
                list.add(element.isArray() ? list(element, nodeId, param, at, false)
                        : value(element, nodeId, param, at));
            }
            return list;
        }

        private SpecFormatException error(JsonParser p, String reason) {
            return new SpecFormatException(source, location(p.currentTokenLocation()), reason);
        }

        private static SourceLocation location(JsonLocation l) {
            return l == null ? null : new SourceLocation(l.getLineNr(), l.getColumnNr());
        }
    }
}
