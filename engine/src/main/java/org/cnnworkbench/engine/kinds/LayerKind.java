package org.cnnworkbench.engine.kinds;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.plugin.Plugins;

/**
 * One kind of node as a single unit: its {@link KindDescriptor} (parameters and formulas), how the palette
 * offers it, and its bridges to other systems, such as the DL4J conversion ({@code Dl4jMapping}) and the Caffe
 * prototxt mapping ({@code CaffeMapping}). A plugin contributes kinds as these units; the built-in kinds are
 * units of the built-in plugin, so every kind takes the same path.
 *
 * <p>Bridges are looked up by their interface, so that the pure engine (analysis, kinds) never names the
 * systems they bridge to:
 *
 * <pre>{@code
 * LayerKind sep = LayerKind.of(new SeparableKind())
 *         .withPalette("Depthwise separable", Map.of("filters", 64L))
 *         .withBridge(Dl4jMapping.class, SeparableKind::toDl4j);
 * Optional<Dl4jMapping> toDl4j = sep.bridge(Dl4jMapping.class);
 * }</pre>
 *
 * @param descriptor the kind's parameters and formulas
 * @param palette how the palette offers it
 * @param bridges implementations keyed by the interface they implement
 * @param plugin the id of the plugin that provides it; empty until a plugin registry assigns it
 */
public record LayerKind(KindDescriptor descriptor, Palette palette, Map<Class<?>, Object> bridges, String plugin) {

    /**
     * How the palette offers a kind.
     *
     * @param label the palette entry's text
     * @param template starting values of a new node's parameters (required ones without a value here start at
     *                 their minimum)
     */
    public record Palette(String label, Map<String, Object> template) {

        public Palette {
            Objects.requireNonNull(label, "label");
            // Node's normalisation (ints to longs, finite numbers, flat lists) checks the values once, here.
            template = Node.of("template", "template", java.util.List.of(), template).params();
        }
    }

    public LayerKind {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(palette, "palette");
        Objects.requireNonNull(plugin, "plugin");
        Map<Class<?>, Object> copy = new LinkedHashMap<>();
        bridges.forEach((type, implementation) -> {
            if (!type.isInstance(implementation)) {
                throw new IllegalArgumentException(implementation + " does not implement " + type.getName());
            }
            copy.put(type, implementation);
        });
        bridges = java.util.Collections.unmodifiableMap(copy);
    }

    /** A kind offered in the palette under its own name, without bridges. */
    public static LayerKind of(KindDescriptor descriptor) {
        return new LayerKind(descriptor, new Palette(descriptor.name(), Map.of()), Map.of(), "");
    }

    public String name() {
        return descriptor.name();
    }

    /** This kind offered with the given palette label and starting values. */
    public LayerKind withPalette(String label, Map<String, ?> template) {
        return new LayerKind(descriptor, new Palette(label, new LinkedHashMap<>(template)), bridges, plugin);
    }

    /** This kind with one more bridge (replacing one of the same interface). */
    public <T> LayerKind withBridge(Class<T> type, T implementation) {
        Map<Class<?>, Object> more = new LinkedHashMap<>(bridges);
        more.put(type, implementation);
        return new LayerKind(descriptor, palette, more, plugin);
    }

    /** Whether the workbench's own built-in plugin provides it (a spec file then records no plugin for it). */
    public boolean isBuiltIn() {
        return Plugins.BUILT_IN.equals(plugin);
    }

    /** This kind as provided by the plugin {@code pluginId}. */
    public LayerKind fromPlugin(String pluginId) {
        return new LayerKind(descriptor, palette, bridges, pluginId);
    }

    /** The kind's implementation of {@code type}, if it has one. */
    public <T> Optional<T> bridge(Class<T> type) {
        return Optional.ofNullable(bridges.get(type)).map(type::cast);
    }
}
