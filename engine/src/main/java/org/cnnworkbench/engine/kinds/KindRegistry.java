package org.cnnworkbench.engine.kinds;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnnworkbench.engine.plugin.Plugins;

/**
 * The kinds the workbench knows, by name, each as one {@link LayerKind} unit (formulas, palette entry, bridges to
 * DL4J and Caffe). Immutable: {@link #with} returns a registry with more kinds.
 *
 * <pre>{@code
 * KindRegistry kinds = KindRegistry.standard();        // built-in kinds + the installed plugins' kinds
 * kinds.find("fire").map(KindDescriptor::description).ifPresent(System.out::println);
 * kinds.unit("fire").map(LayerKind::plugin);           // "builtin"
 * KindRegistry extended = kinds.with(new MyScaleKind());
 * }</pre>
 */
public final class KindRegistry {

    private final Map<String, LayerKind> kinds;

    private KindRegistry(Collection<LayerKind> units) {
        Map<String, LayerKind> map = new LinkedHashMap<>();
        for (LayerKind unit : units) {
            LayerKind taken = map.put(unit.name(), unit);
            if (taken != null) {
                throw new IllegalArgumentException("two kinds are named '" + unit.name() + "'"
                        + provenance(taken) + provenance(unit));
            }
        }
        this.kinds = Collections.unmodifiableMap(map);
    }

    private static String provenance(LayerKind unit) {
        return unit.plugin().isEmpty() ? "" : " (one from plugin '" + unit.plugin() + "')";
    }

    /** A registry of exactly these kinds; a name given twice is refused. */
    public static KindRegistry of(Collection<LayerKind> units) {
        return new KindRegistry(units);
    }

    /**
     * The kinds every part of the workbench uses: the built-in kinds (input, conv, maxpool, avgpool,
     * globalavgpool, relu, lrn, batchnorm, dropout, fc, softmax, concat, add, flatten and fire) and those of the
     * plugins installed in the plugin folders, discovered once ({@link Plugins#installed()}).
     */
    public static KindRegistry standard() {
        return Plugins.installed().kinds();
    }

    /** This registry plus more kinds (offered under their own names, without bridges); a taken name is refused. */
    public KindRegistry with(KindDescriptor... more) {
        return with(java.util.Arrays.stream(more).map(LayerKind::of).toArray(LayerKind[]::new));
    }

    /** This registry plus more kinds; a name that is already taken is refused. */
    public KindRegistry with(LayerKind... more) {
        List<LayerKind> all = new ArrayList<>(kinds.values());
        all.addAll(List.of(more));
        return new KindRegistry(all);
    }

    public Optional<KindDescriptor> find(String name) {
        return unit(name).map(LayerKind::descriptor);
    }

    /** The whole unit of the kind {@code name}: descriptor, palette entry, bridges and plugin. */
    public Optional<LayerKind> unit(String name) {
        return Optional.ofNullable(kinds.get(name));
    }

    /** All kinds' descriptors in registration order. */
    public Collection<KindDescriptor> all() {
        return kinds.values().stream().map(LayerKind::descriptor).toList();
    }

    /** All kinds in registration order. */
    public Collection<LayerKind> units() {
        return kinds.values();
    }

    public Collection<String> names() {
        return kinds.keySet();
    }
}
