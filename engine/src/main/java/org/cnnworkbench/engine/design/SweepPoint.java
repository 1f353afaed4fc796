package org.cnnworkbench.engine.design;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a design-space sweep: the swept metaparameters' values and the generated network's totals.
 *
 * @param values swept metaparameter name to value, in axis order (x first)
 * @param params parameters (weights and biases)
 * @param macs multiply-accumulates of one forward pass
 * @param activations activation elements of one forward pass
 * @param modelBytes32 bytes to store every parameter at 32 bits
 * @param compressedBytes the estimated compressed size under the SqueezeNet paper's settings
 *                        ({@link org.cnnworkbench.engine.compression.CompressedSizeEstimate#ofDefaults})
 */
public record SweepPoint(Map<String, Double> values, long params, long macs, long activations, long modelBytes32,
                         long compressedBytes) {

    public SweepPoint {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The point as people read it: {@code sr = 0.25, pct_3x3 = 0.5} (values as {@link SqueezeNetMetaparameters#fmt}). */
    public String label() {
        return label(values);
    }

    static String label(Map<String, Double> values) {
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(" = ")
                .append(SqueezeNetMetaparameters.fmt(v)));
        return s.toString();
    }

    /** The value of a swept metaparameter. */
    public double value(String parameter) {
        Double v = values.get(parameter);
        if (v == null) {
            throw new IllegalArgumentException("'" + parameter + "' was not swept at this point; swept: "
                    + values.keySet());
        }
        return v;
    }
}
