package org.cnnworkbench.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.plugin.ExportException;
import org.cnnworkbench.engine.plugin.ExportRequest;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The report folder: Markdown, HTML and the charts, written whole or not at all. */
class ReportExporterTest {

    @TempDir
    Path dir;

    private static ExportRequest request(NetworkSpec spec) {
        return ExportRequest.of(spec, KindRegistry.standard());
    }

    /** Parses the page as XML: every element closed, every attribute quoted, every entity known. */
    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void squeezeNetsReportHasTheTotalsEveryLayerAndChartsThatDecode() throws Exception {
        NetworkSpec spec = SampleNetworks.load("squeezenet-v1.0").spec();
        Path report = dir.resolve("sq-report");
        new ReportExporter().export(request(spec), report);

        assertThat(names(report)).containsExactly("activations.png", "macs.png", "params.png", "report.html",
                "report.md", "shares.png");
        String md = Files.readString(report.resolve("report.md"));
        assertThat(md).startsWith("# squeezenet-v1.0\n").contains("1,248,424", "832,667,936",
                "4,993,696 bytes = 4.99 MB", "input: data 3x227x227", "17 nodes, valid", "| id | kind |",
                "![Parameters per layer](params.png)", "## Diagnostics\n\nNone.");
        for (var node : spec.nodes()) {
            assertThat(md).contains("| " + node.id() + " |");
        }
        String html = Files.readString(report.resolve("report.html"));
        Document page = parse(html);
        assertThat(page.getElementsByTagName("table").getLength()).isEqualTo(2);
        assertThat(page.getElementsByTagName("tr").getLength()).isEqualTo(1 + 6 + 1 + spec.nodes().size());
        assertThat(page.getElementsByTagName("img").getLength()).isEqualTo(4);
        assertThat(page.getElementsByTagName("style").getLength()).isEqualTo(1);
        assertThat(html).contains("<tr><td>parameters</td><td>1,248,424  (weights", "<img src=\"params.png\"");
        for (String png : List.of("shares.png", "params.png", "macs.png", "activations.png")) {
            BufferedImage image = ImageIO.read(report.resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).isEqualTo(ReportCharts.WIDTH);
            assertThat(image.getHeight()).isEqualTo(ReportCharts.HEIGHT);
            assertThat(html).contains("<img src=\"" + png + "\" alt=");
        }
        assertThat(names(dir)).containsExactly("sq-report");   // no temporary folder left beside it
    }

    @Test
    void anEarlierReportIsReplacedWhole() throws Exception {
        Path report = dir.resolve("report");
        new ReportExporter().export(request(SampleNetworks.load("squeezenet-v1.0").spec()), report);
        Files.writeString(report.resolve("old.png"), "stale");
        new ReportExporter().export(request(SampleNetworks.load("nin").spec()), report);

        assertThat(Files.readString(report.resolve("report.md"))).startsWith("# nin\n").contains("7,595,176");
        assertThat(report.resolve("old.png")).doesNotExist();
        assertThat(names(dir)).containsExactly("report");
    }

    @Test
    void aFolderOfOtherFilesOrAFileIsRefusedAndLeftAlone() throws Exception {
        NetworkSpec spec = SampleNetworks.load("nin").spec();
        Path mine = Files.createDirectories(dir.resolve("documents"));
        Files.writeString(mine.resolve("thesis.txt"), "keep me");
        assertThatThrownBy(() -> new ReportExporter().export(request(spec), mine))
                .isInstanceOf(ExportException.class).hasMessageContaining("holds other files than a report");
        assertThat(names(mine)).containsExactly("thesis.txt");

        Path file = Files.writeString(dir.resolve("report"), "a file");
        assertThatThrownBy(() -> new ReportExporter().export(request(spec), file))
                .isInstanceOf(ExportException.class).hasMessageContaining("is a file");
        assertThat(names(dir)).containsExactly("documents", "report");
    }

    @Test
    void awkwardIdsAndAnInvalidNetworkAreEscapedAndTheDiagnosticsListed() throws Exception {
        String odd = "a|b<c>&\"d'`*";
        NetworkSpec spec = NetworkSpec.of("x <y> & z", List.of(
                Node.of("data", "input", List.of(), Map.of("channels", 3, "height", 8, "width", 8)),
                Node.of(odd, "conv", List.of("data"), Map.of("filters", 4, "kernel", 3)),
                Node.of("bad", "conv", List.of(odd), Map.of("filters", 4, "kernel", 9))));
        assertThat(new Analyzer(KindRegistry.standard()).analyze(spec).isValid()).isFalse();
        Path report = dir.resolve("odd");
        new ReportExporter().export(request(spec), report);

        String md = Files.readString(report.resolve("report.md"));
        assertThat(md).contains("# x \\<y\\> & z", "| a\\|b\\<c\\>&\"d'\\`\\* |", "INVALID: 1 error",
                "- **error** in `bad`:");
        String html = Files.readString(report.resolve("report.html"));
        Document page = parse(html);
        assertThat(page.getElementsByTagName("title").item(0).getTextContent()).startsWith("x <y> & z");
        assertThat(html).contains("<td>a|b&lt;c&gt;&amp;&quot;d&#39;`*</td>", "<span class=\"error\">error</span>");
    }
}
