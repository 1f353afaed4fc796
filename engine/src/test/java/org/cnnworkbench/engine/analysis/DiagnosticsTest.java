package org.cnnworkbench.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each faulty node gets an error diagnostic on its own id whose message states the problem with its numbers;
 * the analysis never throws, computes every node it can, and marks nodes downstream of an error as BLOCKED
 * without diagnostics of their own.
 */
class DiagnosticsTest {

    /** data 3x32x32 -> side 8x32x32 (224 params), half 3x16x16, vec 10 (3,072 * 10 + 10 = 30,730 params). */
    private static final List<Node> BASE = List.of(
            Nets.input("data", "3x32x32"),
            Nets.node("side", "conv", List.of("data"), "filters=8; kernel=3; pad=1"),
            Nets.node("half", "maxpool", List.of("data"), "kernel=2; stride=2"),
            Nets.node("vec", "fc", List.of("data"), "units=10"));
    private static final long BASE_PARAMS = 224 + 30_730;

    /** The base network plus {@code bad}, then {@code after} (relu of bad) and {@code after2} (softmax). */
    private static AnalysisReport analyseWith(Node bad) {
        List<Node> nodes = new ArrayList<>(BASE);
        nodes.add(bad);
        nodes.add(Node.of("after", "relu", List.of(bad.id())));
        nodes.add(Node.of("after2", "softmax", List.of("after")));
        NetworkSpec spec = NetworkSpec.of("faulty", nodes);
        return assertDoesNotThrow(() -> Analyzer.standard().analyze(spec));
    }

    /** The error messages of {@code bad}, after checking that the fault stays where it is. */
    private static List<String> errorsOfIsolatedFault(AnalysisReport report) {
        NodeResult bad = report.result("bad").orElseThrow();
        assertThat(bad.status()).isEqualTo(NodeStatus.ERROR);
        assertThat(bad.output()).isNull();
        assertThat(report.isValid()).isFalse();
        for (Node n : BASE) {
            NodeResult r = report.result(n.id()).orElseThrow();
            assertThat(r.status()).as("%s upstream or beside the fault", n.id()).isEqualTo(NodeStatus.OK);
            assertThat(r.diagnostics()).noneMatch(Diagnostic::isError);
        }
        for (String id : List.of("after", "after2")) {
            NodeResult r = report.result(id).orElseThrow();
            assertThat(r.status()).as("%s downstream of the fault", id).isEqualTo(NodeStatus.BLOCKED);
            assertThat(r.diagnostics()).as("%s has no diagnostic of its own", id).isEmpty();
            assertThat(r.output()).isNull();
        }
        assertThat(report.totals().paramTotal()).as("totals of the computed nodes").isEqualTo(BASE_PARAMS);
        assertThat(report.diagnostics()).filteredOn(Diagnostic::isError)
                .isNotEmpty().allSatisfy(d -> assertThat(d.node()).isEqualTo("bad"));
        return bad.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message).toList();
    }

    private static String singleErrorOf(Node bad) {
        List<String> errors = errorsOfIsolatedFault(analyseWith(bad));
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    // --- graph ---

    @Test
    void unknownKindSuggestsTheClosestKnownKind() {
        String message = singleErrorOf(Nets.node("bad", "convv", List.of("data"), "filters=8; kernel=3"));
        assertThat(message).contains("unknown kind 'convv'", "did you mean 'conv'?", "known kinds:", "fire");
    }

    @Test
    void unknownKindFarFromAnyKnownKindHasNoSuggestion() {
        String message = singleErrorOf(Node.of("bad", "transformer", List.of("data")));
        assertThat(message).contains("unknown kind 'transformer'").doesNotContain("did you mean");
    }

    @Test
    void missingInputNamesTheAbsentNode() {
        String message = singleErrorOf(Node.of("bad", "relu", List.of("nowhere")));
        assertThat(message).contains("input 'nowhere' does not exist");
    }

    @Test
    void nodeThatIsItsOwnInputIsACycle() {
        String message = singleErrorOf(Node.of("bad", "relu", List.of("bad")));
        assertThat(message).contains("its own input", "bad -> bad", "acyclic");
    }

    @Test
    void twoNodeCycleIsReportedOnBothNodesAndBlocksWhatFollows() {
        NetworkSpec spec = Nets.spec(
                Nets.input("data", "3x8x8"),
                Node.of("a", "relu", List.of("b")),
                Node.of("b", "relu", List.of("a")),
                Node.of("c", "relu", List.of("b")),
                Node.of("ok", "relu", List.of("data")));
        AnalysisReport report = assertDoesNotThrow(() -> Analyzer.standard().analyze(spec));

        for (String id : List.of("a", "b")) {
            NodeResult r = report.result(id).orElseThrow();
            assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
            assertThat(r.diagnostics()).singleElement().satisfies(d -> {
                assertThat(d.node()).isEqualTo(id);
                assertThat(d.isError()).isTrue();
                assertThat(d.message()).contains("cycle", "a, b", "remove one of these connections");
            });
        }
        assertThat(report.result("c").orElseThrow().status()).isEqualTo(NodeStatus.BLOCKED);
        assertThat(report.result("c").orElseThrow().diagnostics()).isEmpty();
        assertThat(report.result("data").orElseThrow().ok()).isTrue();
        assertThat(report.result("ok").orElseThrow().ok()).isTrue();
        assertThat(report.layers()).hasSize(5);
    }

    @Test
    void nodeWrittenBeforeTheCycleItDependsOnIsBlocked() {
        // c and d are downstream of the cycle a <-> b but come first in the file
        NetworkSpec spec = Nets.spec(
                Nets.input("data", "3x8x8"),
                Node.of("d", "relu", List.of("c")),
                Node.of("c", "relu", List.of("b")),
                Node.of("a", "relu", List.of("b")),
                Node.of("b", "relu", List.of("a")));
        AnalysisReport report = assertDoesNotThrow(() -> Analyzer.standard().analyze(spec));

        assertThat(report.result("a").orElseThrow().status()).isEqualTo(NodeStatus.ERROR);
        assertThat(report.result("b").orElseThrow().status()).isEqualTo(NodeStatus.ERROR);
        for (String id : List.of("c", "d")) {
            assertThat(report.result(id).orElseThrow().status()).as(id).isEqualTo(NodeStatus.BLOCKED);
            assertThat(report.result(id).orElseThrow().diagnostics()).as(id).isEmpty();
        }
        Reanalysis edit = assertDoesNotThrow(() -> Analyzer.standard().reanalyze(report,
                spec.withAddedNode(Node.of("e", "relu", List.of("data")))));
        assertThat(edit.report().layers()).isEqualTo(Analyzer.standard().analyze(edit.report().spec()).layers());
    }

    @Test
    void wrongNumberOfInputsStatesWhatTheKindTakes() {
        String message = singleErrorOf(Node.of("bad", "conv", List.of("data", "side"),
                Nets.params("filters=8; kernel=3")));
        assertThat(message).isEqualTo("conv takes exactly 1 input but has 2");
    }

    // --- shapes ---

    @Test
    void concatOfDifferentSpatialSizesShowsTheShapes() {
        String message = singleErrorOf(Node.of("bad", "concat", List.of("data", "half")));
        assertThat(message).contains("same height x width", "[3x32x32, 3x16x16]");
    }

    @Test
    void addOfDifferentShapesShowsTheShapes() {
        String message = singleErrorOf(Node.of("bad", "add", List.of("data", "side")));
        assertThat(message).contains("same shape", "[3x32x32, 8x32x32]");
    }

    @Test
    void kernelLargerThanThePaddedInputShowsTheArithmetic() {
        // half is 3x16x16; 16 + 2 * 2 = 20 < 21
        String message = singleErrorOf(Nets.node("bad", "conv", List.of("half"), "filters=4; kernel=21; pad=2"));
        assertThat(message).contains("kernel height 21", "padded input height 20", "16 + 2 x pad 2");
    }

    @Test
    void windowThatWouldGiveZeroOutputsIsAnError() {
        // (16 - 17) / 1 + 1 = 0 columns
        String message = singleErrorOf(Nets.node("bad", "maxpool", List.of("half"), "kernel=[1,17]"));
        assertThat(message).contains("kernel width 17", "padded input width 16");
    }

    @Test
    void fireWithoutExpandFiltersHasNoOutputChannels() {
        String message = singleErrorOf(Nets.node("bad", "fire", List.of("side"), "s1x1=2; e1x1=0; e3x3=0"));
        assertThat(message).contains("no filters", "e1x1 + e3x3");
    }

    @Test
    void poolPaddingAsLargeAsTheKernelIsAnError() {
        String message = singleErrorOf(Nets.node("bad", "maxpool", List.of("data"), "kernel=2; pad=2"));
        assertThat(message).contains("pad 2", "smaller than kernel 2");
    }

    @Test
    void inputChannelsNotDivisibleByGroupsIsAnError() {
        String message = singleErrorOf(Nets.node("bad", "conv", List.of("data"), "filters=8; kernel=3; groups=2"));
        assertThat(message).contains("input channels 3", "not divisible by groups 2");
    }

    @Test
    void filtersNotDivisibleByGroupsIsAnError() {
        String message = singleErrorOf(Nets.node("bad", "conv", List.of("side"), "filters=6; kernel=1; groups=4"));
        assertThat(message).contains("filters 6", "not divisible by groups 4");
    }

    @Test
    void fireModuleWithBypassRequiresEqualChannels() {
        String message = singleErrorOf(Nets.node("bad", "fire", List.of("side"),
                "s1x1=2; e1x1=4; e3x3=8; bypass=true"));
        assertThat(message).contains("bypass", "input has 8", "4 + 8 = 12");
    }

    @Test
    void convolutionAfterAFullyConnectedLayerNeedsAFeatureMap() {
        String message = singleErrorOf(Nets.node("bad", "conv", List.of("vec"), "filters=4; kernel=1"));
        assertThat(message).contains("conv needs a channels x height x width input", "flat vector of 10 features");
    }

    @Test
    void localResponseNormalizationOfAVectorIsAnError() {
        String message = singleErrorOf(Node.of("bad", "lrn", List.of("vec")));
        assertThat(message).contains("lrn needs a channels x height x width input");
    }

    // --- parameters ---

    @Test
    void unknownParameterSuggestsTheClosestAndReportsTheMissingOne() {
        List<String> errors = errorsOfIsolatedFault(analyseWith(
                Nets.node("bad", "conv", List.of("data"), "filter=8; kernel=3")));
        assertThat(errors).anySatisfy(m -> assertThat(m).contains("unknown parameter 'filter'",
                "did you mean 'filters'?"));
        assertThat(errors).anySatisfy(m -> assertThat(m).contains("missing required parameter 'filters'"));
        assertThat(errors).hasSize(2);
    }

    @Test
    void parameterOfAKindWithoutParametersSaysSo() {
        String message = singleErrorOf(Nets.node("bad", "relu", List.of("data"), "slope=0.1"));
        assertThat(message).contains("unknown parameter 'slope'", "takes no parameters");
    }

    @Test
    void missingRequiredParameterDescribesIt() {
        String message = singleErrorOf(Nets.node("bad", "conv", List.of("data"), "filters=8"));
        assertThat(message).contains("missing required parameter 'kernel'", "filter height x width",
                "[height, width]");
    }

    @Test
    void textWhereANumberIsExpectedIsAnError() {
        String message = singleErrorOf(Nets.node("bad", "conv", List.of("data"), "filters=many; kernel=3"));
        assertThat(message).contains("'filters' = \"many\" is not valid", "expected a whole number >= 1");
    }

    @Test
    void fractionWhereAWholeNumberIsExpectedIsAnError() {
        String message = singleErrorOf(Nets.node("bad", "conv", List.of("data"), "filters=9.5; kernel=3"));
        assertThat(message).contains("'filters' = 9.5 is not valid", "whole number");
    }

    @Test
    void zeroFiltersIsOutOfRange() {
        String message = singleErrorOf(Nets.node("bad", "conv", List.of("data"), "filters=0; kernel=3"));
        assertThat(message).contains("'filters' = 0 is not valid", ">= 1");
    }

    @Test
    void decimalOutOfRangeStatesTheRange() {
        String message = singleErrorOf(Nets.node("bad", "dropout", List.of("data"), "rate=1.5"));
        assertThat(message).contains("'rate' = 1.5", "in [0.0, 0.99]");
    }

    @Test
    void unknownChoiceListsTheChoices() {
        String message = singleErrorOf(Nets.node("bad", "conv", List.of("data"),
                "filters=8; kernel=3; activation=gelu"));
        assertThat(message).contains("'activation' = \"gelu\"", "one of none, relu, sigmoid, tanh");
    }

    @Test
    void pairWithThreeElementsIsAnError() {
        String message = singleErrorOf(Nets.node("bad", "conv", List.of("data"), "filters=8; kernel=[3,3,3]"));
        assertThat(message).contains("'kernel' = [3, 3, 3] is not valid", "[height, width]");
    }

    // --- overflow ---

    @Test
    void countThatOverflowsALongIsAnErrorOnItsNode() {
        // 100,000 x 1,000 x 1,000 = 1e11 inputs fit; times 1e9 units = 1e20 weights > 9.2e18
        NetworkSpec spec = Nets.spec(
                Nets.input("data", "100000x1000x1000"),
                Nets.node("bad", "fc", List.of("data"), "units=1000000000"),
                Node.of("after", "relu", List.of("bad")));
        AnalysisReport report = assertDoesNotThrow(() -> Analyzer.standard().analyze(spec));

        assertThat(report.result("data").orElseThrow().activations()).isEqualTo(100_000_000_000L);
        NodeResult bad = report.result("bad").orElseThrow();
        assertThat(bad.status()).isEqualTo(NodeStatus.ERROR);
        assertThat(bad.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.node()).isEqualTo("bad");
            assertThat(d.message()).contains("overflows a 64-bit integer");
        });
        assertThat(report.result("after").orElseThrow().status()).isEqualTo(NodeStatus.BLOCKED);
    }

    @Test
    void totalThatOverflowsALongIsANetworkDiagnostic() {
        // each fc: 5,000 * 1,000 * 1,000 = 5e9 inputs * 1e9 units = 5e18 weights (fits); both: 1e19 (does not)
        NetworkSpec spec = Nets.spec(
                Nets.input("data", "5000x1000x1000"),
                Nets.node("fc1", "fc", List.of("data"), "units=1000000000"),
                Nets.node("fc2", "fc", List.of("data"), "units=1000000000"));
        AnalysisReport report = assertDoesNotThrow(() -> Analyzer.standard().analyze(spec));

        assertThat(report.result("fc1").orElseThrow().params().weights()).isEqualTo(5_000_000_000_000_000_000L);
        assertThat(report.result("fc2").orElseThrow().ok()).isTrue();
        assertThat(report.totals().overflowed()).isTrue();
        assertThat(report.isValid()).isFalse();
        assertThat(report.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.node()).isNull();
            assertThat(d.isError()).isTrue();
            assertThat(d.message()).contains("overflows", "partial");
        });
    }

    // --- warnings ---

    /** The warnings of {@code id} after checking that they leave the network valid and the node computed. */
    private static List<String> warningsOf(AnalysisReport report, String id) {
        assertThat(report.isValid()).as("warnings never make a network invalid").isTrue();
        NodeResult result = report.result(id).orElseThrow();
        assertThat(result.status()).isEqualTo(NodeStatus.OK);
        assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.severity()).isEqualTo(Severity.WARNING));
        return result.diagnostics().stream().map(Diagnostic::message).toList();
    }

    @Test
    void ceilPoolingWhoseLastWindowsStartPastTheInputWarnsNamingTheEmptyRowAndColumn() {
        // 6x6, kernel 2, stride 3, ceil: ceil((6 - 2) / 3) + 1 = 3 windows, the 3rd starts at 2 x 3 = 6 >= 6
        NetworkSpec spec = Nets.spec(Nets.input("data", "2x6x6"),
                Nets.node("pool1", "maxpool", List.of("data"), "kernel=2; stride=3; rounding=ceil"),
                Node.of("after", "relu", List.of("pool1")));
        AnalysisReport report = assertDoesNotThrow(() -> Analyzer.standard().analyze(spec));

        assertThat(report.result("pool1").orElseThrow().output()).isEqualTo(Nets.shape("2x3x3"));
        assertThat(warningsOf(report, "pool1")).singleElement().asString()
                .contains("output row 3 of 3", "output column 3 of 3", "contain no input cell",
                        "(3 - 1) x stride 3 - pad 0 = 6", "height 6", "width 6",
                        "stride <= kernel 2", "rounding floor", "padding");
        assertThat(report.result("after").orElseThrow().status()).isEqualTo(NodeStatus.OK);
    }

    @Test
    void ceilPoolingWithAnEmptyWindowOnOneAxisNamesOnlyThatAxis() {
        // height: ceil((6 - 3) / 3) + 1 = 2, the 2nd window starts at 3 < 6; width: ceil((6 - 1) / 4) + 1 = 3,
        // the 3rd starts at 8 >= 6
        NetworkSpec spec = Nets.spec(Nets.input("data", "1x6x6"),
                Nets.node("pool1", "avgpool", List.of("data"), "kernel=[3,1]; stride=[3,4]; rounding=ceil"));
        AnalysisReport report = assertDoesNotThrow(() -> Analyzer.standard().analyze(spec));

        assertThat(report.result("pool1").orElseThrow().output()).isEqualTo(Nets.shape("1x2x3"));
        assertThat(warningsOf(report, "pool1")).singleElement().asString()
                .contains("output column 3 of 3", "(3 - 1) x stride 4 - pad 0 = 8", "stride <= kernel 1")
                .doesNotContain("output row");
    }

    @ParameterizedTest(name = "{0} on {1}: no warning")
    @CsvSource(delimiter = '|', textBlock = """
            # stride <= kernel: the last window always starts inside (SqueezeNet's pool1)
            maxpool | 1x112x112 | kernel=3; stride=2; rounding=ceil
            # padding: Caffe drops a last window that would start past the input
            maxpool | 1x6x6     | kernel=2; stride=3; pad=1; rounding=ceil
            maxpool | 1x6x6     | kernel=2; stride=3; pad=[0,1]; rounding=ceil
            # stride > kernel but the last window still starts inside: ceil((7 - 2) / 3) + 1 = 3, starts at 6 < 7
            avgpool | 1x7x7     | kernel=2; stride=3; rounding=ceil
            """)
    void ceilPoolingWhoseWindowsAllTouchTheInputHasNoWarning(String kind, String input, String params) {
        NetworkSpec spec = Nets.spec(Nets.input("data", input), Nets.node("pool1", kind, List.of("data"), params));
        AnalysisReport report = assertDoesNotThrow(() -> Analyzer.standard().analyze(spec));

        assertThat(warningsOf(report, "pool1")).isEmpty();
    }
}
