package org.cnnworkbench.samples;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;

/**
 * The reference networks shipped with the workbench ({@code sample-networks/networks/}), loadable by name,
 * with the numbers published for them.
 *
 * <pre>{@code
 * LoadedNetwork squeezenet = SampleNetworks.load("squeezenet-v1.0");
 * long published = SampleNetworks.find("squeezenet-v1.0").orElseThrow().expected().params();   // 1,248,424
 * }</pre>
 */
public final class SampleNetworks {

    private static final String BASE = "/org/cnnworkbench/samples/";
    private static final List<Sample> SAMPLES = readIndex();

    private SampleNetworks() {
    }

    /** A sample network and what its publications say about it. */
    public record Sample(String name, String file, String title, String reference, String note, Expected expected) {
    }

    /**
     * Published numbers; {@code params} may be null where only shapes are published. {@code macs} and
     * {@code modelBytes} (at 32 bits) are given where the manifest records them, else null.
     */
    public record Expected(Long params, Long macs, Long modelBytes, Map<String, Layer> layers) {
        public Expected {
            layers = layers == null ? Map.of() : Map.copyOf(layers);
        }
    }

    /** A layer's published parameter count and/or output shape [channels, height, width]. */
    public record Layer(Long params, List<Long> output) {
    }

    private record Index(List<Sample> samples) {
    }

    private static List<Sample> readIndex() {
        try (InputStream in = SampleNetworks.class.getResourceAsStream(BASE + "index.json")) {
            if (in == null) {
                throw new IllegalStateException("sample index missing from the class path");
            }
            ObjectMapper mapper = new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            return List.copyOf(mapper.readValue(in, Index.class).samples());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample index", e);
        }
    }

    /** All samples in the order of the index. */
    public static List<Sample> list() {
        return SAMPLES;
    }

    public static Optional<Sample> find(String name) {
        return SAMPLES.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Loads a sample by name.
     *
     * @throws SpecFormatException if there is no such sample
     */
    public static LoadedNetwork load(String name) throws SpecFormatException {
        Sample sample = find(name).orElseThrow(() -> new SpecFormatException(name, null,
                "no such sample network; the samples are " + String.join(", ", names())));
        try (InputStream in = SampleNetworks.class.getResourceAsStream(BASE + sample.file())) {
            if (in == null) {
                throw new SpecFormatException(sample.file(), null, "sample file missing from the class path");
            }
            return NetworkJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), sample.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> names() {
        return SAMPLES.stream().map(Sample::name).toList();
    }
}
