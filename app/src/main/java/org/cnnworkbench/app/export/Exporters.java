package org.cnnworkbench.app.export;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cnnworkbench.engine.dl4j.Dl4jModelExporter;
import org.cnnworkbench.engine.dl4j.ModelChoice;
import org.cnnworkbench.engine.io.JsonExporter;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.engine.plugin.NetworkExporter;
import org.cnnworkbench.engine.plugin.Plugins;

/**
 * Every export the workbench offers, in menu order, found by id: the one list that {@code workbench export --to}
 * and File &gt; Export both read. They are the exporters of the loaded plugins: the engine's built-in plugin (JSON,
 * DL4J model, prototxt), the application's own ({@link ReportPlugin}: the report) and those of installed plugins.
 *
 * <pre>{@code
 * NetworkExporter report = Exporters.available().require("report");
 * }</pre>
 */
public final class Exporters {

    private final List<NetworkExporter> exporters;

    /** @throws IllegalArgumentException if two exporters share an id */
    public Exporters(List<NetworkExporter> exporters) {
        Set<String> ids = new HashSet<>();
        for (NetworkExporter e : exporters) {
            if (!ids.add(e.id())) {
                throw new IllegalArgumentException("two exporters have the id '" + e.id() + "'");
            }
        }
        this.exporters = List.copyOf(exporters);
    }

    /** The exporters of the loaded plugins (ids are unique: the plugin loader skips a plugin that clashes). */
    public static Exporters available() {
        return new Exporters(Plugins.installed().exporters());
    }

    /** All of them, in menu order. */
    public List<NetworkExporter> all() {
        return exporters;
    }

    public List<String> ids() {
        return exporters.stream().map(NetworkExporter::id).toList();
    }

    public Optional<NetworkExporter> find(String id) {
        return exporters.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /**
     * The exporter with this id.
     *
     * @throws IllegalArgumentException naming the valid ids, if there is none
     */
    public NetworkExporter require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("there is no export '" + id
                + "'; use one of: " + String.join(", ", ids())));
    }

    /**
     * {@code exporter} with the settings that an {@link org.cnnworkbench.engine.plugin.ExportRequest} does not
     * carry: the node positions for the spec's JSON, which model of a run for the DL4J model. Others are returned
     * as they are.
     */
    public static NetworkExporter configured(NetworkExporter exporter, Map<String, NodePosition> layout,
                                             ModelChoice model) {
        if (exporter instanceof JsonExporter json) {
            return json.withLayout(layout);
        }
        if (exporter instanceof Dl4jModelExporter) {
            return new Dl4jModelExporter(model);
        }
        return exporter;
    }
}
