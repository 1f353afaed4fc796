package org.cnnworkbench.plugins.separable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The example spec examples/mobilenet-v1.json, at its own width or thinned by a width multiplier. */
final class MobileNet {

    private MobileNet() {
    }

    /**
     * The example's text with width multiplier {@code alpha}: the first convolution's 32 filters become
     * floor(32·alpha) and every block gets {@code alpha} (MobileNet section 3.3).
     */
    static String json(double alpha) {
        String text;
        try {
            text = Files.readString(Path.of("examples", "mobilenet-v1.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (alpha == 1.0) {
            return text;
        }
        return text.replace("\"filters\": 32,", "\"filters\": " + (long) Math.floor(32 * alpha) + ",")
                .replace("\"plugin\": \"depthwise-separable\",", "\"plugin\": \"depthwise-separable\", \"alpha\": "
                        + alpha + ",");
    }
}
