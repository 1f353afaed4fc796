package org.cnnworkbench.app.ui.viewmodel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.SetChangeListener;
import org.cnnworkbench.app.ui.document.Change;
import org.cnnworkbench.app.ui.document.Edits;
import org.cnnworkbench.app.ui.document.ParamText;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.ParamSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * The property editor of the single selected node: its id, one field per parameter of its kind, the kind's
 * description, the node's diagnostics and a summary of its analysis. Typed values are checked with
 * {@link ParamText#parse} before anything is edited; a refused value leaves the spec unchanged and sets
 * {@link #error()} with the reason and {@link #errorField()} with the field that refused it.
 */
public final class PropertyEditorViewModel {

    /** The {@link #errorField()} of a refused rename. */
    public static final String ID_FIELD = "id";

    private final WorkbenchViewModel vm;
    private final ReadOnlyObjectWrapper<Node> node = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<KindDescriptor> kind = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper errorField = new ReadOnlyStringWrapper();
    private final ObservableList<ParamField> fields = FXCollections.observableArrayList();
    private final ObservableList<Diagnostic> diagnostics = FXCollections.observableArrayList();

    public PropertyEditorViewModel(WorkbenchViewModel vm) {
        this.vm = vm;
        vm.selection().addListener((SetChangeListener<String>) c -> refresh());
        vm.document().addListener((o, a, b) -> refresh());
        vm.report().addListener((o, a, b) -> refreshResult());
        refresh();
    }

    private void refresh() {
        Node current = selectedNode();
        Node previous = node.get();
        if (current == null) {
            fields.clear();
            kind.set(null);
            description.set("");
            clearError();
            hint.set(vm.selection().isEmpty() ? "Select a node to see its properties."
                    : vm.selection().size() + " nodes selected; select one to edit its properties.");
        } else if (previous == null || !previous.id().equals(current.id()) || !previous.kind().equals(current.kind())) {
            Optional<KindDescriptor> k = vm.analyzer().kinds().find(current.kind());
            kind.set(k.orElse(null));
            description.set(k.map(KindDescriptor::description)
                    .orElse("Unknown kind '" + current.kind() + "': its parameters cannot be edited here."));
            fields.setAll(k.map(KindDescriptor::parameters).orElse(List.of()).stream()
                    .map(p -> new ParamField(p, current.param(p.name()))).toList());
            clearError();
            hint.set(null);
        } else {
            fields.forEach(f -> f.update(current.param(f.name())));
        }
        node.set(current);
        refreshResult();
    }

    private Node selectedNode() {
        if (vm.selection().size() != 1 || vm.document().get() == null) {
            return null;
        }
        return vm.document().get().spec().node(vm.selection().iterator().next()).orElse(null);
    }

    private void refreshResult() {
        Node n = node.get();
        AnalysisReport report = vm.report().get();
        if (n == null || report == null) {
            summary.set("");
            diagnostics.clear();
            return;
        }
        Optional<NodeResult> result = report.result(n.id());
        summary.set(result.map(r -> summaryOf(LayerRow.of(r, report.totals()))).orElse("Not analysed yet."));
        diagnostics.setAll(report.diagnostics().stream().filter(d -> n.id().equals(d.node())).toList());
    }

    static String summaryOf(LayerRow row) {
        return switch (row.status()) {
            case "ok" -> "Output " + row.output() + " · " + Formats.count(row.params()) + " params · "
                    + Formats.count(row.macs()) + " MACs · " + Formats.count(row.activations()) + " activations";
            case "blocked" -> "Not computed: an upstream node has an error.";
            default -> "Not computed: see the problems below.";
        };
    }

    /**
     * Sets a parameter from typed text (empty text: back to the default). Returns false, with the reason in
     * {@link #error()}, when the text is refused; the spec is then unchanged.
     */
    public boolean commit(String param, String text) {
        Node n = node.get();
        ParamField field = field(param);
        if (n == null || field == null) {
            return false;
        }
        ParamText.Parsed parsed = ParamText.parse(field.spec(), text == null ? "" : text);
        if (!parsed.ok()) {
            refuse(param, parsed.error());
            return false;
        }
        clearError();
        if (!Objects.equals(parsed.value(), n.param(param))) {
            vm.apply(Edits.setParam(vm.document().get(), n.id(), param, parsed.value()));
        }
        return true;
    }

    /** Renames the node and keeps it selected; an empty or taken id is refused with the reason. */
    public boolean rename(String newId) {
        Node n = node.get();
        if (n == null) {
            return false;
        }
        String id = newId == null ? "" : newId.strip();
        if (id.equals(n.id())) {
            clearError();
            return true;
        }
        Change change;
        try {
            change = Edits.rename(vm.document().get(), n.id(), id);
        } catch (IllegalArgumentException e) {
            refuse(ID_FIELD, "Cannot rename '" + n.id() + "': " + e.getMessage());
            return false;
        }
        clearError();
        vm.apply(change);
        vm.select(id);
        return true;
    }

    public void clearError() {
        error.set(null);
        errorField.set(null);
    }

    private void refuse(String field, String reason) {
        errorField.set(field);
        error.set(reason);
    }

    /** The field of parameter {@code name}, or null. */
    public ParamField field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    /** The selected node, or null when none or several are selected. */
    public ReadOnlyObjectProperty<Node> node() {
        return node.getReadOnlyProperty();
    }

    /** The kind of the selected node, or null when unknown. */
    public ReadOnlyObjectProperty<KindDescriptor> kind() {
        return kind.getReadOnlyProperty();
    }

    /** What to show instead of the editor; null while a node is being edited. */
    public ReadOnlyStringProperty hint() {
        return hint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty description() {
        return description.getReadOnlyProperty();
    }

    /** Output shape, params, MACs and activations of the node, from the latest analysis. */
    public ReadOnlyStringProperty summary() {
        return summary.getReadOnlyProperty();
    }

    /** Why the last typed value was refused, or null. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    /** The parameter name (or {@link #ID_FIELD}) whose value was refused, or null. */
    public ReadOnlyStringProperty errorField() {
        return errorField.getReadOnlyProperty();
    }

    /** One field per parameter; replaced when another node is selected, updated in place otherwise. */
    public ObservableList<ParamField> fields() {
        return FXCollections.unmodifiableObservableList(fields);
    }

    /** The diagnostics that concern the node. */
    public ObservableList<Diagnostic> diagnostics() {
        return FXCollections.unmodifiableObservableList(diagnostics);
    }

    /** Parameters of the kind, for callers that need the specs only. */
    public List<ParamSpec> specs() {
        return fields.stream().map(ParamField::spec).toList();
    }
}
