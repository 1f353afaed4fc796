package org.cnnworkbench.engine.analysis;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.LayerException;
import org.cnnworkbench.engine.kinds.Names;
import org.cnnworkbench.engine.kinds.ParamCount;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;

/** Computes one node's result from its spec, its structural diagnostics and its inputs' results. */
final class NodeComputer {

    private final KindRegistry kinds;

    NodeComputer(KindRegistry kinds) {
        this.kinds = kinds;
    }

    NodeResult compute(Node node, List<Diagnostic> structural, boolean inCycle, List<NodeResult> inputs) {
        String id = node.id();
        List<Diagnostic> diagnostics = new ArrayList<>(structural);
        KindDescriptor kind = kinds.find(node.kind()).orElse(null);
        Params params = null;
        if (kind == null) {
            if (!node.plugin().isEmpty()) {
                diagnostics.add(Diagnostic.error(id, "kind '" + node.kind() + "' comes from the plugin '"
                        + node.plugin() + "', which is not installed; the node is kept as it is and saved unchanged. "
                        + "Put the plugin's jar in the plugins folder (see `workbench plugins`) and open the file again"));
            } else {
                String suggestion = Names.closest(node.kind(), kinds.names());
                diagnostics.add(Diagnostic.error(id, "unknown kind '" + node.kind() + "'"
                        + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "")
                        + " (known kinds: " + String.join(", ", kinds.names()) + ")"));
            }
        } else {
            Params.Resolution resolution = Params.resolve(kind.parameters(), node.params());
            resolution.problems().forEach(p -> diagnostics.add(Diagnostic.error(id, p)));
            params = resolution.params();
            if (!kind.arity().accepts(node.inputs().size())) {
                diagnostics.add(Diagnostic.error(id, node.kind() + " takes " + kind.arity().describe() + " but has "
                        + node.inputs().size()));
            }
        }
        if (inCycle || diagnostics.stream().anyMatch(Diagnostic::isError)) {
            return NodeResult.failed(id, node.kind(), NodeStatus.ERROR, diagnostics);
        }
        List<Shape> shapes = new ArrayList<>(inputs.size());
        for (NodeResult input : inputs) {
            if (!input.ok()) {
                return NodeResult.failed(id, node.kind(), NodeStatus.BLOCKED, diagnostics);
            }
            shapes.add(input.output());
        }
        try {
            Shape output = kind.outputShape(params, shapes);
            ParamCount count = kind.parameterCount(params, shapes, output);
            count.total();
            long macs = kind.macs(params, shapes, output);
            long ops = kind.otherOps(params, shapes, output);
            long activations = kind.activations(params, shapes, output);
            kind.warnings(params, shapes, output).forEach(w -> diagnostics.add(Diagnostic.warning(id, w)));
            return new NodeResult(id, node.kind(), NodeStatus.OK, output, count, macs, ops, activations, diagnostics);
        } catch (LayerException e) {
            diagnostics.add(Diagnostic.error(id, e.getMessage()));
        } catch (ArithmeticException e) {
            diagnostics.add(Diagnostic.error(id, "a count of this layer overflows a 64-bit integer (more than "
                    + Long.MAX_VALUE + "); the dimensions are far too large"));
        } catch (RuntimeException e) {
            // A kind from a plugin may fail in ways we cannot foresee; keep the analysis going.
            diagnostics.add(Diagnostic.error(id, "the " + node.kind() + " kind failed to compute this layer: " + e));
        }
        return NodeResult.failed(id, node.kind(), NodeStatus.ERROR, diagnostics);
    }
}
