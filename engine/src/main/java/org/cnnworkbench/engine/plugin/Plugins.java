package org.cnnworkbench.engine.plugin;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.LayerKind;

/**
 * The loaded plugins: the built-in one from the class path and those in the jars of the plugin folders, with
 * the kinds and exporters they contribute and the plugins that could not be loaded, each with its reason.
 *
 * <p>The plugin folders are, in this order: those named by the system property {@value #FOLDERS_PROPERTY} (set by
 * the {@code --plugins} option), else by the environment variable {@value #FOLDERS_ENV}, else
 * {@code ~/.cnn-workbench/plugins}; several folders are separated by the platform's path separator. After
 * them comes the installed program's own folder of bundled plugins, {@value #BUNDLED_PROPERTY}, so that a copy
 * the user installed wins over the bundled one.
 *
 * <p>Each jar gets its own class loader whose parent is the workbench's, and is searched with
 * {@link ServiceLoader} for {@link WorkbenchPlugin}s. A jar that cannot be opened, names a class that is missing,
 * throws while loading, uses an id or a kind name or exporter id that is already taken, or declares no plugin at
 * all is skipped with its reason; the others load.
 *
 * <pre>{@code
 * Plugins plugins = Plugins.installed();
 * plugins.failed().forEach(f -> System.err.println(f.source() + ": " + f.reason()));
 * KindRegistry kinds = plugins.kinds();
 * }</pre>
 */
public final class Plugins {

    /** The id of the plugin that provides the built-in kinds and exporters. */
    public static final String BUILT_IN = "builtin";
    /** System property naming the plugin folders (the {@code --plugins} option sets it). */
    public static final String FOLDERS_PROPERTY = "cnnworkbench.plugins";
    /** Environment variable naming the plugin folders when the system property is not set. */
    public static final String FOLDERS_ENV = "CNN_WORKBENCH_PLUGINS";
    /** System property naming the installed program's folder of bundled plugins. */
    public static final String BUNDLED_PROPERTY = "cnnworkbench.plugins.bundled";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    private static Plugins installed;

    /**
     * A plugin that loaded.
     *
     * @param id its id
     * @param name its human-readable name
     * @param version its version, or empty
     * @param source the jar it came from, or {@code class path}
     * @param kinds the names of the kinds it adds
     * @param exporters the ids of the exporters it adds
     */
    public record Loaded(String id, String name, String version, String source, List<String> kinds,
                         List<String> exporters) {
    }

    /**
     * A plugin, or a jar, that did not load.
     *
     * @param source the jar
     * @param plugin the plugin's id or class, when it got that far; empty otherwise
     * @param reason why it was skipped, in words
     * @param missesAClass whether it failed for a class it needs that neither the workbench nor its jar has
     */
    public record Failed(String source, String plugin, String reason, boolean missesAClass) {

        /** A failure for another reason than a missing class. */
        public Failed(String source, String plugin, String reason) {
            this(source, plugin, reason, false);
        }
    }

    /** Whether {@code e}, or one of its causes, says that a class was not found. */
    public static boolean missesAClass(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (isClassNotFound(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isClassNotFound(Throwable t) {
        return t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException;
    }

    private final List<Path> folders;
    private final KindRegistry kinds;
    private final List<NetworkExporter> exporters;
    private final List<ImageReaderSpi> imageReaders;
    private final List<Loaded> loaded;
    private final List<Failed> failed;

    private Plugins(List<Path> folders, KindRegistry kinds, List<NetworkExporter> exporters,
                    List<ImageReaderSpi> imageReaders, List<Loaded> loaded, List<Failed> failed) {
        this.folders = List.copyOf(folders);
        this.kinds = kinds;
        this.exporters = List.copyOf(exporters);
        this.imageReaders = List.copyOf(imageReaders);
        this.loaded = List.copyOf(loaded);
        this.failed = List.copyOf(failed);
    }

    /**
     * The plugins of this program: loaded from {@link #configuredFolders()} the first time it is asked, the same
     * ones afterwards. Their image readers are registered with ImageIO.
     */
    public static synchronized Plugins installed() {
        if (installed == null) {
            installed = load(configuredFolders());
            IIORegistry registry = IIORegistry.getDefaultInstance();
            installed.imageReaders.forEach(registry::registerServiceProvider);
        }
        return installed;
    }

    /** The folders searched for plugin jars, from the system property, the environment and the defaults. */
    public static List<Path> configuredFolders() {
        List<Path> folders = new ArrayList<>();
        String named = System.getProperty(FOLDERS_PROPERTY);
        if (named == null || named.isBlank()) {
            named = System.getenv(FOLDERS_ENV);
        }
        if (named == null || named.isBlank()) {
            folders.add(Path.of(System.getProperty("user.home"), ".cnn-workbench", "plugins"));
        } else {
            for (String part : named.split(Pattern.quote(File.pathSeparator))) {
                if (!part.isBlank()) {
                    folders.add(Path.of(part.strip()));
                }
            }
        }
        String bundled = System.getProperty(BUNDLED_PROPERTY);
        if (bundled != null && !bundled.isBlank()) {
            folders.add(Path.of(bundled.strip()));
        }
        return folders;
    }

    /**
     * The built-in plugin (and any other on the class path) plus the plugins in the jars of {@code folders}. A
     * folder that does not exist has no plugins. Never throws for a broken plugin.
     */
    public static Plugins load(List<Path> folders) {
        Loading loading = new Loading();
        ClassLoader own = Plugins.class.getClassLoader();
        List<WorkbenchPlugin> classPath = new ArrayList<>();
        ServiceLoader.load(WorkbenchPlugin.class, own).forEach(classPath::add);
        // the built-in plugin first, whatever the class path order: its kinds and exports lead every list
        classPath.sort(java.util.Comparator.comparing(p -> !BUILT_IN.equals(p.id())));
        for (WorkbenchPlugin plugin : classPath) {
            // the class path is the program's own: a failure there is a broken build, not a user's plugin
            Optional<Failed> problem = loading.add(plugin, "class path");
            if (problem.isPresent()) {
                throw new IllegalStateException("plugin " + plugin.getClass().getName() + " on the class path: "
                        + problem.get().reason());
            }
        }
        if (loading.loaded.stream().noneMatch(l -> l.id().equals(BUILT_IN))) {
            throw new IllegalStateException("the built-in plugin is missing from the class path: the engine jar's "
                    + "META-INF/services/" + WorkbenchPlugin.class.getName() + " was not found");
        }
        for (Path folder : folders) {
            for (Path jar : jars(folder, loading)) {
                loadJar(jar, own, loading);
            }
        }
        return new Plugins(folders, KindRegistry.of(loading.kinds), loading.exporters, loading.imageReaders,
                loading.loaded, loading.failed);
    }

    private static List<Path> jars(Path folder, Loading loading) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            loading.failed.add(new Failed(folder.toString(), "", "the folder cannot be listed: " + e.getMessage()));
            return List.of();
        }
    }

    private static void loadJar(Path jar, ClassLoader parent, Loading loading) {
        String source = jar.toString();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry("META-INF/services/" + WorkbenchPlugin.class.getName()) == null) {
                loading.failed.add(new Failed(source, "", "declares no plugin: the jar has no META-INF/services/"
                        + WorkbenchPlugin.class.getName()));
                return;
            }
        } catch (IOException e) {
            loading.failed.add(new Failed(source, "", "is not a readable jar: " + e.getMessage()));
            return;
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin " + jar.getFileName(), new URL[] {jar.toUri().toURL()}, parent);
        } catch (IOException e) {
            loading.failed.add(new Failed(source, "", "cannot be opened: " + e.getMessage()));
            return;
        }
        Iterator<WorkbenchPlugin> providers = ServiceLoader.load(WorkbenchPlugin.class, loader).iterator();
        int found = 0;
        boolean usedLoader = false;
        // After an error, ServiceLoader's iterator goes on with the next provider; a bound stops a jar whose
        // declarations fail without end.
        for (int attempts = 0; attempts < 100; attempts++) {
            WorkbenchPlugin plugin;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                plugin = providers.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                found++;
                loading.failed.add(new Failed(source, "", "cannot be loaded: " + describe(e), missesAClass(e)));
                continue;
            }
            if (plugin.getClass().getClassLoader() != loader) {
                continue;   // a class-path plugin, seen through the parent loader; already loaded
            }
            found++;
            Optional<Failed> problem = loading.add(plugin, source);
            if (problem.isPresent()) {
                loading.failed.add(problem.get());
            } else {
                usedLoader = true;
            }
        }
        if (found == 0) {
            loading.failed.add(new Failed(source, "", "declares no plugin of its own in META-INF/services/"
                    + WorkbenchPlugin.class.getName()));
        }
        if (!usedLoader) {
            closeQuietly(loader, source, loading);
        }
    }

    private static void closeQuietly(URLClassLoader loader, String source, Loading loading) {
        try {
            loader.close();
        } catch (IOException e) {
            loading.failed.add(new Failed(source, "", "its jar could not be closed: " + e.getMessage()));
        }
    }

    private static String safeId(WorkbenchPlugin plugin) {
        try {
            String id = plugin.id();
            return id == null ? plugin.getClass().getName() : id;
        } catch (RuntimeException | LinkageError e) {
            return plugin.getClass().getName();
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (text.length() > 0) {
                text.append(": ");
            }
            String kind = isClassNotFound(t) ? "class not found" : t.getClass().getSimpleName();
            text.append(t.getMessage() == null ? kind : kind + " " + t.getMessage());
        }
        return text.toString();
    }

    /** The folders searched, in order. */
    public List<Path> folders() {
        return folders;
    }

    /** The kinds of all loaded plugins, the built-in ones first. */
    public KindRegistry kinds() {
        return kinds;
    }

    /** The exporters of all loaded plugins, the built-in ones first. */
    public List<NetworkExporter> exporters() {
        return exporters;
    }

    /** The image readers the loaded plugins add. */
    public List<ImageReaderSpi> imageReaders() {
        return imageReaders;
    }

    /** The plugins that loaded, the built-in one first. */
    public List<Loaded> loaded() {
        return loaded;
    }

    /** The jars and plugins that did not load, with their reasons. */
    public List<Failed> failed() {
        return failed;
    }

    /** What a plugin gives, read once: any of these calls may fail in a broken plugin. */
    private record Contents(String id, String name, String version, List<LayerKind> kinds,
                            List<NetworkExporter> exporters, List<ImageReaderSpi> imageReaders) {
        static Contents of(WorkbenchPlugin plugin) {
            return new Contents(plugin.id(), plugin.name(), plugin.version(), List.copyOf(plugin.kinds()),
                    List.copyOf(plugin.exporters()), List.copyOf(plugin.imageReaders()));
        }
    }

    /** What has been accepted so far; a plugin is taken whole or not at all. */
    private static final class Loading {
        final List<LayerKind> kinds = new ArrayList<>();
        final Map<String, String> kindOwners = new HashMap<>();
        final List<NetworkExporter> exporters = new ArrayList<>();
        final Map<String, String> exporterOwners = new HashMap<>();
        final List<ImageReaderSpi> imageReaders = new ArrayList<>();
        final List<Loaded> loaded = new ArrayList<>();
        final List<Failed> failed = new ArrayList<>();

        /** Takes the plugin, or says why not. */
        Optional<Failed> add(WorkbenchPlugin plugin, String source) {
            Contents contents;
            try {
                contents = Contents.of(plugin);
            } catch (RuntimeException | LinkageError e) {
                return Optional.of(new Failed(source, safeId(plugin), "failed while loading: " + describe(e),
                        missesAClass(e)));
            }
            return accept(contents, source).map(reason -> new Failed(source, safeId(plugin), reason));
        }

        /** Takes what a plugin gave, or says why not. */
        private Optional<String> accept(Contents contents, String source) {
            String id = contents.id();
            List<LayerKind> itsKinds = contents.kinds();
            List<NetworkExporter> itsExporters = contents.exporters();
            if (id == null || !ID.matcher(id).matches()) {
                return Optional.of("its id '" + id + "' is not a lower-case name (letters, digits, '.', '_', '-')");
            }
            Optional<Loaded> sameId = loaded.stream().filter(l -> l.id().equals(id)).findFirst();
            if (sameId.isPresent()) {
                return Optional.of("a plugin with the id '" + id + "' is already loaded from "
                        + sameId.get().source());
            }
            Set<String> names = new LinkedHashSet<>();
            for (LayerKind kind : itsKinds) {
                if (!KIND.matcher(kind.name()).matches()) {
                    return Optional.of("its kind name '" + kind.name() + "' is not a name (a letter, then letters, "
                            + "digits, '_', '.', '-')");
                }
                if (!names.add(kind.name())) {
                    return Optional.of("it adds the kind '" + kind.name() + "' twice");
                }
                String owner = kindOwners.get(kind.name());
                if (owner != null) {
                    return Optional.of("its kind '" + kind.name() + "' clashes with the kind of that name from "
                            + "plugin '" + owner + "'");
                }
            }
            Set<String> exporterIds = new LinkedHashSet<>();
            for (NetworkExporter exporter : itsExporters) {
                String owner = exporterOwners.get(exporter.id());
                if (owner != null || !exporterIds.add(exporter.id())) {
                    return Optional.of("its exporter '" + exporter.id() + "' clashes with the exporter of that id"
                            + (owner == null ? " it adds twice" : " from plugin '" + owner + "'"));
                }
            }
            for (LayerKind kind : itsKinds) {
                kinds.add(kind.fromPlugin(id));
                kindOwners.put(kind.name(), id);
            }
            for (NetworkExporter exporter : itsExporters) {
                exporters.add(exporter);
                exporterOwners.put(exporter.id(), id);
            }
            imageReaders.addAll(contents.imageReaders());
            String name = contents.name();
            String version = contents.version();
            loaded.add(new Loaded(id, name == null ? id : name, version == null ? "" : version, source,
                    Collections.unmodifiableList(new ArrayList<>(names)), List.copyOf(exporterIds)));
            return Optional.empty();
        }
    }
}
