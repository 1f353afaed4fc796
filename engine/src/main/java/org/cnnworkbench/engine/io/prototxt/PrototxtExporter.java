package org.cnnworkbench.engine.io.prototxt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.SpecExpander;
import org.cnnworkbench.engine.io.AtomicFiles;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;
import org.cnnworkbench.engine.plugin.ExportException;
import org.cnnworkbench.engine.plugin.ExportRequest;
import org.cnnworkbench.engine.plugin.NetworkExporter;

/**
 * Writes a network as a Caffe deploy prototxt ({@code workbench export SPEC --to prototxt -o FILE}, File &gt;
 * Export &gt; Caffe prototxt): an {@code Input} layer of batch 1 per input node, then one or more layers per node
 * in topological order, each from its kind's {@link CaffeMapping}. Composites are expanded first
 * ({@code fire2} becomes {@code fire2/squeeze1x1}, {@code fire2/expand1x1}, {@code fire2/expand3x3} and the
 * concat {@code fire2}). Every node's output blob is named with its id. A node whose kind has no Caffe mapping,
 * whose parameters are invalid or that is wired to a missing node or into a cycle is an {@link ExportException}
 * naming it; shapes are not checked (Caffe checks them when it loads the file).
 *
 * <pre>{@code
 * String text = PrototxtExporter.toText(spec, KindRegistry.standard());
 * new PrototxtExporter().export(ExportRequest.of(spec, kinds), Path.of("deploy.prototxt"));
 * }</pre>
 */
public final class PrototxtExporter implements NetworkExporter {

    @Override
    public String id() {
        return "prototxt";
    }

    @Override
    public String label() {
        return "Caffe prototxt";
    }

    @Override
    public String fileExtension() {
        return "prototxt";
    }

    @Override
    public void export(ExportRequest request, Path target) throws ExportException, IOException {
        AtomicFiles.writeString(target, toText(request.spec(), request.kinds()));
    }

    /** The network as prototxt text. */
    public static String toText(NetworkSpec spec, KindRegistry kinds) throws ExportException {
        for (Node node : spec.nodes()) {
            Optional<LayerKind> unit = kinds.unit(node.kind());
            if (unit.isEmpty()) {
                throw new ExportException("node '" + node.id() + "' has the kind '" + node.kind() + "', which is not "
                        + "installed" + (node.plugin().isEmpty() ? "" : " (it comes from the plugin '" + node.plugin()
                        + "')") + "; Caffe prototxt cannot be written without it");
            }
            resolve(node, unit.get());
        }
        NetworkSpec expanded = SpecExpander.expand(spec, kinds);
        List<Node> ordered = topological(expanded);
        Set<String> names = new HashSet<>();
        ordered.forEach(n -> names.add(n.id()));
        AnalysisReport analysis = new Analyzer(kinds).analyze(expanded);
        ExportContext context = new ExportContext() {
            @Override
            public String layerName(String wanted) {
                return SpecExpander.freeName(wanted, names);
            }

            @Override
            public Optional<Shape> outputShape(String nodeId) {
                return analysis.result(nodeId).map(NodeResult::output);
            }
        };
        StringBuilder layers = new StringBuilder(ProtoText.write(ProtoMessage.builder().addText("name", spec.name())
                .build()));
        for (Node node : ordered) {
            LayerKind unit = kinds.unit(node.kind()).orElseThrow(() -> new ExportException("node '" + node.id()
                    + "' has the kind '" + node.kind() + "', which is not installed"));
            CaffeMapping mapping = unit.bridge(CaffeMapping.class).orElseThrow(() -> new ExportException("node '"
                    + node.id() + "' has the kind '" + node.kind() + "'" + (unit.plugin().isEmpty() ? ""
                    : " (plugin '" + unit.plugin() + "')") + ", which has no Caffe mapping; prototxt export needs "
                    + "one for every kind (replace the node, or ask the kind's author for a CaffeMapping)"));
            Params params = resolve(node, unit);
            for (String comment : mapping.comments(node, params)) {
                layers.append("# ").append(comment.replace('\n', ' ').replace('\r', ' ')).append('\n');
            }
            ProtoMessage.Builder nodeLayers = ProtoMessage.builder();
            for (CaffeLayer layer : mapping.exportNode(node, params, context)) {
                nodeLayers.add("layer", layer.message());
            }
            layers.append(ProtoText.write(nodeLayers.build()));
        }
        StringBuilder text = new StringBuilder("# Caffe deploy network written by CNN Workbench\n");
        for (String line : spec.description().split("\n")) {
            if (!line.isBlank()) {
                text.append("# ").append(line.strip()).append('\n');
            }
        }
        return text.append(layers).toString();
    }

    private static Params resolve(Node node, LayerKind unit) throws ExportException {
        Params.Resolution r = Params.resolve(unit.descriptor().parameters(), node.params());
        if (!r.ok()) {
            throw new ExportException("node '" + node.id() + "' (" + node.kind() + ") has invalid parameters: "
                    + String.join("; ", r.problems()));
        }
        return r.params();
    }

    /** The nodes with every node after its inputs, in file order where it already is one. */
    private static List<Node> topological(NetworkSpec spec) throws ExportException {
        List<Node> nodes = spec.nodes();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i).id(), i);
        }
        int[] waiting = new int[nodes.size()];
        List<List<Integer>> consumers = new ArrayList<>();
        nodes.forEach(n -> consumers.add(new ArrayList<>()));
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).inputs()) {
                Integer from = index.get(in);
                if (from == null) {
                    throw new ExportException("node '" + nodes.get(i).id() + "' takes the input '" + in
                            + "', which does not exist; connect it before exporting");
                }
                waiting[i]++;
                consumers.get(from).add(i);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<Node> ordered = new ArrayList<>();
        while (!ready.isEmpty()) {
            int i = ready.poll();
            ordered.add(nodes.get(i));
            for (int c : consumers.get(i)) {
                if (--waiting[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (ordered.size() < nodes.size()) {
            List<String> cycle = new ArrayList<>();
            for (int i = 0; i < nodes.size() && cycle.size() < 10; i++) {
                if (waiting[i] > 0) {
                    cycle.add(nodes.get(i).id());
                }
            }
            throw new ExportException("the nodes " + String.join(", ", cycle) + " are on or after a cycle; Caffe "
                    + "networks have none (remove a connection of the cycle)");
        }
        return ordered;
    }
}
