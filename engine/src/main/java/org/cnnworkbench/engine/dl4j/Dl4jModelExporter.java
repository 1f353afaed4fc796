package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.Params;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.plugin.ExportException;
import org.cnnworkbench.engine.plugin.ExportRequest;
import org.cnnworkbench.engine.plugin.NetworkExporter;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The network as a DL4J model in DL4J's own format: the zip of {@code ModelSerializer.writeModel}
 * ({@code configuration.json} + {@code coefficients.bin}, no updater state), which
 * {@code ModelSerializer.restoreComputationGraph(file)} reads back as a {@link ComputationGraph}.
 *
 * <ul>
 *   <li>Without a run ({@link ExportRequest#run()} empty) it is the converted graph ({@link Dl4jConverter}) with
 *       <b>freshly initialised weights</b> (Xavier, the converter's fixed seed): the architecture, ready to train.
 *   <li>With a run directory it is that run's trained model: the best epoch's ({@code best-epoch-N.zip}) by
 *       default or the last completed epoch's ({@link ModelChoice#LAST}, {@code model.zip}), as
 *       {@link Predictor#load(Path, ModelChoice)} chooses. A run whose network differs from the request's spec
 *       (ids, kinds, connections or parameters; the name may differ), with no model yet, or with a damaged model
 *       file is refused with an {@link ExportException} that says so.
 * </ul>
 *
 * <p>The graph is NHWC (docs/dl4j.md) and uses the workbench's own vertices (channel merges and subsets, edge
 * padding for Caffe's ceil pooling, the channels-first flatten), so restoring it needs the workbench engine's jar
 * on the class path beside DL4J 1.0.0-M2.1. The file is written under a temporary name, read back and checked,
 * then renamed over {@code target}.
 *
 * <pre>{@code
 * new Dl4jModelExporter(ModelChoice.LAST).export(
 *         new ExportRequest(spec, KindRegistry.standard(), Optional.of(runDir)), Path.of("sq.zip"));
 * ComputationGraph graph = ModelSerializer.restoreComputationGraph(new File("sq.zip"));
 * }</pre>
 */
public final class Dl4jModelExporter implements NetworkExporter {

    static {
        Dl4jRuntime.configure();   // the fast-path properties before anything loads ND4J
    }

    private final ModelChoice choice;

    /** Exports a run's best epoch ({@link ModelChoice#BEST}). */
    public Dl4jModelExporter() {
        this(ModelChoice.BEST);
    }

    /** Exports a run's model of {@code choice}; without a run the choice does not matter. */
    public Dl4jModelExporter(ModelChoice choice) {
        this.choice = Objects.requireNonNull(choice, "choice");
    }

    /** Which model of a run this exporter writes. */
    public ModelChoice modelChoice() {
        return choice;
    }

    @Override
    public String id() {
        return "dl4j";
    }

    @Override
    public String label() {
        return "DL4J model";
    }

    @Override
    public String fileExtension() {
        return "zip";
    }

    @Override
    public void export(ExportRequest request, Path target) throws ExportException, IOException {
        ComputationGraph graph = request.run().isPresent() ? trained(request, request.run().get())
                : untrained(request);
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        ModelFiles.write(graph, absolute, false);
    }

    private static ComputationGraph untrained(ExportRequest request) throws ExportException {
        try {
            return Dl4jConverter.convert(request.spec(), new Analyzer(request.kinds())).newGraph();
        } catch (Dl4jConversionException e) {
            throw new ExportException("cannot export " + request.spec().name() + " as a DL4J model: "
                    + e.getMessage(), e);
        }
    }

    private ComputationGraph trained(ExportRequest request, Path runDir) throws ExportException {
        RunDirectory run = new RunDirectory(runDir);
        NetworkSpec trainedSpec;
        try {
            run.requireRun();
            trainedSpec = run.spec();
        } catch (IOException e) {
            throw new ExportException(e.getMessage(), e);
        }
        Optional<String> difference = difference(trainedSpec, request.spec(), request.kinds());
        if (difference.isPresent()) {
            throw new ExportException(runDir + " was trained on a different network than "
                    + request.spec().name() + " (" + difference.get() + "); export the run's own network: "
                    + run.specFile());
        }
        Predictor predictor;
        try {
            predictor = Predictor.load(runDir, choice);
        } catch (IOException e) {
            throw new ExportException(e.getMessage(), e);
        }
        if (!predictor.warnings().isEmpty()) {
            throw new ExportException(String.join("; ", predictor.warnings())
                    + " (nothing was exported; choose the other model with best/last, or train the run on)");
        }
        ComputationGraph graph = predictor.graph();
        long expected = new Analyzer(request.kinds()).analyze(request.spec()).totals().paramTotal();
        if (graph.numParams() != expected) {
            throw new ExportException(predictor.model() + " of " + runDir + " has " + graph.numParams()
                    + " parameters but " + request.spec().name() + " has " + expected);
        }
        return graph;
    }

    /**
     * Where {@code trained} (a run's spec) and {@code requested} differ as networks, or empty if they are the same
     * network: the same node ids, each with the same kind, inputs and parameters (defaults filled in, so a
     * parameter written out at its default value is no difference). Names and descriptions do not count.
     */
    static Optional<String> difference(NetworkSpec trained, NetworkSpec requested, KindRegistry kinds) {
        Map<String, Node> a = byId(trained);
        Map<String, Node> b = byId(requested);
        for (String id : a.keySet()) {
            if (!b.containsKey(id)) {
                return Optional.of("node '" + id + "' of the run is not in it");
            }
        }
        for (String id : b.keySet()) {
            Node mine = b.get(id);
            Node theirs = a.get(id);
            if (theirs == null) {
                return Optional.of("it has node '" + id + "', the run does not");
            }
            if (!mine.kind().equals(theirs.kind())) {
                return Optional.of("node '" + id + "' is a " + mine.kind() + " there, a " + theirs.kind()
                        + " in the run");
            }
            if (!mine.inputs().equals(theirs.inputs())) {
                return Optional.of("node '" + id + "' takes " + mine.inputs() + " there, " + theirs.inputs()
                        + " in the run");
            }
            Map<String, Object> p = resolved(mine, kinds);
            Map<String, Object> q = resolved(theirs, kinds);
            if (!p.equals(q)) {
                return Optional.of("node '" + id + "' has parameters " + p + " there, " + q + " in the run");
            }
        }
        return Optional.empty();
    }

    private static Map<String, Node> byId(NetworkSpec spec) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        spec.nodes().forEach(n -> nodes.put(n.id(), n));
        return nodes;
    }

    private static Map<String, Object> resolved(Node node, KindRegistry kinds) {
        Optional<KindDescriptor> kind = kinds.find(node.kind());
        if (kind.isEmpty()) {
            return node.params();
        }
        Params.Resolution r = Params.resolve(kind.get().parameters(), node.params());
        return r.ok() ? r.params().asMap() : node.params();
    }
}
