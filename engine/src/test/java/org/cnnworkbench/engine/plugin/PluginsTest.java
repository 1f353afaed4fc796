package org.cnnworkbench.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.testing.PluginJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {

    @TempDir
    Path folder;

    private Path plugin(String jar, String className, String id, String... kinds) throws IOException {
        return PluginJars.write(folder.resolve(jar), Map.of(className,
                PluginJars.renamingPlugin(className, id, "ElementwiseKind.relu()", kinds)), List.of(className), "2.5");
    }

    @Test
    void withoutPluginFoldersOnlyTheBuiltInPluginLoads() {
        Plugins plugins = Plugins.load(List.of(folder.resolve("does-not-exist")));
        assertThat(plugins.loaded()).extracting(Plugins.Loaded::id).containsExactly(Plugins.BUILT_IN);
        assertThat(plugins.failed()).isEmpty();
        assertThat(plugins.kinds().names()).contains("input", "conv", "fire", "softmax");
        assertThat(plugins.kinds().units()).allSatisfy(k -> assertThat(k.plugin()).isEqualTo(Plugins.BUILT_IN));
    }

    @Test
    void aPluginJarInTheFolderAddsItsKindsMarkedWithItsId() throws IOException {
        plugin("scale.jar", "p.ScalePlugin", "scaler", "scale", "shift");
        Plugins plugins = Plugins.load(List.of(folder));
        assertThat(plugins.failed()).isEmpty();
        Plugins.Loaded loaded = plugins.loaded().get(1);
        assertThat(loaded).isEqualTo(new Plugins.Loaded("scaler", "Test plugin scaler", "2.5",
                folder.resolve("scale.jar").toString(), List.of("scale", "shift"), List.of()));
        LayerKind scale = plugins.kinds().unit("scale").orElseThrow();
        assertThat(scale.plugin()).isEqualTo("scaler");
        assertThat(scale.palette().label()).isEqualTo("Renamed relu");
        // the kind is analysed like any other
        NetworkSpec spec = NetworkSpec.of("n", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", 3, "height", 8, "width", 8)),
                Node.of("s", "scale", List.of("data"))));
        AnalysisReport report = new Analyzer(plugins.kinds()).analyze(spec);
        assertThat(report.isValid()).isTrue();
    }

    @Test
    void aKindNameThatIsTakenSkipsThePluginWithTheReasonAndKeepsTheOthers() throws IOException {
        plugin("a.jar", "p.A", "first", "scale");
        plugin("b.jar", "p.B", "second", "scale", "other");
        plugin("c.jar", "p.C", "third", "conv");
        Plugins plugins = Plugins.load(List.of(folder));
        assertThat(plugins.loaded()).extracting(Plugins.Loaded::id).containsExactly(Plugins.BUILT_IN, "first");
        assertThat(plugins.failed()).extracting(Plugins.Failed::plugin).containsExactly("second", "third");
        assertThat(plugins.failed().get(0).reason()).contains("'scale'", "plugin 'first'");
        assertThat(plugins.failed().get(1).reason()).contains("'conv'", "plugin 'builtin'");
        assertThat(plugins.kinds().find("other")).isEmpty();   // a plugin is taken whole or not at all
    }

    @Test
    void aMissingClassAnExceptionAtLoadAndAnEmptyJarAreReportedNotThrown() throws IOException {
        PluginJars.write(folder.resolve("missing.jar"), Map.of(), List.of("p.Gone"), null);
        PluginJars.write(folder.resolve("throws.jar"), Map.of("p.Throws", """
                package p;
                public final class Throws implements org.cnnworkbench.engine.plugin.WorkbenchPlugin {
                    public String id() { return "thrower"; }
                    public java.util.List<org.cnnworkbench.engine.kinds.LayerKind> kinds() {
                        throw new IllegalStateException("license file not found");
                    }
                }
                """), List.of("p.Throws"), null);
        PluginJars.write(folder.resolve("empty.jar"), Map.of(), List.of(), null);
        Files.writeString(folder.resolve("garbage.jar"), "not a zip");
        Files.writeString(folder.resolve("notes.txt"), "ignored: not a jar");
        plugin("good.jar", "p.Good", "good", "scale");

        Plugins plugins = Plugins.load(List.of(folder));

        assertThat(plugins.loaded()).extracting(Plugins.Loaded::id).containsExactly(Plugins.BUILT_IN, "good");
        assertThat(plugins.failed()).hasSize(4);
        assertThat(reason(plugins, "empty.jar")).contains("declares no plugin");
        assertThat(reason(plugins, "garbage.jar")).contains("not a readable jar");
        assertThat(reason(plugins, "missing.jar")).contains("cannot be loaded", "p.Gone");
        assertThat(reason(plugins, "throws.jar")).contains("failed while loading", "license file not found");
        assertThat(plugins.failed().stream().filter(f -> f.source().endsWith("throws.jar")).findFirst()
                .orElseThrow().plugin()).isEqualTo("thrower");
        assertThat(plugins.failed()).noneMatch(Plugins.Failed::missesAClass);
    }

    @Test
    void aClassThePluginNeedsButNobodyHasIsAMissingClass() throws IOException {
        Path jar = PluginJars.write(folder.resolve("needs.jar"), Map.of("p.Needs", """
                package p;
                public final class Needs implements org.cnnworkbench.engine.plugin.WorkbenchPlugin {
                    private static final Object HELPER = new Helper();
                    public String id() { return "needs"; }
                }
                """, "p.Helper", "package p; final class Helper { }"), List.of("p.Needs"), null);
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(jar)) {
            Files.delete(zip.getPath("p/Helper.class"));   // as a class of DL4J is absent from the light class path
        }

        Plugins plugins = Plugins.load(List.of(folder));

        // ./workbench then starts the command again with its full class path (LightClassPath in the app)
        assertThat(plugins.failed()).singleElement().satisfies(f -> {
            assertThat(f.missesAClass()).as(f.reason()).isTrue();
            assertThat(f.reason()).contains("p/Helper");
        });
    }

    @Test
    void theFirstFolderWinsWhenTwoHoldThePluginWithTheSameId() throws IOException {
        Path user = Files.createDirectories(folder.resolve("user"));
        Path bundled = Files.createDirectories(folder.resolve("bundled"));
        PluginJars.write(user.resolve("x.jar"), Map.of("p.X", PluginJars.renamingPlugin("p.X", "same",
                "ElementwiseKind.relu()", "scale")), List.of("p.X"), "2.0");
        PluginJars.write(bundled.resolve("x.jar"), Map.of("p.X", PluginJars.renamingPlugin("p.X", "same",
                "ElementwiseKind.relu()", "scale")), List.of("p.X"), "1.0");
        Plugins plugins = Plugins.load(List.of(user, bundled));
        assertThat(plugins.loaded().get(1).version()).isEqualTo("2.0");
        assertThat(plugins.failed()).singleElement().satisfies(f -> {
            assertThat(f.source()).startsWith(bundled.toString());
            assertThat(f.reason()).contains("already loaded from " + user.resolve("x.jar"));
        });
    }

    @Test
    void foldersComeFromThePropertyThenTheEnvironmentThenTheHomeFolderAndTheBundledOnesLast() {
        String before = System.getProperty(Plugins.FOLDERS_PROPERTY);
        try {
            System.setProperty(Plugins.FOLDERS_PROPERTY, "/a" + java.io.File.pathSeparator + "/b");
            System.setProperty(Plugins.BUNDLED_PROPERTY, "/app/plugins");
            assertThat(Plugins.configuredFolders()).containsExactly(Path.of("/a"), Path.of("/b"),
                    Path.of("/app/plugins"));
        } finally {
            System.clearProperty(Plugins.BUNDLED_PROPERTY);
            if (before == null) {
                System.clearProperty(Plugins.FOLDERS_PROPERTY);
            } else {
                System.setProperty(Plugins.FOLDERS_PROPERTY, before);
            }
        }
    }

    private static String reason(Plugins plugins, String jar) {
        return plugins.failed().stream().filter(f -> f.source().endsWith(jar)).findFirst().orElseThrow().reason();
    }
}
