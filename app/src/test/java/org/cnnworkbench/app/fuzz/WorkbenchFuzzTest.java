package org.cnnworkbench.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.app.ui.document.Edits;
import org.cnnworkbench.app.ui.view.canvas.CardText;
import org.cnnworkbench.app.ui.view.hardware.EstimateViewModel;
import org.cnnworkbench.app.ui.viewmodel.CompareViewModel;
import org.cnnworkbench.app.ui.viewmodel.LayerRow;
import org.cnnworkbench.app.ui.viewmodel.LayerShares;
import org.cnnworkbench.app.ui.viewmodel.ParamField;
import org.cnnworkbench.app.ui.viewmodel.PropertyEditorViewModel;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.testing.FuzzCampaign.Outcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The GUI's view models at the user's boundary, without the JavaFX toolkit: every mutated sample that reads
 * is opened in a {@link WorkbenchViewModel} (analysis synchronous), laid out, and edited a few times at
 * random as a user would (delete, duplicate, a typed parameter value through the property editor, rename,
 * connect, disconnect, insert, move, lay out, undo, redo). Nothing may throw; after every step the rows, the
 * problems, the status, the property editor, the card texts and the estimate agree with a fresh analysis of
 * the document; undoing everything returns to the opened document, and redoing everything to the last one.
 */
@Tag("fuzz")
class WorkbenchFuzzTest {

    private static final long CASE_SECONDS = 30;
    private static final int MAX_EDITS = 8;
    private static final FuzzCases CASES = new FuzzCases("workbench", CASE_SECONDS);
    private static final AtomicInteger EDITS = new AtomicInteger();
    private static final Analyzer FRESH = Analyzer.standard();
    /** What a user might type into a parameter field. */
    private static final List<String> TYPED = List.of("0", "1", "2", "3", "7", "64", "-1", "1.5", "1e9",
            "9223372036854775807", "99999999999999999999", "abc", "", " ", "3x5", "2,2", "true", "false", "NaN",
            "Infinity", "max", "ceil", "relu", "0.5", "x".repeat(300));

    @Test
    void noSpecOrEditBreaksTheWorkbench() throws Exception {
        CASES.runAll(FuzzCases.count(), WorkbenchFuzzTest::check, () -> " (" + EDITS.get() + " edits)");
    }

    private static Outcome check(FuzzCases.Mutant mutant) {
        LoadedNetwork loaded;
        try {
            loaded = NetworkJson.read(mutant.text(), "fuzz.json");
        } catch (SpecFormatException e) {
            return Outcome.DIAGNOSED;   // the GUI's Open shows this message; nothing is opened
        }
        Random random = mutant.random();
        if (random.nextBoolean()) {
            loaded = withLayout(loaded, mutant);
        }
        WorkbenchViewModel vm = new WorkbenchViewModel(Analyzer.standard(), Runnable::run, Runnable::run);
        PropertyEditorViewModel editor = new PropertyEditorViewModel(vm);
        EstimateViewModel estimate = new EstimateViewModel(vm.report());
        vm.open(loaded, null);
        DocumentState opened = vm.document().get();
        assertThat(opened.spec()).isEqualTo(loaded.spec());
        assertThat(opened.layout().keySet()).as("every node placed")
                .containsAll(opened.spec().nodes().stream().map(Node::id).toList());
        assertThat(opened.layout().values()).allSatisfy(p ->
                assertThat(Double.isFinite(p.x()) && Double.isFinite(p.y())).as("finite position %s", p).isTrue());
        consistent(vm, editor, estimate, "opened");
        boolean valid = vm.report().get().isValid();

        List<String> done = new ArrayList<>();
        int edits = 1 + random.nextInt(MAX_EDITS);
        for (int i = 0; i < edits; i++) {
            done.add(edit(vm, editor, random));
            EDITS.incrementAndGet();
            consistent(vm, editor, estimate, "after " + done);
        }
        while (vm.redo()) {   // a random undo may have left edits to redo
            consistent(vm, editor, estimate, "redoing " + done);
        }
        DocumentState last = vm.document().get();
        while (vm.undo()) {
            consistent(vm, editor, estimate, "undoing " + done);
        }
        assertThat(vm.document().get()).as("undo returns to the opened document after %s", done).isEqualTo(opened);
        assertThat(vm.dirty().get()).as("clean after undoing everything").isFalse();
        while (vm.redo()) {
            consistent(vm, editor, estimate, "redoing " + done);
        }
        assertThat(vm.document().get()).as("redo returns to the last document after %s", done).isEqualTo(last);
        return valid ? Outcome.ACCEPTED : Outcome.DIAGNOSED;
    }

    /**
     * The network as a file with a layout would give it: some of the nodes placed (none, a few, all), on a
     * grid, all on one spot, or far out (up to the largest finite coordinates), as an edited or hand-written
     * file may have them. Written and read back, so that the reader sees the positions as a file has them.
     */
    static LoadedNetwork withLayout(LoadedNetwork loaded, FuzzCases.Mutant mutant) {
        Random random = mutant.random();
        double share = random.nextDouble();
        int style = random.nextInt(6);
        mutant.note(String.format(java.util.Locale.ROOT, "layout: %.0f %% placed %s", share * 100,
                List.of("on a grid", "on one spot", "at x = 1e300", "at the largest coordinates", "within 1e20",
                        "at the reader's limits").get(style)));
        double limit = NetworkJson.MAX_COORDINATE;
        Map<String, NodePosition> layout = new java.util.HashMap<>();
        for (Node n : loaded.spec().nodes()) {
            if (random.nextDouble() < share) {
                layout.put(n.id(), switch (style) {
                    case 0 -> new NodePosition(random.nextInt(5) * 220, random.nextInt(20) * 110);
                    case 1 -> new NodePosition(0, 0);
                    case 2 -> new NodePosition(1e300, random.nextInt(3) * 110);
                    case 3 -> new NodePosition(random.nextBoolean() ? Double.MAX_VALUE : -Double.MAX_VALUE,
                            random.nextBoolean() ? Double.MAX_VALUE : -Double.MAX_VALUE);
                    case 4 -> new NodePosition((random.nextDouble() - 0.5) * 1e20, (random.nextDouble() - 0.5) * 1e20);
                    default -> new NodePosition(random.nextBoolean() ? limit : -limit, random.nextInt(3) * 110);
                });
            }
        }
        LoadedNetwork back;
        try {
            back = NetworkJson.read(NetworkJson.write(loaded.spec(), layout), "fuzz.json");
        } catch (SpecFormatException e) {
            throw new AssertionError("a network the workbench wrote does not read back: " + e.getMessage(), e);
        }
        long farOut = layout.values().stream()
                .filter(p -> Math.abs(p.x()) > limit || Math.abs(p.y()) > limit).count();
        assertThat(back.layout()).as("positions beyond the limit are dropped").hasSize(layout.size() - (int) farOut);
        assertThat(back.warnings()).as("each dropped position is named").hasSize((int) farOut);
        return back;
    }

    /** One random user action; returns what it was, for the failure message. */
    static String edit(WorkbenchViewModel vm, PropertyEditorViewModel editor, Random random) {
        NetworkSpec spec = vm.document().get().spec();
        List<Node> nodes = spec.nodes();
        int action = nodes.isEmpty() ? 9 : random.nextInt(12);
        Node node = nodes.isEmpty() ? null : nodes.get(random.nextInt(nodes.size()));
        Node other = nodes.isEmpty() ? null : nodes.get(random.nextInt(nodes.size()));
        switch (action) {
            case 0 -> {
                vm.select(node.id());
                vm.deleteSelection();
                return "delete " + brief(node.id());
            }
            case 1 -> {
                vm.select(node.id());
                vm.selection().add(other.id());
                vm.duplicateSelection();
                assertThat(vm.document().get().spec().nodes()).hasSizeGreaterThan(nodes.size());
                return "duplicate " + brief(node.id()) + ", " + brief(other.id());
            }
            case 2, 3, 4 -> {
                vm.select(node.id());
                List<ParamField> fields = editor.fields();
                if (fields.isEmpty()) {
                    return "select " + brief(node.id()) + " (no fields)";
                }
                ParamField field = fields.get(random.nextInt(fields.size()));
                String text = TYPED.get(random.nextInt(TYPED.size()));
                NetworkSpec before = vm.document().get().spec();
                boolean taken = editor.commit(field.name(), text);
                if (!taken) {
                    assertThat(editor.error().get()).as("a refused value says why").isNotBlank();
                    assertThat(vm.document().get().spec()).as("a refused value changes nothing").isSameAs(before);
                }
                return "type '" + brief(text) + "' into " + brief(node.id()) + "." + field.name()
                        + (taken ? "" : " (refused)");
            }
            case 5 -> {
                vm.select(node.id());
                String newId = List.of("", other.id(), other.id() + "/squeeze1x1", "renamed", node.id() + "_2",
                        "n".repeat(500)).get(random.nextInt(6));
                boolean taken = editor.rename(newId);
                if (taken) {
                    assertThat(vm.document().get().spec().contains(newId.strip())).isTrue();
                } else {
                    assertThat(editor.error().get()).as("a refused rename says why").isNotBlank();
                }
                return "rename " + brief(node.id()) + " to '" + brief(newId) + "'" + (taken ? "" : " (refused)");
            }
            case 6 -> {
                vm.apply(Edits.connect(vm.document().get(), vm.analyzer().kinds(), node.id(), other.id()));
                return "connect " + brief(node.id()) + " -> " + brief(other.id());
            }
            case 7 -> {
                if (node.inputs().isEmpty() || !spec.contains(node.inputs().get(0))) {
                    return "nothing to disconnect at " + brief(node.id());
                }
                String from = node.inputs().get(0);
                if (random.nextBoolean()) {
                    vm.apply(Edits.disconnect(vm.document().get(), from, node.id()));
                    return "disconnect " + brief(from) + " -> " + brief(node.id());
                }
                LayerKind kind = kind(random);
                vm.apply(Edits.insertOnEdge(vm.document().get(), kind, from, node.id(), new NodePosition(5, 5)));
                return "insert " + kind.name() + " on " + brief(from) + " -> " + brief(node.id());
            }
            case 8 -> {
                vm.apply(Edits.move(vm.document().get(), Map.of(node.id(),
                        new NodePosition(random.nextInt(4000) - 2000, random.nextInt(4000) - 2000))));
                return "move " + brief(node.id());
            }
            case 9 -> {
                LayerKind kind = kind(random);
                vm.apply(Edits.addNode(vm.document().get(), kind, new NodePosition(0, 0)));
                return "add " + kind.name();
            }
            case 10 -> {
                vm.apply(Edits.autoLayout(vm.document().get(), random.nextBoolean()));
                return "lay out";
            }
            default -> {
                boolean undone = random.nextBoolean() ? vm.undo() : vm.redo();
                return undone ? "undo or redo" : "nothing to undo or redo";
            }
        }
    }

    /** The view models show exactly what a fresh analysis of the document says. */
    private static void consistent(WorkbenchViewModel vm, PropertyEditorViewModel editor, EstimateViewModel estimate,
                                   String when) {
        DocumentState doc = vm.document().get();
        NetworkSpec spec = doc.spec();
        assertThat(vm.isAnalysisCurrent()).as("analysis current %s", when).isTrue();
        AnalysisReport shown = vm.report().get();
        AnalysisReport fresh = FRESH.analyze(spec);
        assertThat(shown.layers()).as("incremental analysis equals a fresh one %s", when).isEqualTo(fresh.layers());
        assertThat(shown.totals()).as("totals %s", when).isEqualTo(fresh.totals());
        assertThat(shown.diagnostics()).as("diagnostics %s", when).isEqualTo(fresh.diagnostics());
        assertThat(vm.problems()).as("problems %s", when).isEqualTo(fresh.diagnostics());
        List<LayerRow> rows = vm.layers();
        assertThat(rows).as("one row per analysed layer %s", when).hasSameSizeAs(fresh.layers());
        for (int i = 0; i < rows.size(); i++) {
            LayerRow row = rows.get(i);
            NodeResult r = fresh.layers().get(i);
            assertThat(row.id()).isEqualTo(r.id());
            assertThat(row.status()).isEqualTo(r.status().name().toLowerCase(java.util.Locale.ROOT));
            assertThat(row.params()).as("params of %s %s", r.id(), when).isEqualTo(r.paramTotal());
            assertThat(row.macs()).isEqualTo(r.macs());
            assertThat(Double.isFinite(row.paramShare()) && Double.isFinite(row.macShare())).isTrue();
        }
        LayerShares.of(rows).forEach(b ->
                assertThat(Double.isFinite(b.paramPercent()) && Double.isFinite(b.macPercent())).isTrue());
        assertThat(vm.status().get().valid()).isEqualTo(fresh.isValid());
        assertThat(vm.status().get().text()).isNotBlank();
        assertThat(doc.layout().keySet()).as("every node placed %s", when)
                .containsAll(spec.nodes().stream().map(Node::id).toList());
        for (Node n : spec.nodes()) {
            assertThat(CardText.keyParams(n, vm.analyzer().kinds().find(n.kind()).orElse(null))).isNotNull();
            NodeResult r = shown.result(n.id()).orElse(null);
            assertThat(CardText.shape(r)).isNotNull();
            assertThat(CardText.params(r)).isNotNull();
            CardText.tooltip(r);
        }
        Node selected = editor.node().get();
        if (vm.selection().size() == 1 && selected != null) {
            assertThat(spec.node(selected.id())).as("the editor shows the selected node %s", when).contains(selected);
            for (ParamField f : editor.fields()) {
                Object raw = selected.param(f.name());
                assertThat(f.usingDefault().get()).as("field %s %s", f.name(), when).isEqualTo(raw == null);
            }
            assertThat(editor.diagnostics()).as("the editor's diagnostics %s", when)
                    .isEqualTo(fresh.diagnostics().stream().filter(d -> selected.id().equals(d.node())).toList());
        }
        if (fresh.isValid()) {
            assertThat(estimate.estimate().get()).as("an estimate for a valid network %s", when).isNotNull();
        }
        vm.specBeforeLastEdit().ifPresent(before -> {
            CompareViewModel compare = new CompareViewModel(CompareViewModel.analyze(before), shown);
            if (compare.comparison().isPresent()) {
                assertThat(compare.totals()).isNotEmpty();
                assertThat(compare.changedLayers()).isNotNull();
            } else {
                assertThat(compare.error()).as("a comparison that cannot be made says why").isNotBlank();
            }
        });
    }

    private static LayerKind kind(Random random) {
        List<LayerKind> kinds = new ArrayList<>(FRESH.kinds().units());
        return kinds.get(random.nextInt(kinds.size()));
    }

    private static String brief(String text) {
        return text.length() <= 30 ? text : text.substring(0, 15) + "... (" + text.length() + " chars)";
    }
}
