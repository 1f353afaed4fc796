package org.cnnworkbench.engine.whatif;

import java.util.List;

/**
 * One layer that differs between two networks, matched by id.
 *
 * @param id the layer's id
 * @param kind its kind (in the second network, or the first when removed)
 * @param status changed, added (only in the second network) or removed (only in the first)
 * @param edited whether the layer's own spec differs (kind, inputs or parameters), as opposed to a layer that
 *               only inherits a change from upstream
 * @param outputBefore [channels, height, width] in the first network; null when added
 * @param outputAfter [channels, height, width] in the second network; null when removed
 * @param paramsBefore parameters in the first network (0 when added)
 * @param paramsAfter parameters in the second network (0 when removed)
 * @param macsBefore MACs in the first network (0 when added)
 * @param macsAfter MACs in the second network (0 when removed)
 */
public record LayerChange(String id, String kind, Status status, boolean edited, List<Long> outputBefore,
                          List<Long> outputAfter, long paramsBefore, long paramsAfter, long macsBefore,
                          long macsAfter) {

    /** How the layer differs. */
    public enum Status { CHANGED, ADDED, REMOVED }

    public LayerChange {
        outputBefore = outputBefore == null ? null : List.copyOf(outputBefore);
        outputAfter = outputAfter == null ? null : List.copyOf(outputAfter);
    }

    /** Whether its output's height x width differs (always true for an added or removed layer). */
    public boolean spatialChanged() {
        return outputBefore == null || outputAfter == null
                || !outputBefore.subList(1, 3).equals(outputAfter.subList(1, 3));
    }

    /** Whether its output shape differs (always true for an added or removed layer). */
    public boolean outputChanged() {
        return outputBefore == null || outputAfter == null || !outputBefore.equals(outputAfter);
    }
}
