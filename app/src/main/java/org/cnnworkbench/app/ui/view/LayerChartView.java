package org.cnnworkbench.app.ui.view;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import org.cnnworkbench.app.ui.viewmodel.LayerRow;
import org.cnnworkbench.app.ui.viewmodel.LayerShares;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;

/**
 * Each layer's share of the network's parameters and MACs, in percent, for the layers that have any, in layer
 * order. Follows every new analysis while it is showing ({@link #showing()}; in the main window, while its tab is
 * selected), else once it is shown; when the layers are the same it only changes the bar values, so the chart
 * does not flicker.
 */
public final class LayerChartView extends BarChart<String, Number> {

    public static final String PARAMS_SERIES = "params %";
    public static final String MACS_SERIES = "MACs %";

    private final XYChart.Series<String, Number> params = new XYChart.Series<>();
    private final XYChart.Series<String, Number> macs = new XYChart.Series<>();
    /** Held so that the listener on it lives as long as the chart. */
    private final ObservableList<LayerRow> rows;
    private final RefreshWhenShown refresh;

    public LayerChartView(WorkbenchViewModel vm) {
        super(new CategoryAxis(), new NumberAxis());
        setId("layer-chart");
        getStyleClass().add("layer-chart");
        setAnimated(false);
        getXAxis().setAnimated(false);
        getYAxis().setAnimated(false);
        getXAxis().setLabel("layer");
        getYAxis().setLabel("share of total (%)");
        getXAxis().setTickLabelRotation(-90);
        setBarGap(0);
        setCategoryGap(2);
        params.setName(PARAMS_SERIES);
        macs.setName(MACS_SERIES);
        getData().addAll(List.of(params, macs));
        rows = vm.layers();
        refresh = new RefreshWhenShown(() -> show(rows));
        rows.addListener((ListChangeListener<LayerRow>) c -> refresh.request());
        show(rows);
    }

    /** Whether the chart is showing: while false, analyses only mark it to be redrawn when it shows again. */
    public javafx.beans.property.BooleanProperty showing() {
        return refresh.showing();
    }

    private void show(List<LayerRow> rows) {
        List<LayerShares.Bar> bars = LayerShares.of(rows);
        List<String> ids = bars.stream().map(LayerShares.Bar::id).toList();
        List<String> shown = params.getData().stream().map(XYChart.Data::getXValue).toList();
        if (ids.equals(shown)) {
            for (int i = 0; i < bars.size(); i++) {
                setIfChanged(params.getData().get(i), bars.get(i).paramPercent());
                setIfChanged(macs.getData().get(i), bars.get(i).macPercent());
            }
            return;
        }
        // the categories first, all at once: a bar chart adds each new bar's category to the axis one at a time,
        // and the axis checks all categories for duplicates on each, cubic in the number of layers
        CategoryAxis axis = (CategoryAxis) getXAxis();
        axis.setAutoRanging(false);
        axis.setCategories(javafx.collections.FXCollections.observableArrayList(ids));
        params.getData().setAll(bars.stream().map(b -> data(b.id(), b.paramPercent())).toList());
        macs.getData().setAll(bars.stream().map(b -> data(b.id(), b.macPercent())).toList());
    }

    private static XYChart.Data<String, Number> data(String id, double value) {
        return new XYChart.Data<>(id, value);
    }

    private static void setIfChanged(XYChart.Data<String, Number> data, double value) {
        if (data.getYValue().doubleValue() != value) {
            data.setYValue(value);
        }
    }

    /** The series of parameter shares (for tests and tooltips). */
    public XYChart.Series<String, Number> paramsSeries() {
        return params;
    }

    public XYChart.Series<String, Number> macsSeries() {
        return macs;
    }
}
