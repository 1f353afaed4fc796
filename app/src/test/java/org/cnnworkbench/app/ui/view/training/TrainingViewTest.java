package org.cnnworkbench.app.ui.view.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Train window and the runs list, headless: one click trains, Stop stops, the charts and the list fill. */
@ExtendWith(ApplicationExtension.class)
class TrainingViewTest {

    @TempDir
    static Path dir;

    private TrainingView view;
    private NetworkSpec network;

    @Start
    void start(Stage stage) throws Exception {
        network = TrainingViewModelsTest.tiny(10);
        TrainingViewModel model = new TrainingViewModel(dir.resolve("runs"), Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-training");
            t.setDaemon(true);
            return t;
        }), Platform::runLater);
        model.fashionDir().set(IdxFiles.fakeFashionMnist(dir.resolve("idx"), 64, 28).toString());
        model.trainLimit().set(512);
        model.valLimit().set(64);
        model.batchSize().set(32);
        view = new TrainingView(model, () -> network);
        stage.setScene(new Scene(view, 1150, 700));
        stage.show();
    }

    private void waitUntilIdle() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            var s = view.model().state().get();
            return s == TrainingViewModel.State.FINISHED || s == TrainingViewModel.State.FAILED;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void oneClickTrainsTheOpenNetworkWithLiveChartsAndStopKeepsTheLastEpoch(FxRobot robot) throws Exception {
        TrainingViewModel model = view.model();
        assertThat(robot.lookup("#train-network").queryLabeled().getText()).isEqualTo("network: tiny cnn");
        assertThat(model.runDirectory().get()).contains("tiny-cnn-");
        // the window shows (and edits) the folder of the IDX files the run reads
        assertThat(robot.lookup("#train-fashion-dir").queryTextInputControl().getText())
                .isEqualTo(model.fashionDir().get());
        robot.interact(() -> model.epochs().set(2));

        robot.clickOn("#train-start");
        waitUntilIdle();

        assertThat(model.error().get()).isEmpty();
        assertThat(model.summary().get().status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(robot.lookup("#train-progress").queryAs(ProgressBar.class).getProgress()).isEqualTo(1.0);
        XYChart.Series<Number, Number> trainLoss = view.lossChart().getData().get(0);
        assertThat(trainLoss.getName()).isEqualTo(TrainingView.TRAIN_LOSS_SERIES);
        assertThat(trainLoss.getData()).hasSameSizeAs(model.lossCurve()).isNotEmpty();
        XYChart.Series<Number, Number> top1 = view.accuracyChart().getData().get(0);
        assertThat(top1.getData()).extracting(d -> d.getYValue().doubleValue())
                .containsExactly(100 * model.epochMetrics().get(0).top1(), 100 * model.epochMetrics().get(1).top1());
        assertThat(robot.lookup("#train-speed").queryLabeled().getText()).endsWith("images/s");
        assertThat(robot.lookup("#train-status").queryLabeled().getText()).contains("completed after 2 epochs");
        assertThat(robot.lookup("#train-start").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#train-stop").queryButton().isDisabled()).isTrue();

        // a second, long run into a new directory, stopped by the Stop button after its first epoch
        robot.clickOn("#train-new-dir");
        robot.interact(() -> model.epochs().set(50));
        model.epochMetrics().addListener((javafx.collections.ListChangeListener<Object>) c -> {
            if (model.state().get() == TrainingViewModel.State.RUNNING && !model.epochMetrics().isEmpty()) {
                robot.lookup("#train-stop").queryButton().fire();   // on the FX thread, as a click would
            }
        });
        robot.clickOn("#train-start");
        waitUntilIdle();

        assertThat(model.summary().get().status()).isEqualTo(RunSummary.Status.CANCELLED);
        int kept = model.summary().get().epochs();
        assertThat(kept).isBetween(1, 49);
        Path stopped = model.activeRun().get();
        assertThat(new org.cnnworkbench.engine.dl4j.RunDirectory(stopped).latestEpoch()).isEqualTo(kept);
        assertThat(stopped.resolve("model.zip")).exists();

        // the runs list shows both runs; the stopped one can be resumed
        RunsViewModel runs = new RunsViewModel(dir.resolve("runs"), Runnable::run, Runnable::run);
        runs.refresh();
        assertThat(runs.runs()).hasSize(2);
        RunsViewModel.RunRow row = runs.runs().stream().filter(r -> r.dir().equals(stopped)).findFirst()
                .orElseThrow();
        assertThat(row.status()).isEqualTo("cancelled");
        assertThat(row.completedEpochs()).isEqualTo(kept);
        assertThat(row.canResume()).isTrue();

        // `workbench screenshot --runs` renders that list with the stopped run selected
        Path png = dir.resolve("runs.png");
        org.cnnworkbench.app.ui.Screenshots.renderRuns(dir.resolve("runs"), stopped.getFileName().toString(), 900,
                500, png);
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(500);
    }

    @Test
    void theSparkChoiceTrainsOnLocalTwoAndAStoppedSparkRunResumesOnSpark(FxRobot robot) throws Exception {
        TrainingViewModel model = view.model();
        assertThat(robot.lookup("#train-spark-master").queryTextInputControl().isDisabled()).isTrue();
        // the form scrolls; the Spark part is at its end, collapsed, titled by where the run trains
        var scroll = robot.lookup("#train-settings-scroll").queryAs(javafx.scene.control.ScrollPane.class);
        var pane = robot.lookup("#train-spark-pane").queryAs(javafx.scene.control.TitledPane.class);
        // (without the expansion's animation: a click during it could miss the check box, which is still moving)
        robot.interact(() -> {
            pane.setAnimated(false);
            scroll.setVvalue(1);
        });
        robot.clickOn("where: this machine");
        assertThat(pane.isExpanded()).isTrue();
        robot.interact(() -> {
            scroll.layout();
            scroll.setVvalue(1);
        });
        robot.clickOn("#train-spark");
        assertThat(model.onSpark().get()).isTrue();
        assertThat(robot.lookup("#train-spark-master").queryTextInputControl().isDisabled()).isFalse();
        assertThat(pane.getText()).isEqualTo("where: Spark, local[2]");

        // a master URL Spark cannot parse: one clear error, no run directory
        Path bad = dir.resolve("spark-runs/bad");
        robot.interact(() -> {
            model.runDirectory().set(bad.toString());
            model.sparkMaster().set("nonsense");
            model.sparkWorkers().set(2);
        });
        robot.clickOn("#train-start");
        waitUntilIdle();
        assertThat(model.state().get()).isEqualTo(TrainingViewModel.State.FAILED);
        assertThat(robot.lookup("#train-error").queryLabeled().getText())
                .startsWith("cannot start Spark with master 'nonsense'");
        assertThat(bad).doesNotExist();

        // local[2], typed as a user would; stopped after its first epoch of 3 (the stop reaches the run a little
        // later: it may finish epoch 2)
        Path run = dir.resolve("spark-runs/run");
        robot.interact(() -> {
            model.runDirectory().set(run.toString());
            model.epochs().set(3);
            model.sparkWorkers().set(0);
            model.averagingFrequency().set(2);
        });
        robot.doubleClickOn("#train-spark-master").eraseText(8).write("local[2]");
        assertThat(model.sparkMaster().get()).isEqualTo("local[2]");
        javafx.collections.ListChangeListener<Object> stopAfterFirst = c -> {
            if (model.state().get() == TrainingViewModel.State.RUNNING && !model.epochMetrics().isEmpty()) {
                model.stop();
            }
        };
        model.epochMetrics().addListener(stopAfterFirst);
        robot.clickOn("#train-start");
        waitUntilIdle();
        model.epochMetrics().removeListener(stopAfterFirst);
        assertThat(model.error().get()).isEmpty();
        assertThat(model.summary().get().status()).isEqualTo(RunSummary.Status.CANCELLED);
        assertThat(model.summary().get().epochs()).isBetween(1, 2);
        assertThat(org.cnnworkbench.spark.SparkTraining.read(run))
                .isEqualTo(new org.cnnworkbench.spark.SparkSettings("local[2]", 2, 2));

        // the Training Runs window's Resume: the settings come back from the run, and it trains on Spark again
        robot.interact(() -> {
            model.onSpark().set(false);
            model.sparkMaster().set("");
            assertThat(model.resume(run)).isTrue();
        });
        waitUntilIdle();
        assertThat(model.onSpark().get()).isTrue();
        assertThat(model.sparkMaster().get()).isEqualTo("local[2]");
        assertThat(model.error().get()).isEmpty();
        assertThat(model.summary().get().status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(model.epochMetrics()).extracting(m -> m.epoch()).containsExactly(1, 2, 3);
        assertThat(new org.cnnworkbench.engine.dl4j.RunDirectory(run).metrics()).hasSize(3);
        assertThat(run.resolve("spark-batches/batches.txt")).exists();
        assertThat(run.resolve("model.zip")).exists();
    }
}
