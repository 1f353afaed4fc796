package org.cnnworkbench.app.ui.viewmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Totals;
import org.cnnworkbench.engine.design.MetaparameterProblem;
import org.cnnworkbench.engine.design.SqueezeNetGenerator;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters.Trunk;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * The form of the "Generate SqueezeNet" dialog: the trunk (ImageNet or small input), one text field per
 * metaparameter, each refusing its value in place with the reason, and a live preview of the network the values
 * would generate. Choosing a trunk fills every field with that family's defaults. Recomputed on every change
 * (generating and analysing a SqueezeNet takes well under a millisecond).
 */
public final class GenerateSqueezeNetViewModel {

    private final Map<String, MetaparameterField> fields = new LinkedHashMap<>();
    private final BooleanProperty simpleBypass = new SimpleBooleanProperty(this, "simpleBypass", false);
    private final ObjectProperty<Trunk> trunk = new SimpleObjectProperty<>(this, "trunk", Trunk.IMAGENET);
    private final ReadOnlyObjectWrapper<NetworkSpec> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<SqueezeNetMetaparameters> metaparameters =
            new ReadOnlyObjectWrapper<>(this, "metaparameters");
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
    private final ReadOnlyStringWrapper networkError = new ReadOnlyStringWrapper(this, "networkError", "");
    private final Analyzer analyzer;
    private boolean filling;

    /** The form at SqueezeNet v1.0 (the ImageNet trunk's defaults). */
    public GenerateSqueezeNetViewModel(Analyzer analyzer) {
        this(analyzer, SqueezeNetMetaparameters.defaults());
    }

    /** The form filled with {@code initial}. */
    public GenerateSqueezeNetViewModel(Analyzer analyzer, SqueezeNetMetaparameters initial) {
        this.analyzer = analyzer;
        add("base_e", "base_e", "expand filters of the first Fire module (at least 1)");
        add("incr_e", "incr_e", "expand filters added every freq modules (0 or more)");
        add("freq", "freq", "consecutive Fire modules that share a width (at least 1)");
        add("pct_3x3", "pct_3x3", "share of 3x3 filters in each expand layer, 0 to 1");
        add("sr", "squeeze ratio (SR)", "squeeze filters per expand filter, greater than 0");
        add("fire_modules", "Fire modules", "number of Fire modules (at least 1)");
        add("pool_after", "max pool after", "layers followed by a max pool (3x3/2 in the ImageNet trunk, 2x2/2 in "
                + "the small one): 1 = conv1, k = fire k; comma-separated, empty for none");
        add("classes", "classes", "outputs of conv10 (at least 1)");
        add("input_size", "input size", "height and width of the input image (pixels)");
        add("input_channels", "input channels", "channels of the input image: 3 for colour, 1 for grey images "
                + "such as Fashion-MNIST");
        add("conv1_filters", "conv1 filters", "filters of conv1 (7x7/2 in the ImageNet trunk, 3x3/1 in the small "
                + "one; at least 1)");
        fill(initial);
        fields.values().forEach(f -> f.text().addListener((obs, old, now) -> update()));
        simpleBypass.addListener((obs, old, now) -> update());
        trunk.addListener((obs, old, now) -> {
            if (!filling && now != null) {
                fill(SqueezeNetMetaparameters.defaults(now));
            }
        });
        update();
    }

    private void add(String name, String label, String help) {
        fields.put(name, new MetaparameterField(name, label, help, ""));
    }

    /** Sets every field, the bypass and the trunk to {@code m}'s values. */
    public void fill(SqueezeNetMetaparameters m) {
        filling = true;
        try {
            trunk.set(m.trunk());
            set("base_e", m.baseE());
            set("incr_e", m.incrE());
            set("freq", m.freq());
            set("pct_3x3", m.pct3x3());
            set("sr", m.squeezeRatio());
            set("fire_modules", m.fireModules());
            fields.get("pool_after").text().set(String.join(", ",
                    m.poolAfter().stream().map(String::valueOf).toList()));
            set("classes", m.classes());
            set("input_size", m.inputSize());
            set("input_channels", m.inputChannels());
            set("conv1_filters", m.conv1Filters());
            simpleBypass.set(m.simpleBypass());
        } finally {
            filling = false;
        }
        update();
    }

    private void set(String name, double value) {
        fields.get(name).text().set(value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value));
    }

    /**
     * The layers around the Fire modules: SqueezeNet v1.0's for 227 x 227 images, or the small-input trunk of
     * fashion-squeezenet. Setting it fills every field with that family's defaults.
     */
    public ObjectProperty<Trunk> trunk() {
        return trunk;
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
        if (filling) {
            return;
        }
        fields.values().forEach(f -> f.setError(""));
        networkError.set("");
        SqueezeNetMetaparameters m = parse();
        metaparameters.set(m);
        NetworkSpec spec = null;
        if (m != null) {
            List<MetaparameterProblem> problems = m.problems();
            for (MetaparameterProblem p : problems) {
                MetaparameterField f = fields.get(p.parameter());
                if (f == null) {
                    networkError.set(p.toString());   // a metaparameter the form has no field for
                } else if (f.error().get().isEmpty()) {
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
        Integer channels = integer("input_channels");
        Integer conv1 = integer("conv1_filters");
        if (baseE == null || incrE == null || freq == null || pct == null || sr == null || fires == null
                || pools == null || classes == null || input == null || channels == null || conv1 == null) {
            return null;
        }
        return new SqueezeNetMetaparameters(baseE, incrE, freq, pct, sr, fires, pools, classes, input, conv1,
                simpleBypass.get(), channels, trunk.get());
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
