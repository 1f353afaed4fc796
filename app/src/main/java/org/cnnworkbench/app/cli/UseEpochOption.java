package org.cnnworkbench.app.cli;

import org.cnnworkbench.engine.dl4j.ModelChoice;
import picocli.CommandLine.Option;

/** {@code --use-epoch best|last}: which model of a training run a command uses (a picocli mixin). */
final class UseEpochOption {

    @Option(names = "--use-epoch", defaultValue = "best", paramLabel = "best|last",
            description = "which model of the run: best (the epoch with the best validation top-1) or last (the "
                    + "last completed epoch; also used where a run records no best) (default: ${DEFAULT-VALUE})")
    String value;

    ModelChoice choice() {
        try {
            return ModelChoice.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UserException("--use-epoch: " + e.getMessage());
        }
    }
}
