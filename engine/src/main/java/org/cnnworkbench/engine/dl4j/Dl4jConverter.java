package org.cnnworkbench.engine.dl4j;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.SpecExpander;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * Converts a valid {@link NetworkSpec} into a DL4J {@link ComputationGraphConfiguration} whose parameter count
 * and activation shapes equal the engine's analysis (docs/dl4j.md has the mapping table).
 *
 * <pre>{@code
 * ConvertedGraph converted = Dl4jConverter.convert(spec);          // standard kinds
 * ComputationGraph graph = converted.newGraph();
 * graph.numParams() == converted.analysis().totals().paramTotal(); // true
 * }</pre>
 *
 * <p>The network is analysed first; an invalid network is refused with its first error. Composites are
 * expanded into primitives with {@link SpecExpander}; each primitive becomes one DL4J vertex named with the node
 * id, or several named {@code id/part} whose last one carries the id (grouped convolutions, ceil pooling).
 * A kind without a DL4J mapping (e.g. a plugin's) is refused naming the node.
 */
public final class Dl4jConverter {

    private static final long SEED = 12345;

    static {
        Dl4jRuntime.configure();   // the fast-path system properties, before anything loads ND4J
    }

    private Dl4jConverter() {
    }

    /** {@link #convert(NetworkSpec, Analyzer)} with the standard kinds. */
    public static ConvertedGraph convert(NetworkSpec spec) throws Dl4jConversionException {
        return convert(spec, Analyzer.standard());
    }

    /**
     * Converts {@code spec}, analysed and expanded with {@code analyzer}'s kinds.
     *
     * @throws Dl4jConversionException if the spec is invalid or a node cannot be converted; the message names it
     */
    public static ConvertedGraph convert(NetworkSpec spec, Analyzer analyzer) throws Dl4jConversionException {
        return convert(spec, analyzer, false);
    }

    /** {@link #convertForInference(NetworkSpec, Analyzer)} with the standard kinds. */
    public static ConvertedGraph convertForInference(NetworkSpec spec) throws Dl4jConversionException {
        return convertForInference(spec, Analyzer.standard());
    }

    /**
     * The inference form of {@code spec}: the same network, with each convolution carrying its activation instead
     * of feeding an activation layer ({@link Dl4jGraph#fusesActivations}), one pass less over each activated
     * convolution's output. Not for training (DL4J M2.1's fused gradients are wrong in NHWC, docs/decisions/0005);
     * {@link ConvertedGraph#withWeightsOf} gives it a trained graph's weights.
     */
    public static ConvertedGraph convertForInference(NetworkSpec spec, Analyzer analyzer)
            throws Dl4jConversionException {
        return convert(spec, analyzer, true);
    }

    private static ConvertedGraph convert(NetworkSpec spec, Analyzer analyzer, boolean forInference)
            throws Dl4jConversionException {
        refuseIfInvalid(analyzer.analyze(spec));
        NetworkSpec primitive = SpecExpander.expand(spec, analyzer.kinds());
        AnalysisReport report = analyzer.analyze(primitive);
        refuseIfInvalid(report);

        ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .weightInit(WeightInit.XAVIER)
                .graphBuilder();
        Set<String> consumed = new HashSet<>();
        primitive.nodes().forEach(n -> consumed.addAll(n.inputs()));
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, List<String>> vertices = new LinkedHashMap<>();
        GraphAssembly assembly = new GraphAssembly(builder, primitive.nodes().stream().map(Node::id).toList(),
                forInference);
        for (NodeResult result : report.layers()) {
            Node node = primitive.node(result.id()).orElseThrow();
            KindDescriptor kind = analyzer.kinds().find(node.kind()).orElseThrow();
            Params params = Params.resolve(kind.parameters(), node.params()).params();
            List<Shape> inputShapes = node.inputs().stream()
                    .map(id -> report.result(id).orElseThrow().output())
                    .toList();
            boolean terminal = !consumed.contains(node.id());
            int before = assembly.vertexCount();
            mapping(analyzer.kinds(), node).add(assembly, node, params, inputShapes, result.output(), terminal);
            vertices.put(node.id(), assembly.verticesSince(before));
            if ("input".equals(node.kind())) {
                inputs.add(node.id());
            }
            if (terminal) {
                outputs.add(node.id());
            }
        }
        builder.setOutputs(outputs.toArray(String[]::new));
        assembly.finish();
        try {
            return new ConvertedGraph(primitive, report, builder.build(), inputs, outputs, vertices);
        } catch (RuntimeException e) {
            throw new Dl4jConversionException(null, "DL4J refused the converted configuration: " + e.getMessage());
        }
    }

    private static Dl4jMapping mapping(KindRegistry kinds, Node node) throws Dl4jConversionException {
        LayerKind unit = kinds.unit(node.kind()).orElseThrow();
        return unit.bridge(Dl4jMapping.class).orElseThrow(() -> new Dl4jConversionException(node.id(), "kind '"
                + node.kind() + "'" + (unit.plugin().isEmpty() ? "" : " (plugin '" + unit.plugin() + "')")
                + " has no DL4J counterpart, so the network cannot be converted to DL4J; the convertible kinds are "
                + String.join(", ", kinds.units().stream().filter(u -> u.bridge(Dl4jMapping.class).isPresent())
                        .map(LayerKind::name).sorted().toList())));
    }

    private static void refuseIfInvalid(AnalysisReport report) throws Dl4jConversionException {
        if (report.isValid()) {
            return;
        }
        Diagnostic first = report.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElse(null);
        if (first == null) {
            throw new Dl4jConversionException(null, "the network is not valid; fix its errors before converting");
        }
        throw new Dl4jConversionException(first.node(), "the network is not valid: " + first.message());
    }
}
