package org.cnnworkbench.app.export;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;
import org.cnnworkbench.app.report.NetworkReport;
import org.cnnworkbench.app.ui.FxRuntime;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.app.ui.view.LayerChartView;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.NodeResult;

/**
 * The per-layer charts of a report, rendered offscreen with JavaFX (headless with Monocle where there is no
 * display, as {@code workbench screenshot}): the Chart tab of the main window (each layer's share of the
 * parameters and MACs) and bar charts of the parameters, MACs and activations of every layer.
 */
final class ReportCharts {

    static final int WIDTH = 1200;
    static final int HEIGHT = 560;

    /** One rendered chart: where it goes in the report and its pixels. */
    record Rendered(NetworkReport.Chart chart, BufferedImage image) {
    }

    private ReportCharts() {
    }

    /** The charts of {@code report} (analysed with {@code analyzer}); a chart with no bars is left out. */
    static List<Rendered> render(AnalysisReport report, Analyzer analyzer) {
        return FxRuntime.callOnToolkit(() -> {
            List<Rendered> charts = new ArrayList<>();
            List<NodeResult> computed = report.layers().stream().filter(NodeResult::ok).toList();
            if (computed.stream().anyMatch(r -> r.paramTotal() > 0 || r.macs() > 0)) {
                WorkbenchViewModel vm = new WorkbenchViewModel(analyzer, Runnable::run, Runnable::run);
                vm.open(DocumentState.of(report.spec()), null);
                LayerChartView shares = new LayerChartView(vm);
                shares.setTitle("Share of the parameters and MACs per layer");
                charts.add(snapshot(shares, "shares.png", "Share of the network's parameters and MACs per layer (%)"));
            }
            add(charts, computed, NodeResult::paramTotal, "params.png", "Parameters per layer", "parameters");
            add(charts, computed, NodeResult::macs, "macs.png", "MACs per layer (multiply-accumulates)", "MACs");
            add(charts, computed, NodeResult::activations, "activations.png",
                    "Activations per layer (output elements, batch 1)", "activations");
            return charts;
        });
    }

    private static void add(List<Rendered> charts, List<NodeResult> layers, ToLongFunction<NodeResult> value,
                            String file, String title, String axis) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName(axis);
        for (NodeResult r : layers) {
            long v = value.applyAsLong(r);
            if (v > 0) {
                series.getData().add(new XYChart.Data<>(r.id(), v));
            }
        }
        if (series.getData().isEmpty()) {
            return;
        }
        BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setTitle(title);
        chart.getXAxis().setLabel("layer");
        chart.getXAxis().setTickLabelRotation(-90);
        chart.getYAxis().setLabel(axis);
        chart.setCategoryGap(2);
        chart.getData().add(series);
        charts.add(snapshot(chart, file, title));
    }

    /** The chart laid out at the report's size in a scene of its own (never shown) and its picture. */
    private static Rendered snapshot(javafx.scene.Parent chart, String file, String title) {
        Scene scene = new Scene(new StackPane(chart), WIDTH, HEIGHT);
        BufferedImage image = SwingFXUtils.fromFXImage(scene.snapshot(null), null);
        return new Rendered(new NetworkReport.Chart(file, title, image.getWidth(), image.getHeight()), image);
    }
}
