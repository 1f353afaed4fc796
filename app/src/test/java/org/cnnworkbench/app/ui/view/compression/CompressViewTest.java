package org.cnnworkbench.app.ui.view.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Compress and Model Comparison windows, headless: Start compresses, the report and the chart fill. */
@ExtendWith(ApplicationExtension.class)
class CompressViewTest {

    @TempDir
    static Path dir;

    static Path source;

    private CompressView view;
    private final List<List<Path>> compared = new ArrayList<>();

    @BeforeAll
    static void train() throws Exception {
        source = CompressionViewModelsTest.trainSource(dir);
    }

    @Start
    void start(Stage stage) {
        Executor work = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-compress");
            t.setDaemon(true);
            return t;
        });
        CompressViewModel model = new CompressViewModel(work, Platform::runLater);
        assertThat(model.open(source)).isTrue();
        model.settings().pruneEpochs().set(1);
        model.settings().quantizeEpochs().set(1);
        view = new CompressView(model, new SensitivityViewModel(model, work, Platform::runLater), compared::add);
        stage.setScene(new Scene(view, 1250, 720));
        stage.show();
    }

    @Test
    void startCompressesTheRunShowsItsSizeReportAndTheComparisonChartsIt(FxRobot robot) throws Exception {
        CompressViewModel model = view.model();
        assertThat(robot.lookup("#compress-source").queryLabeled().getText()).contains(source.toString());
        assertThat(robot.lookup("#compress-predicted").queryLabeled().getText()).contains("predicted size");
        assertThat(robot.lookup("#compress-add-to-comparison").queryButton().isDisabled()).isTrue();

        robot.clickOn("#compress-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.state().get() == CompressViewModel.State.FINISHED
                || model.state().get() == CompressViewModel.State.FAILED);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.error().get()).isEmpty();
        assertThat(model.summary().get().status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(view.reportTable().getItems()).hasSize(model.report().get().sizes().tensors().size()).isNotEmpty();
        assertThat(robot.lookup("#compress-report-headline").queryLabeled().getText())
                .contains(org.cnnworkbench.engine.dl4j.CompressedModels.FILE);
        robot.clickOn("#compress-add-to-comparison");
        assertThat(compared).containsExactly(List.of(source, model.activeRun().get()));

        ComparisonViewModel comparison = new ComparisonViewModel(Runnable::run, Platform::runLater);
        ComparisonView[] shown = new ComparisonView[1];
        robot.interact(() -> {
            shown[0] = new ComparisonView(comparison);
            Stage stage = new Stage();
            stage.setScene(new Scene(shown[0], 1000, 700));
            stage.show();
            comparison.setRuns(compared.get(0));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown[0].table().getItems()).hasSize(2);
        List<XYChart.Series<Number, Number>> series = shown[0].chart().getData();
        assertThat(series).extracting(XYChart.Series::getName)
                .containsExactly("none small-cnn", "Deep Compression small-cnn");
        assertThat(series.get(1).getData().get(0).getXValue().doubleValue())
                .isLessThan(series.get(0).getData().get(0).getXValue().doubleValue());
        assertThat(robot.lookup("#comparison-message").queryLabeled().getText()).isEqualTo("2 of 2 runs");

        // `workbench screenshot --compare` renders the same window
        Path png = dir.resolve("compare.png");
        org.cnnworkbench.app.ui.Screenshots.renderComparison(compared.get(0), 900, 500, png);
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(500);
    }
}
