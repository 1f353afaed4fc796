package org.cnnworkbench.engine.analysis;

import java.util.List;
import org.cnnworkbench.engine.kinds.ParamCount;
import org.cnnworkbench.engine.model.Shape;

/**
 * The metrics of one node for one forward pass of one sample. When {@link #status()} is not {@code OK} the
 * shape is {@code null} and the counts are zero.
 *
 * @param output the output shape
 * @param params stored parameters by role
 * @param macs multiply-accumulate operations
 * @param otherOps operations that are not MACs (pooling, activations, additions; see docs/metrics.md)
 * @param activations elements of all tensors the node produces
 * @param diagnostics the node's own errors and warnings
 */
public record NodeResult(String id, String kind, NodeStatus status, Shape output, ParamCount params, long macs,
                         long otherOps, long activations, List<Diagnostic> diagnostics) {

    public NodeResult {
        diagnostics = List.copyOf(diagnostics);
    }

    static NodeResult failed(String id, String kind, NodeStatus status, List<Diagnostic> diagnostics) {
        return new NodeResult(id, kind, status, null, ParamCount.NONE, 0, 0, 0, diagnostics);
    }

    public boolean ok() {
        return status == NodeStatus.OK;
    }

    /** All stored parameters. */
    public long paramTotal() {
        return params.total();
    }
}
