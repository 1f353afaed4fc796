package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * What a run that starts from trained weights does around the training loop (compression: pruned weights stay
 * zero, shared weights stay shared). Every method is called on the training thread.
 */
interface FineTuning {

    /** Plain training. */
    FineTuning NONE = new FineTuning() {
    };

    /** Sets the weights a run without a checkpoint starts from (after the graph was initialised at random). */
    default void initialWeights(ComputationGraph graph) throws IOException {
    }

    /** Writes the tuning's own files into a new run directory, before its spec and config. */
    default void creating(RunDirectory run) throws IOException {
    }

    /** Before the first epoch of a session: the graph as created or loaded, {@code epochsDone} already trained. */
    default void resumed(ComputationGraph graph, int epochsDone) throws IOException {
    }

    /** At the start of every epoch (from 1), before its first batch. */
    default void epochStarting(ComputationGraph graph, int epoch) {
    }

    /**
     * After the last epoch of a completed run: whatever is still to do to the weights; true if they changed
     * (model.zip is then written from {@code graph} and the validation measured again).
     */
    default boolean finish(ComputationGraph graph) {
        return false;
    }
}
