package org.cnnworkbench.engine.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Plugin jars made by a test: Java sources compiled against the test's class path and packed, with their
 * {@code META-INF/services} declaration, into a jar in a folder, so that a test loads them the way the workbench
 * loads a user's plugin (and not from its own class path).
 *
 * <pre>{@code
 * Path jar = PluginJars.write(folder.resolve("scale.jar"), Map.of("p.ScalePlugin", source),
 *         List.of("p.ScalePlugin"), "1.2");
 * }</pre>
 */
public final class PluginJars {

    private static final String SERVICE = "META-INF/services/org.cnnworkbench.engine.plugin.WorkbenchPlugin";

    private PluginJars() {
    }

    /**
     * Compiles {@code sources} (class name to source text) and writes them to {@code jar}, declaring
     * {@code providers} as plugins (names that need not exist, to test a broken declaration); {@code version}
     * goes into the manifest's Implementation-Version, unless null.
     */
    public static Path write(Path jar, Map<String, String> sources, List<String> providers, String version)
            throws IOException {
        Path work = Files.createTempDirectory("plugin-src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = work.resolve("src").resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            files.add(file.toString());
        }
        if (!files.isEmpty()) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                    System.getProperty("java.class.path"), "-proc:none", "-nowarn"));
            args.addAll(files);
            StringWriter errors = new StringWriter();
            int status = javac.run(null, null, new java.io.PrintStream(OutputStream.nullOutputStream()) {
                @Override
                public void write(byte[] b, int off, int len) {
                    errors.write(new String(b, off, len, StandardCharsets.UTF_8));
                }
            }, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("test plugin does not compile:\n" + errors);
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (version != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            if (!providers.isEmpty()) {
                out.putNextEntry(new JarEntry(SERVICE));
                out.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /**
     * The source of a plugin {@code pkg.Name} with the given id whose kinds are copies of a built-in kind (a Java
     * expression such as {@code ElementwiseKind.relu()}) under new names: enough to test discovery without
     * writing formulas.
     */
    public static String renamingPlugin(String className, String id, String builtInKind, String... newNames) {
        int dot = className.lastIndexOf('.');
        StringBuilder kinds = new StringBuilder();
        for (String name : newNames) {
            if (kinds.length() > 0) {
                kinds.append(", ");
            }
            kinds.append("renamed(\"").append(name).append("\")");
        }
        return "package " + className.substring(0, dot) + ";\n"
                + "import java.util.List;\n"
                + "import org.cnnworkbench.engine.kinds.*;\n"
                + "import org.cnnworkbench.engine.model.Shape;\n"
                + "public final class " + className.substring(dot + 1)
                + " implements org.cnnworkbench.engine.plugin.WorkbenchPlugin {\n"
                + "  public String id() { return \"" + id + "\"; }\n"
                + "  public String name() { return \"Test plugin " + id + "\"; }\n"
                + "  public List<LayerKind> kinds() { return List.of(" + kinds + "); }\n"
                + "  private static LayerKind renamed(String name) {\n"
                + "    KindDescriptor base = " + builtInKind + ";\n"
                + "    return LayerKind.of(new KindDescriptor() {\n"
                + "      public String name() { return name; }\n"
                + "      public Category category() { return base.category(); }\n"
                + "      public String description() { return \"a renamed \" + base.name(); }\n"
                + "      public List<ParamSpec> parameters() { return base.parameters(); }\n"
                + "      public Arity arity() { return base.arity(); }\n"
                + "      public Shape outputShape(Params p, List<Shape> in) throws LayerException {"
                + " return base.outputShape(p, in); }\n"
                + "      public ParamCount parameterCount(Params p, List<Shape> in, Shape out) {"
                + " return base.parameterCount(p, in, out); }\n"
                + "    }).withPalette(\"Renamed \" + base.name(), java.util.Map.of());\n"
                + "  }\n"
                + "}\n";
    }
}
