package org.cnnworkbench.app.ui.viewmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Totals;
import org.cnnworkbench.engine.design.MetaparameterProblem;
import org.cnnworkbench.engine.design.SqueezeNetGenerator;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * The form of the "Generate SqueezeNet" dialog: one text field per metaparameter, each refusing its value in
 * place with the reason, and a live preview of the network the values would generate. Recomputed on every
 * change (generating and analysing a SqueezeNet takes well under a millisecond).
 */
public final class GenerateSqueezeNetViewModel {

    private final Map<String, MetaparameterField> fields = new LinkedHashMap<>();
    private final BooleanProperty simpleBypass = new SimpleBooleanProperty(this, "simpleBypass", false);
    private final ReadOnlyObjectWrapper<NetworkSpec> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<SqueezeNetMetaparameters> metaparameters =
            new ReadOnlyObjectWrapper<>(this, "metaparameters");
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
    private final ReadOnlyStringWrapper networkError = new ReadOnlyStringWrapper(this, "networkError", "");
    private final Analyzer analyzer;

    public GenerateSqueezeNetViewModel(Analyzer analyzer) {
        this.analyzer = analyzer;
        SqueezeNetMetaparameters d = SqueezeNetMetaparameters.defaults();
        add("base_e", "base_e", "expand filters of the first Fire module (at least 1)", d.baseE());
        add("incr_e", "incr_e", "expand filters added every freq modules (0 or more)", d.incrE());
        add("freq", "freq", "consecutive Fire modules that share a width (at least 1)", d.freq());
        add("pct_3x3", "pct_3x3", "share of 3x3 filters in each expand layer, 0 to 1", d.pct3x3());
        add("sr", "squeeze ratio (SR)", "squeeze filters per expand filter, greater than 0", d.squeezeRatio());
        add("fire_modules", "Fire modules", "number of Fire modules (at least 1)", d.fireModules());
        fields.put("pool_after", new MetaparameterField("pool_after", "max pool after",
                "layers followed by a 3x3/2 max pool: 1 = conv1, k = fire k; comma-separated, empty for none",
                "1, 4, 8"));
        add("classes", "classes", "outputs of conv10 (at least 1)", d.classes());
        add("input_size", "input size", "height and width of the 3-channel input (pixels)", d.inputSize());
        add("conv1_filters", "conv1 filters", "7x7/2 filters of conv1 (at least 1)", d.conv1Filters());
        fields.values().forEach(f -> f.text().addListener((obs, old, now) -> update()));
        simpleBypass.addListener((obs, old, now) -> update());
        update();
    }

    private void add(String name, String label, String help, double value) {
        String text = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        fields.put(name, new MetaparameterField(name, label, help, text));
    }

    /** The text fields, in form order. */
    public List<MetaparameterField> fields() {
        return List.copyOf(fields.values());
    }

    /** A field by its paper name, e.g. {@code sr}. */
    public MetaparameterField field(String name) {
        MetaparameterField f = fields.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no field '" + name + "'");
        }
        return f;
    }

    public BooleanProperty simpleBypass() {
        return simpleBypass;
    }

    /** The network the form describes, or {@code null} while any value is refused. */
    public ReadOnlyObjectProperty<NetworkSpec> result() {
        return result.getReadOnlyProperty();
    }

    /** The metaparameters the form describes, or {@code null} while any text cannot be read. */
    public ReadOnlyObjectProperty<SqueezeNetMetaparameters> metaparameters() {
        return metaparameters.getReadOnlyProperty();
    }

    /** Params, MACs and model size of {@link #result()}; empty when there is none. */
    public ReadOnlyStringProperty preview() {
        return preview.getReadOnlyProperty();
    }

    /** Why the values, each acceptable alone, make no network together (e.g. too many pools); else empty. */
    public ReadOnlyStringProperty networkError() {
        return networkError.getReadOnlyProperty();
    }

    /** The preview line for a network's totals, as the dialog shows it. */
    public static String previewText(Totals t) {
        return String.format(Locale.ROOT, "%s params · %s MACs · %s at 32-bit (%s at 8-bit)",
                StatusSummary.count(t.paramTotal()), StatusSummary.count(t.macs()),
                StatusSummary.size(t.modelBytes(32)), StatusSummary.size(t.modelBytes(8)));
    }

    private void update() {
        fields.values().forEach(f -> f.setError(""));
        networkError.set("");
        SqueezeNetMetaparameters m = parse();
        metaparameters.set(m);
        NetworkSpec spec = null;
        if (m != null) {
            List<MetaparameterProblem> problems = m.problems();
            for (MetaparameterProblem p : problems) {
                MetaparameterField f = fields.get(p.parameter());
                if (f.error().get().isEmpty()) {
                    f.setError(p.message());
                }
            }
            if (problems.isEmpty()) {
                try {
                    spec = SqueezeNetGenerator.generate(m);
                } catch (IllegalArgumentException e) {
                    networkError.set(e.getMessage());
                }
            }
        }
        result.set(spec);
        preview.set(spec == null ? "" : previewText(analyzer.analyze(spec).totals()));
    }

    private SqueezeNetMetaparameters parse() {
        Integer baseE = integer("base_e");
        Integer incrE = integer("incr_e");
        Integer freq = integer("freq");
        Double pct = decimal("pct_3x3");
        Double sr = decimal("sr");
        Integer fires = integer("fire_modules");
        List<Integer> pools = pools();
        Integer classes = integer("classes");
        Integer input = integer("input_size");
        Integer conv1 = integer("conv1_filters");
        if (baseE == null || incrE == null || freq == null || pct == null || sr == null || fires == null
                || pools == null || classes == null || input == null || conv1 == null) {
            return null;
        }
        return new SqueezeNetMetaparameters(baseE, incrE, freq, pct, sr, fires, pools, classes, input, conv1,
                simpleBypass.get(), 3, SqueezeNetMetaparameters.Trunk.IMAGENET);
    }

    private Integer integer(String name) {
        MetaparameterField f = fields.get(name);
        String text = f.text().get() == null ? "" : f.text().get().trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            f.setError(text.isEmpty() ? "enter a whole number" : "'" + text + "' is not a whole number");
            return null;
        }
    }

    private Double decimal(String name) {
        MetaparameterField f = fields.get(name);
        String text = f.text().get() == null ? "" : f.text().get().trim();
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        f.setError(text.isEmpty() ? "enter a number" : "'" + text + "' is not a number");
        return null;
    }

    private List<Integer> pools() {
        MetaparameterField f = fields.get("pool_after");
        String text = f.text().get() == null ? "" : f.text().get().trim();
        List<Integer> layers = new ArrayList<>();
        if (text.isEmpty() || text.equalsIgnoreCase("none")) {
            return layers;
        }
        for (String part : text.split("[,\\s]+")) {
            try {
                layers.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                f.setError("'" + part + "' is not a layer number; write e.g. 1, 4, 8");
                return null;
            }
        }
        return layers;
    }
}
