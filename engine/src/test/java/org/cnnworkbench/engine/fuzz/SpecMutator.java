package org.cnnworkbench.engine.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.cnnworkbench.engine.kinds.KindRegistry;

/**
 * Turns a sample spec's text into a hostile one, deterministically from a {@link Random}: mutations of the
 * JSON tree (numbers to 0, negative, huge, non-integer, NaN/Infinity; strings, nulls, arrays; kinds swapped;
 * inputs rewired or emptied; nodes deleted and duplicated; ids empty, very long or colliding with composite
 * parts) and of the text (truncated, garbled, deeply nested, padded far beyond a real spec).
 */
public final class SpecMutator {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Raw JSON tokens that a tree cannot hold, written as marked strings and substituted in the text. */
    private static final String RAW = "@@raw:";
    private static final List<String> RAW_NUMBERS = List.of("1e400", "-1e400", "NaN", "Infinity", "-Infinity",
            "123456789012345678901234567890", "1e-400", "-0", "0.0000000000000000000001", "9223372036854775808");
    private static final List<String> KINDS = new ArrayList<>(KindRegistry.standard().names());

    static {
        KINDS.add("no-such-kind");
        KINDS.add("");
    }

    private final Random random;
    private final List<String> applied = new ArrayList<>();

    public SpecMutator(Random random) {
        this.random = random;
    }

    /** What was done, for the failure message. */
    public List<String> applied() {
        return applied;
    }

    /** {@code count} mutations of {@code sample}'s text. */
    public String mutate(String sample, int count) throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(sample);
        // A third of the cases only nudge numbers, which mostly keeps the network valid, so that the later
        // stages (expansion, DL4J conversion) see many networks too.
        boolean gentle = random.nextInt(3) == 0;
        for (int i = 0; i < count; i++) {
            if (gentle) {
                nudge(root);
            } else {
                mutateTree(root);
            }
        }
        String text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root)
                .replaceAll("\"" + RAW + "([^\"]*)\"", "$1");
        if (random.nextInt(5) == 0) {
            text = mutateText(text);
        }
        return text;
    }

    private void mutateTree(ObjectNode root) {
        ArrayNode nodes = root.get("nodes") instanceof ArrayNode a ? a : null;
        if (nodes == null || nodes.isEmpty() || random.nextInt(12) == 0) {
            mutateTopLevel(root);
            return;
        }
        int index = random.nextInt(nodes.size());
        JsonNode picked = nodes.get(index);
        if (!(picked instanceof ObjectNode node)) {
            nodes.set(index, JSON.numberNode(7));
            applied.add("node " + index + " replaced by a number");
            return;
        }
        switch (random.nextInt(9)) {
            case 0, 1, 2 -> mutateParameter(node);
            case 3 -> {
                String kind = KINDS.get(random.nextInt(KINDS.size()));
                node.put("kind", kind);
                applied.add(id(node) + ": kind -> " + kind);
            }
            case 4 -> rewire(node, nodes);
            case 5 -> {
                nodes.remove(index);
                applied.add("deleted " + id(node));
            }
            case 6 -> {
                ObjectNode copy = node.deepCopy();
                if (random.nextBoolean()) {
                    copy.put("id", rawId(node) + "_copy");
                }
                nodes.insert(random.nextInt(nodes.size() + 1), copy);
                applied.add("duplicated " + id(node) + " as " + id(copy));
            }
            case 7 -> renameNode(node, nodes);
            default -> {
                node.set(random.nextBoolean() ? "id" : "inputs", wildValue());
                applied.add(id(node) + ": id or inputs set to a wild value");
            }
        }
    }

    /** One numeric parameter of one node set to a small positive whole number. */
    private void nudge(ObjectNode root) {
        ArrayNode nodes = (ArrayNode) root.get("nodes");
        ObjectNode node = (ObjectNode) nodes.get(random.nextInt(nodes.size()));
        List<String> numeric = new ArrayList<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isIntegralNumber()) {
                numeric.add(e.getKey());
            }
        });
        if (numeric.isEmpty()) {
            return;
        }
        String name = numeric.get(random.nextInt(numeric.size()));
        long value = Math.max(1, node.get(name).asLong() + random.nextInt(5) - 2);
        node.put(name, random.nextBoolean() ? value : 1 + random.nextInt(4));
        applied.add(id(node) + "." + name + " nudged to " + node.get(name));
    }

    private void mutateTopLevel(ObjectNode root) {
        switch (random.nextInt(6)) {
            case 0 -> root.remove(random.nextBoolean() ? "format" : "version");
            case 1 -> root.set("version", wildValue());
            case 2 -> root.set("nodes", random.nextBoolean() ? JSON.arrayNode() : wildValue());
            case 3 -> root.set("name", wildValue());
            case 4 -> {
                ObjectNode layout = JSON.objectNode();
                layout.set("ghost", JSON.arrayNode().add(1).add(2));
                layout.set("data", random.nextBoolean() ? wildValue() : JSON.arrayNode().add(0).add(0));
                root.set("layout", layout);
            }
            default -> root.put("surprise", 1);
        }
        applied.add("top level changed");
    }

    private void mutateParameter(ObjectNode node) {
        List<String> params = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("id") && !name.equals("kind") && !name.equals("inputs")) {
                params.add(name);
            }
        }
        String name = params.isEmpty() || random.nextInt(6) == 0
                ? List.of("filters", "kernel", "stride", "pad", "groups", "units", "channels", "ceil", "bypass",
                        "alpha", "size", "s1x1", "e1x1", "e3x3", "height", "width", "activation", "p").get(
                        random.nextInt(18))
                : params.get(random.nextInt(params.size()));
        JsonNode value = random.nextInt(3) == 0 ? wildValue() : numberLike(node.get(name));
        node.set(name, value);
        applied.add(id(node) + "." + name + " = " + brief(value.toString()));
    }

    /** A number near the kind of value there: 0, negative, huge, non-integer, or a raw token. */
    private JsonNode numberLike(JsonNode old) {
        long base = old != null && old.isNumber() ? old.asLong() : 3;
        return switch (random.nextInt(10)) {
            case 0 -> JSON.numberNode(0);
            case 1 -> JSON.numberNode(-Math.max(1, base));
            case 2 -> JSON.numberNode(Long.MAX_VALUE);
            case 3 -> JSON.numberNode((long) Integer.MAX_VALUE + random.nextInt(3));
            case 4 -> JSON.numberNode(base + 0.5);
            case 5 -> JSON.numberNode(base * (1 + random.nextInt(1000)));
            case 6 -> JSON.textNode(RAW + RAW_NUMBERS.get(random.nextInt(RAW_NUMBERS.size())));
            case 7 -> JSON.arrayNode().add(base).add(base + 1);
            case 8 -> JSON.numberNode(1 + random.nextInt(8));
            default -> JSON.numberNode(1e300);
        };
    }

    private JsonNode wildValue() {
        return switch (random.nextInt(9)) {
            case 0 -> JSON.nullNode();
            case 1 -> JSON.textNode(random.nextBoolean() ? "" : "text");
            case 2 -> JSON.booleanNode(random.nextBoolean());
            case 3 -> JSON.arrayNode();
            case 4 -> JSON.arrayNode().add(JSON.arrayNode().add(1)).add(2);
            case 5 -> JSON.objectNode().put("x", 1);
            case 6 -> JSON.textNode(RAW + RAW_NUMBERS.get(random.nextInt(RAW_NUMBERS.size())));
            case 7 -> JSON.textNode("x".repeat(10_000));
            default -> JSON.arrayNode().add(1).add(2).add(3);
        };
    }

    private void rewire(ObjectNode node, ArrayNode nodes) {
        ArrayNode inputs = JSON.arrayNode();
        switch (random.nextInt(5)) {
            case 0 -> { }   // emptied
            case 1 -> inputs.add("missing-node");
            case 2 -> inputs.add(rawId(node));   // its own input
            default -> {
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    inputs.add(rawId(nodes.get(random.nextInt(nodes.size()))));
                }
            }
        }
        node.set("inputs", inputs);
        applied.add(id(node) + ": inputs -> " + brief(inputs.toString()));
    }

    /** Empty, very long, or the name of a part of another node (a Fire module's, or a DL4J vertex's). */
    private void renameNode(ObjectNode node, ArrayNode nodes) {
        String other = rawId(nodes.get(random.nextInt(nodes.size())));
        String name = switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "n".repeat(5_000);
            case 2 -> other + "/squeeze1x1";
            case 3 -> other + "/conv";
            case 4 -> other + (random.nextBoolean() ? "/pad" : "/group1");
            default -> other;   // a duplicate id
        };
        String old = rawId(node);
        node.put("id", name);
        if (random.nextBoolean()) {
            for (JsonNode n : nodes) {   // keep the wiring to it
                if (n.get("inputs") instanceof ArrayNode in) {
                    for (int i = 0; i < in.size(); i++) {
                        if (in.get(i).asText().equals(old)) {
                            in.set(i, JSON.textNode(name));
                        }
                    }
                }
            }
        }
        applied.add(brief(old) + " renamed to " + (name.length() > 40 ? name.length() + " chars" : "'" + name + "'"));
    }

    private String mutateText(String text) {
        switch (random.nextInt(6)) {
            case 0 -> {
                applied.add("truncated");
                return text.substring(0, random.nextInt(text.length()));
            }
            case 1 -> {
                char[] chars = text.toCharArray();
                String garbage = "{}[],:\"\\0x \u0000\uffff";
                for (int i = 0; i < 1 + random.nextInt(5); i++) {
                    chars[random.nextInt(chars.length)] = garbage.charAt(random.nextInt(garbage.length()));
                }
                applied.add("garbled");
                return new String(chars);
            }
            case 2 -> {
                int depth = 2_000 + random.nextInt(50_000);
                applied.add("nested " + depth + " deep");
                return text.replaceFirst("\"nodes\"", "\"deep\": " + "[".repeat(depth) + "]".repeat(depth)
                        + ", \"nodes\"");
            }
            case 3 -> {
                applied.add("a second document after the first");
                return text + text;
            }
            case 4 -> {
                applied.add("comment and trailing comma");
                return "// spec\n" + text.replaceFirst("]", ",]");
            }
            default -> {
                applied.add("empty");
                return random.nextBoolean() ? "" : "   \n";
            }
        }
    }

    /** The node's id for a message. */
    private static String id(JsonNode node) {
        return brief(rawId(node));
    }

    private static String rawId(JsonNode node) {
        JsonNode id = node.get("id");
        return id == null ? "?" : id.asText();
    }

    private static String brief(String text) {
        return text.length() <= 40 ? text : text.substring(0, 20) + "... (" + text.length() + " chars)";
    }
}
