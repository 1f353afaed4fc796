package org.cnnworkbench.engine.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.NodeStatus;
import org.cnnworkbench.engine.analysis.SpecExpander;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every registered kind through the same checks: metadata, parameter defaults, a minimal valid node,
 * a JSON round trip, arity enforcement, and for composites equality with their expansion. A new kind must
 * add an example to {@link #EXAMPLES}; the example sets every parameter so the round trip covers them all.
 */
class KindConformanceTest {

    /** A valid use of each kind: its input shapes and every parameter set (not necessarily to defaults). */
    private record Example(List<String> inputs, String params) {
    }

    private static final Map<String, Example> EXAMPLES = Map.ofEntries(
            Map.entry("input", new Example(List.of(), "channels=3; height=8; width=8")),
            Map.entry("conv", new Example(List.of("4x8x8"),
                    "filters=6; kernel=[3,1]; stride=[1,2]; pad=1; groups=2; bias=false; activation=relu")),
            Map.entry("maxpool", new Example(List.of("4x8x8"), "kernel=2; stride=2; pad=1; rounding=ceil")),
            Map.entry("avgpool", new Example(List.of("4x8x8"), "kernel=[3,2]; stride=1; pad=0; rounding=floor")),
            Map.entry("globalavgpool", new Example(List.of("4x8x8"), "")),
            Map.entry("relu", new Example(List.of("4x8x8"), "")),
            Map.entry("lrn", new Example(List.of("4x8x8"), "size=3; alpha=0.0002; beta=0.5; k=2.0")),
            Map.entry("batchnorm", new Example(List.of("4x8x8"), "epsilon=0.001; affine=false")),
            Map.entry("dropout", new Example(List.of("v16"), "rate=0.25")),
            Map.entry("fc", new Example(List.of("4x8x8"), "units=10; bias=true; activation=tanh")),
            Map.entry("softmax", new Example(List.of("v10"), "")),
            Map.entry("convdet", new Example(List.of("4x8x8"),
                    "classes=2; anchors=[[3,4],[10.5,2]]; kernel=[3,1]; pad=[1,0]; bias=false")),
            Map.entry("concat", new Example(List.of("4x8x8", "2x8x8"), "")),
            Map.entry("add", new Example(List.of("4x8x8", "4x8x8"), "")),
            Map.entry("flatten", new Example(List.of("4x8x8"), "")),
            Map.entry("fire", new Example(List.of("4x8x8"), "s1x1=2; e1x1=2; e3x3=2; bypass=true")));

    static Stream<KindDescriptor> kinds() {
        return KindRegistry.standard().all().stream();
    }

    private static Example example(KindDescriptor kind) {
        Example e = EXAMPLES.get(kind.name());
        assertThat(e).as("the conformance harness needs an example for kind '%s'", kind.name()).isNotNull();
        return e;
    }

    private static NetworkSpec exampleSpec(KindDescriptor kind) {
        Example e = example(kind);
        return Nets.layerSpec(kind.name(), e.params(), e.inputs().toArray(String[]::new));
    }

    @Test
    void everyExampleNamesARegisteredKind() {
        assertThat(KindRegistry.standard().names()).containsExactlyInAnyOrderElementsOf(EXAMPLES.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void kindDescribesItselfForThePalette(KindDescriptor kind) {
        assertThat(kind.name()).matches("[a-z][a-z0-9]*");
        assertThat(kind.description()).as("description of %s", kind).isNotBlank().endsWith(".");
        assertThat(kind.category()).isNotNull();
        assertThat(kind.category().label()).isNotBlank();
        assertThat(kind.arity().min()).isBetween(0, kind.arity().max());
        assertThat(kind.arity().describe()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void parametersHaveDescriptionsAndDefaultsWithinRange(KindDescriptor kind) {
        for (ParamSpec spec : kind.parameters()) {
            assertThat(spec.name()).as("parameter name of %s", kind).matches("[a-z][a-z0-9]*");
            assertThat(spec.description()).as("description of %s.%s", kind, spec.name()).isNotBlank();
            assertThat(spec.accepted()).isNotBlank();
            assertThat(spec.min()).as("range of %s.%s", kind, spec.name()).isLessThanOrEqualTo(spec.max());
            if (spec.type() == ParamType.CHOICE) {
                assertThat(spec.choices()).as("choices of %s.%s", kind, spec.name()).isNotEmpty();
            }
            if (!spec.required()) {
                Params.Resolution r = Params.resolve(List.of(spec), Map.of(spec.name(), spec.defaultValue()));
                assertThat(r.problems()).as("default of %s.%s", kind, spec.name()).isEmpty();
            }
        }
        assertThat(kind.parameters()).extracting(ParamSpec::name).doesNotHaveDuplicates()
                .doesNotContain("id", "kind", "inputs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void exampleSetsEveryParameterSoThatRoundTripsCoverThem(KindDescriptor kind) {
        assertThat(Nets.params(example(kind).params()).keySet())
                .containsExactlyInAnyOrderElementsOf(kind.parameters().stream().map(ParamSpec::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void minimalNodeAnalysesWithoutErrors(KindDescriptor kind) {
        AnalysisReport report = Analyzer.standard().analyze(exampleSpec(kind));
        NodeResult r = report.result(Nets.LAYER).orElseThrow();

        assertThat(report.isValid()).as("diagnostics %s", report.diagnostics()).isTrue();
        assertThat(r.status()).isEqualTo(NodeStatus.OK);
        assertThat(r.output()).isNotNull();
        assertThat(r.params().weights()).isNotNegative();
        assertThat(r.params().biases()).isNotNegative();
        assertThat(r.params().statistics()).isNotNegative();
        assertThat(r.macs()).isNotNegative();
        assertThat(r.otherOps()).isNotNegative();
        assertThat(r.activations()).isGreaterThanOrEqualTo(r.output().elements());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void defaultsOfOptionalParametersGiveAValidNode(KindDescriptor kind) {
        NetworkSpec spec = exampleSpec(kind);
        Node layer = spec.node(Nets.LAYER).orElseThrow();
        for (ParamSpec p : kind.parameters()) {
            if (!p.required()) {
                layer = layer.withoutParam(p.name());
            }
        }
        AnalysisReport report = Analyzer.standard().analyze(spec.withNode(layer));
        assertThat(report.isValid()).as("diagnostics %s", report.diagnostics()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void nodeSurvivesAJsonRoundTrip(KindDescriptor kind) throws SpecFormatException {
        NetworkSpec spec = exampleSpec(kind);
        NetworkSpec read = NetworkJson.read(NetworkJson.write(spec), "round-trip.json").spec();
        assertThat(read).isEqualTo(spec);
        assertThat(read.node(Nets.LAYER).orElseThrow().params())
                .containsExactlyEntriesOf(spec.node(Nets.LAYER).orElseThrow().params());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void wrongNumberOfInputsIsAnErrorThatStatesTheArity(KindDescriptor kind) {
        Example e = example(kind);
        List<String> shapes = new ArrayList<>(e.inputs());
        if (kind.arity().min() > 0) {
            shapes.subList(kind.arity().min() - 1, shapes.size()).clear();
        } else {
            shapes.add("4x8x8");
        }
        NetworkSpec spec = Nets.layerSpec(kind.name(), e.params(), shapes.toArray(String[]::new));
        AnalysisReport report = Analyzer.standard().analyze(spec);
        NodeResult r = report.result(Nets.LAYER).orElseThrow();

        assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.node()).isEqualTo(Nets.LAYER);
            assertThat(d.message()).contains(kind.name() + " takes " + kind.arity().describe())
                    .endsWith("but has " + shapes.size());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void compositeGivesTheSameCountsAsItsExpansion(KindDescriptor kind) {
        NetworkSpec spec = exampleSpec(kind);
        NetworkSpec expanded = SpecExpander.expand(spec, KindRegistry.standard());
        if (!kind.isComposite()) {
            assertThat(expanded).isSameAs(spec);
            Params p = Params.resolve(kind.parameters(), spec.node(Nets.LAYER).orElseThrow().params()).params();
            assertThatThrownBy(() -> kind.expand(spec.node(Nets.LAYER).orElseThrow(), p))
                    .isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        AnalysisReport composite = Analyzer.standard().analyze(spec);
        AnalysisReport primitive = Analyzer.standard().analyze(expanded);

        assertThat(expanded.nodes()).allSatisfy(n ->
                assertThat(KindRegistry.standard().find(n.kind()).orElseThrow().isComposite()).isFalse());
        assertThat(expanded.node(Nets.LAYER)).as("the last part keeps the composite's id").isPresent();
        assertThat(primitive.isValid()).as("%s", primitive.diagnostics()).isTrue();
        assertThat(primitive.totals().params()).isEqualTo(composite.totals().params());
        assertThat(primitive.totals().macs()).isEqualTo(composite.totals().macs());
        assertThat(primitive.totals().otherOps()).isEqualTo(composite.totals().otherOps());
        assertThat(primitive.totals().activations()).isEqualTo(composite.totals().activations());
        assertThat(primitive.result(Nets.LAYER).orElseThrow().output())
                .isEqualTo(composite.result(Nets.LAYER).orElseThrow().output());
    }
}
