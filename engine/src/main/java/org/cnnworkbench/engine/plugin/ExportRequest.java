package org.cnnworkbench.engine.plugin;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * What an exporter writes: a spec, the kinds that give its nodes meaning (the built-in ones and the loaded
 * plugins'), and, for exporters of trained models, the run directory whose weights to write.
 *
 * @param spec the network
 * @param kinds the kinds to analyse it with
 * @param run a training run directory of this network, when there is one
 */
public record ExportRequest(NetworkSpec spec, KindRegistry kinds, Optional<Path> run) {

    public ExportRequest {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(kinds, "kinds");
        Objects.requireNonNull(run, "run");
    }

    /** A request for the spec alone. */
    public static ExportRequest of(NetworkSpec spec, KindRegistry kinds) {
        return new ExportRequest(spec, kinds, Optional.empty());
    }
}
