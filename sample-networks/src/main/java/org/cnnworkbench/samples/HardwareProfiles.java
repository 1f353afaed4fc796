package org.cnnworkbench.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.hardware.HardwareProfile;
import org.cnnworkbench.engine.hardware.HardwareProfileJson;
import org.cnnworkbench.engine.io.SpecFormatException;

/**
 * The hardware profiles shipped with the workbench ({@code sample-networks/hardware/}), loadable by name or
 * from a file.
 *
 * <pre>{@code
 * HardwareProfile titanX = HardwareProfiles.load("titan-x");
 * HardwareProfile mine = HardwareProfiles.load("my-board.json");
 * }</pre>
 */
public final class HardwareProfiles {

    private static final String BASE = "/org/cnnworkbench/hardware/";
    private static final List<String> NAMES = readIndex();
    private static volatile List<HardwareProfile> shipped;

    private HardwareProfiles() {
    }

    private static List<String> readIndex() {
        try (InputStream in = HardwareProfiles.class.getResourceAsStream(BASE + "index.json")) {
            if (in == null) {
                throw new IllegalStateException("hardware profile index missing from the class path");
            }
            JsonNode profiles = new ObjectMapper().readTree(in).get("profiles");
            List<String> names = new ArrayList<>();
            profiles.forEach(n -> names.add(n.asText()));
            return List.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hardware profile index", e);
        }
    }

    /** The names of the shipped profiles, in the order of the index. */
    public static List<String> names() {
        return NAMES;
    }

    /** The shipped profiles, in the order of the index. */
    public static List<HardwareProfile> list() {
        List<HardwareProfile> l = shipped;
        if (l == null) {
            List<HardwareProfile> all = new ArrayList<>();
            for (String name : NAMES) {
                try {
                    all.add(shipped(name));
                } catch (SpecFormatException e) {
                    throw new IllegalStateException("a shipped hardware profile is broken: " + e.getMessage(), e);
                }
            }
            shipped = l = List.copyOf(all);
        }
        return l;
    }

    /**
     * Loads a shipped profile by name, or a profile file.
     *
     * @throws SpecFormatException if it is neither, or the file is not a valid profile
     */
    public static HardwareProfile load(String nameOrFile) throws SpecFormatException {
        if (NAMES.contains(nameOrFile)) {
            return shipped(nameOrFile);
        }
        try {
            Path path = Path.of(nameOrFile);
            if (Files.isRegularFile(path)) {
                return HardwareProfileJson.read(path);
            }
        } catch (InvalidPathException e) {
            // not a path; reported below as an unknown profile
        }
        throw new SpecFormatException(nameOrFile, null, "no such hardware profile or file; the shipped profiles are "
                + String.join(", ", NAMES));
    }

    private static HardwareProfile shipped(String name) throws SpecFormatException {
        String file = name + ".json";
        try (InputStream in = HardwareProfiles.class.getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new SpecFormatException(file, null, "hardware profile missing from the class path");
            }
            return HardwareProfileJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
