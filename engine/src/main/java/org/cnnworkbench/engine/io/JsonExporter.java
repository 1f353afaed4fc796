package org.cnnworkbench.engine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.cnnworkbench.engine.plugin.ExportRequest;
import org.cnnworkbench.engine.plugin.NetworkExporter;

/**
 * The workbench's own spec format ({@link NetworkJson}, docs/spec-format.md), written atomically: the file the
 * workbench and {@code workbench analyze} open again. With {@link #withLayout} the node positions of the canvas
 * go with it, as File &gt; Save writes them.
 *
 * <pre>{@code
 * new JsonExporter().export(ExportRequest.of(spec, KindRegistry.standard()), Path.of("net.json"));
 * }</pre>
 */
public final class JsonExporter implements NetworkExporter {

    private final Map<String, NodePosition> layout;

    /** Without node positions (a viewer lays the graph out itself). */
    public JsonExporter() {
        this(Map.of());
    }

    private JsonExporter(Map<String, NodePosition> layout) {
        this.layout = Map.copyOf(layout);
    }

    /** This exporter writing {@code layout}'s positions too (positions of ids not in the spec are left out). */
    public JsonExporter withLayout(Map<String, NodePosition> layout) {
        return new JsonExporter(layout);
    }

    @Override
    public String id() {
        return "json";
    }

    @Override
    public String label() {
        return "Network spec (JSON)";
    }

    @Override
    public String fileExtension() {
        return "json";
    }

    @Override
    public void export(ExportRequest request, Path target) throws IOException {
        NetworkJson.write(request.spec(), layout, target);
    }
}
