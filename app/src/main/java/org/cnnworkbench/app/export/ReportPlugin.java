package org.cnnworkbench.app.export;

import java.util.List;
import org.cnnworkbench.engine.plugin.NetworkExporter;
import org.cnnworkbench.engine.plugin.WorkbenchPlugin;

/**
 * The application's own contribution through the plugin API: the report export, which draws its charts with
 * JavaFX and so cannot live in the engine's built-in plugin. Found on the class path
 * ({@code META-INF/services/org.cnnworkbench.engine.plugin.WorkbenchPlugin} of the application jar).
 */
public final class ReportPlugin implements WorkbenchPlugin {

    @Override
    public String id() {
        return "builtin-report";
    }

    @Override
    public String name() {
        return "Built-in report export";
    }

    @Override
    public List<NetworkExporter> exporters() {
        return List.of(new ReportExporter());
    }
}
