package org.cnnworkbench.app.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Reanalysis;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.samples.SampleNetworks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Full and incremental analysis. Each edit benchmark re-analyses a previous report after one node's edit;
 * "local" edits change a layer's filters (the layer and the next one are affected), "global" edits change
 * the input resolution (everything downstream is affected). Run with {@code ./workbench bench analysis}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AnalysisBenchmark {

    static final int CHAIN_SIZE = 2000;

    private final Analyzer analyzer = Analyzer.standard();
    private NetworkSpec squeezenet;
    private AnalysisReport squeezenetReport;
    private NetworkSpec squeezenetLocal;
    private NetworkSpec squeezenetGlobal;
    private NetworkSpec chain;
    private AnalysisReport chainReport;
    private NetworkSpec chainLocalStart;
    private NetworkSpec chainLocalEnd;
    private NetworkSpec chainGlobal;

    @Setup
    public void setUp() throws Exception {
        squeezenet = SampleNetworks.load("squeezenet-v1.0").spec();
        squeezenetReport = analyzer.analyze(squeezenet);
        squeezenetLocal = edit(squeezenet, "fire5", "e3x3", 96);
        squeezenetGlobal = edit(edit(squeezenet, "data", "height", 195), "data", "width", 195);
        chain = SyntheticNetworks.chain(CHAIN_SIZE);
        chainReport = analyzer.analyze(chain);
        chainLocalStart = edit(chain, "n1", "filters", 24);
        chainLocalEnd = edit(chain, "n" + (CHAIN_SIZE - 3), "filters", 24);
        chainGlobal = edit(chain, "n0", "height", 30);
        check(analyzer.reanalyze(squeezenetReport, squeezenetLocal, List.of("fire5")), 2);
        check(analyzer.reanalyze(chainReport, chainLocalEnd, List.of("n" + (CHAIN_SIZE - 3))), 3);
        check(analyzer.reanalyze(chainReport, chainGlobal, List.of("n0")), CHAIN_SIZE);
    }

    private static NetworkSpec edit(NetworkSpec spec, String id, String param, long value) {
        Node node = spec.node(id).orElseThrow();
        return spec.withNode(node.withParam(param, value));
    }

    /** Guards against benchmarking something else than intended. */
    private static void check(Reanalysis r, int expectedAffected) {
        if (r.affected().size() != expectedAffected || !r.report().isValid()) {
            throw new IllegalStateException("benchmark edit affected " + r.affected().size() + " nodes, expected "
                    + expectedAffected);
        }
    }

    @Benchmark
    public AnalysisReport fullSqueezeNet() {
        return analyzer.analyze(squeezenet);
    }

    @Benchmark
    public Reanalysis editSqueezeNetLocal() {
        return analyzer.reanalyze(squeezenetReport, squeezenetLocal, List.of("fire5"));
    }

    @Benchmark
    public Reanalysis editSqueezeNetGlobal() {
        return analyzer.reanalyze(squeezenetReport, squeezenetGlobal, List.of("data"));
    }

    @Benchmark
    public AnalysisReport fullChain2000() {
        return analyzer.analyze(chain);
    }

    @Benchmark
    public Reanalysis editChain2000LocalStart() {
        return analyzer.reanalyze(chainReport, chainLocalStart, List.of("n1"));
    }

    @Benchmark
    public Reanalysis editChain2000LocalEnd() {
        return analyzer.reanalyze(chainReport, chainLocalEnd, List.of("n" + (CHAIN_SIZE - 3)));
    }

    @Benchmark
    public Reanalysis editChain2000Global() {
        return analyzer.reanalyze(chainReport, chainGlobal, List.of("n0"));
    }

    /** The two-argument form finds the edited node itself by comparing the specs. */
    @Benchmark
    public Reanalysis editChain2000LocalEndByDiff() {
        return analyzer.reanalyze(chainReport, chainLocalEnd);
    }
}
