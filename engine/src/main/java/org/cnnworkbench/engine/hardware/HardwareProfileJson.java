package org.cnnworkbench.engine.hardware;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.io.SourceLocation;
import org.cnnworkbench.engine.io.SpecFiles;
import org.cnnworkbench.engine.io.SpecFormatException;

/**
 * Reads hardware profiles (docs/hardware.md):
 *
 * <pre>{@code
 * {"format": "cnn-workbench-hardware", "version": 1, "name": "titan-x", "title": "NVIDIA GTX Titan X",
 *  "peakFlops": 6.6e12, "memoryBandwidth": 336.5e9, "onChipBytes": 3145728, "powerWatts": 250,
 *  "source": "where each number comes from"}
 * }</pre>
 *
 * Every problem is reported as a {@link SpecFormatException} with the file, line and column.
 */
public final class HardwareProfileJson {

    public static final String FORMAT = "cnn-workbench-hardware";
    public static final int VERSION = 1;
    private static final List<String> FIELDS = List.of("format", "version", "name", "title", "peakFlops",
            "memoryBandwidth", "onChipBytes", "powerWatts", "source");
    private static final List<String> REQUIRED = List.of("format", "version", "name", "peakFlops",
            "memoryBandwidth", "onChipBytes", "powerWatts", "source");
    private static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private HardwareProfileJson() {
    }

    /** Reads a profile file. */
    public static HardwareProfile read(Path file) throws SpecFormatException {
        return read(SpecFiles.readText(file), file.toString());
    }

    /** Reads a profile from text; {@code source} names it in messages. */
    public static HardwareProfile read(String text, String source) throws SpecFormatException {
        if (text.isBlank()) {
            throw new SpecFormatException(source, null, "the file is empty; expected a hardware profile (JSON)");
        }
        Map<String, JsonNode> values = new HashMap<>();
        Map<String, SourceLocation> at = new HashMap<>();
        SourceLocation start;
        try (JsonParser p = MAPPER.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new SpecFormatException(source, location(p.currentTokenLocation()),
                        "expected a JSON object with \"format\": \"" + FORMAT + "\"");
            }
            start = location(p.currentTokenLocation());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (!FIELDS.contains(field)) {
                    throw new SpecFormatException(source, location(p.currentTokenLocation()), "unknown field \""
                            + field + "\"; a hardware profile has " + String.join(", ", FIELDS));
                }
                p.nextToken();
                at.put(field, location(p.currentTokenLocation()));
                values.put(field, MAPPER.readTree(p));
            }
            if (p.nextToken() != null) {
                throw new SpecFormatException(source, location(p.currentTokenLocation()),
                        "unexpected content after the profile object");
            }
        } catch (JsonProcessingException e) {
            throw new SpecFormatException(source, location(e.getLocation()), "malformed JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SpecFormatException(source, null, "cannot be read: " + e.getMessage());
        }
        for (String field : REQUIRED) {
            if (!values.containsKey(field)) {
                throw new SpecFormatException(source, start, "missing \"" + field + "\"");
            }
        }
        if (!values.get("format").isTextual() || !values.get("format").asText().equals(FORMAT)) {
            throw new SpecFormatException(source, at.get("format"), "\"format\" must be \"" + FORMAT + "\"");
        }
        if (!values.get("version").canConvertToInt() || values.get("version").asInt() != VERSION) {
            throw new SpecFormatException(source, at.get("version"), "unsupported version " + values.get("version")
                    + "; this workbench reads version " + VERSION);
        }
        String name = text(values, at, "name", source);
        String title = values.containsKey("title") ? text(values, at, "title", source) : name;
        double peak = number(values, at, "peakFlops", source);
        double bandwidth = number(values, at, "memoryBandwidth", source);
        double onChip = number(values, at, "onChipBytes", source);
        double power = number(values, at, "powerWatts", source);
        String origin = text(values, at, "source", source);
        if (onChip != Math.rint(onChip) || onChip > Long.MAX_VALUE) {
            throw new SpecFormatException(source, at.get("onChipBytes"), "\"onChipBytes\" must be a whole number");
        }
        try {
            return new HardwareProfile(name, title, peak, bandwidth, (long) onChip, power, origin);
        } catch (IllegalArgumentException e) {
            String field = FIELDS.stream().filter(f -> e.getMessage().startsWith(f + " ")).findFirst().orElse(null);
            throw new SpecFormatException(source, field == null ? start : at.get(field), e.getMessage());
        }
    }

    private static String text(Map<String, JsonNode> values, Map<String, SourceLocation> at, String field,
                               String source) throws SpecFormatException {
        JsonNode v = values.get(field);
        if (!v.isTextual()) {
            throw new SpecFormatException(source, at.get(field), "\"" + field + "\" must be a string");
        }
        return v.asText();
    }

    private static double number(Map<String, JsonNode> values, Map<String, SourceLocation> at, String field,
                                 String source) throws SpecFormatException {
        JsonNode v = values.get(field);
        if (!v.isNumber()) {
            throw new SpecFormatException(source, at.get(field), "\"" + field + "\" must be a number, not " + v);
        }
        return v.asDouble();
    }

    private static SourceLocation location(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? null : new SourceLocation(l.getLineNr(), l.getColumnNr());
    }
}
