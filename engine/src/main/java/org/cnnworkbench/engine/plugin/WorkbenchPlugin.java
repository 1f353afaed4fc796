package org.cnnworkbench.engine.plugin;

import java.util.List;
import javax.imageio.spi.ImageReaderSpi;
import org.cnnworkbench.engine.kinds.LayerKind;

/**
 * A plugin: layer kinds, exporters and image readers contributed to the workbench. The workbench finds plugins with
 * {@link java.util.ServiceLoader} in the jars of its plugin folders (see {@link Plugins}); a jar declares its
 * plugin the standard way, in {@code META-INF/services/org.cnnworkbench.engine.plugin.WorkbenchPlugin}. The
 * built-in kinds and exporters are a plugin too (id {@value Plugins#BUILT_IN}), so every kind takes one path.
 *
 * <pre>{@code
 * public final class SeparablePlugin implements WorkbenchPlugin {
 *     public String id() { return "depthwise-separable"; }
 *     public List<LayerKind> kinds() {
 *         return List.of(LayerKind.of(new SeparableKind())
 *                 .withPalette("Depthwise separable", Map.of("filters", 64L))
 *                 .withBridge(Dl4jMapping.class, SeparableDl4j::add));
 *     }
 * }
 * }</pre>
 *
 * <p>A plugin class needs a public no-argument constructor. Its methods are called once, when the plugin is
 * loaded; an exception there, a missing class or a kind name that another plugin already uses makes the workbench
 * skip the whole plugin and report why ({@code workbench plugins}).
 */
public interface WorkbenchPlugin {

    /** A short, stable, lower-case id such as {@code depthwise-separable}; spec files name it beside its kinds. */
    String id();

    /** A human-readable name; the id by default. */
    default String name() {
        return id();
    }

    /** The plugin's version: its jar manifest's {@code Implementation-Version}, or empty. */
    default String version() {
        String version = getClass().getPackage().getImplementationVersion();
        return version == null ? "" : version;
    }

    /** The layer kinds it adds, each as one unit (formulas, palette entry, DL4J and Caffe bridges). */
    default List<LayerKind> kinds() {
        return List.of();
    }

    /** The export formats it adds ({@code workbench export --to ID}, File &gt; Export). */
    default List<NetworkExporter> exporters() {
        return List.of();
    }

    /**
     * Image readers for dataset files in formats the JDK cannot decode (ImageIO's own extension point); image
     * folders then include files with these readers' suffixes.
     */
    default List<ImageReaderSpi> imageReaders() {
        return List.of();
    }
}
