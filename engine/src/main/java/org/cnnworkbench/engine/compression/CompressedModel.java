package org.cnnworkbench.engine.compression;

import java.util.List;
import java.util.Objects;

/**
 * What a compressed-model file holds: opaque metadata (the caller's JSON: network spec, class names, ...) and
 * the tensors. See {@link CompressedModelFile} and docs/compressed-format.md.
 *
 * <pre>{@code
 * CompressedModel model = new CompressedModel(specJson, List.of(Tensor.of("fc/W", shape, w, mask, codebook)));
 * SizeBreakdown sizes = CompressedModelFile.write(path, model);
 * }</pre>
 */
public record CompressedModel(String metadataJson, List<Tensor> tensors) {

    public CompressedModel {
        Objects.requireNonNull(metadataJson, "metadataJson");
        tensors = List.copyOf(tensors);
    }

    /** The tensor of that name, or null. */
    public Tensor tensor(String name) {
        for (Tensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
