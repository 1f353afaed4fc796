package org.cnnworkbench.app.ui.view.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnnworkbench.app.ui.view.detection.DetectionBox.Source;
import org.cnnworkbench.engine.detection.DetectionMatch.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionViewModelTest {

    static final String CAR = "Car 0.00 0 -1.58 0.00 0.00 100.00 100.00 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59";
    static final String PEDESTRIAN = "Pedestrian 0.00 0 0.1 200.00 0.00 240.00 90.00 1.7 0.6 0.8 1 1.7 20 0.1";
    static final String DONT_CARE = "DontCare -1 -1 -10 300.00 10.00 340.00 30.00 -1 -1 -1 -1000 -1000 -1000 -10";

    @TempDir
    Path dir;
    Path images;
    Path gt;
    Path pred;
    DetectionViewModel vm = new DetectionViewModel(Runnable::run, Runnable::run);

    @BeforeEach
    void folders() throws Exception {
        images = Files.createDirectories(dir.resolve("images"));
        gt = Files.createDirectories(dir.resolve("gt"));
        pred = Files.createDirectories(dir.resolve("pred"));
        for (String id : List.of("000002", "000000", "000001")) {
            Files.write(images.resolve(id + ".png"), new byte[] {1});
        }
        Files.writeString(gt.resolve("000000.txt"), CAR + "\n" + PEDESTRIAN + "\n" + DONT_CARE + "\n");
        Files.writeString(gt.resolve("000001.txt"), CAR + "\nCar 0.00 0 -1.58 1 2 x\n");
        // 000002 has no label file
        Files.writeString(pred.resolve("000000.txt"),
                "Car -1 -1 -10 2.00 0.00 102.00 100.00 -1 -1 -1 -1000 -1000 -1000 -10 0.90\n"
                        + "Car -1 -1 -10 30.00 0.00 130.00 100.00 -1 -1 -1 -1000 -1000 -1000 -10 0.40\n"
                        + "Pedestrian -1 -1 -10 205.00 0.00 245.00 90.00 -1 -1 -1 -1000 -1000 -1000 -10 0.75\n");
        Files.writeString(pred.resolve("000009.txt"),
                "Car -1 -1 -10 2.00 0.00 102.00 100.00 -1 -1 -1 -1000 -1000 -1000 -10 0.90\n");
    }

    private long count(Source source) {
        return vm.boxes().stream().filter(b -> b.source() == source).count();
    }

    @Test
    void listsImagesByNameWithTheirCountsAndSelectsTheFirst() {
        vm.open(images, gt, pred);

        assertThat(vm.rows()).extracting(DetectionViewModel.Row::id).containsExactly("000000", "000001", "000002");
        assertThat(vm.rows()).extracting(DetectionViewModel.Row::objects).containsExactly(2, 1, 0);
        assertThat(vm.rowText(vm.rows().get(0))).isEqualTo("000000.png  GT 2  pred 3/3");
        assertThat(vm.selectedIndex().get()).isZero();
        assertThat(vm.selectedImage().get()).isEqualTo(images.resolve("000000.png"));
        assertThat(vm.classes()).containsExactly("Car", "Pedestrian");
        assertThat(count(Source.TRUTH)).isEqualTo(2);
        assertThat(count(Source.DONT_CARE)).isEqualTo(1);
        assertThat(count(Source.PREDICTION)).isEqualTo(3);
    }

    @Test
    void theScoreAndClassFiltersHidePredictionsAndUpdateTheCounts() {
        vm.open(images, gt, pred);

        vm.minScore().set(0.5);
        assertThat(count(Source.PREDICTION)).isEqualTo(2);
        assertThat(vm.rowText(vm.rows().get(0))).isEqualTo("000000.png  GT 2  pred 2/3");
        assertThat(vm.status().get()).contains("image 1 of 3", "predictions 2 shown, 1 hidden (score >= 0.50)");

        vm.setClassShown("Car", false);
        assertThat(vm.boxes()).filteredOn(b -> b.source() != Source.DONT_CARE).extracting(DetectionBox::type)
                .containsOnly("Pedestrian");
        assertThat(vm.status().get()).contains("ground truth 1 shown, 1 hidden", "predictions 1 shown, 2 hidden");
        assertThat(vm.rowText(vm.rows().get(0))).isEqualTo("000000.png  GT 2  pred 1/3");

        vm.minScore().set(7);   // a slider never gives this, but the value is kept in 0..1
        assertThat(vm.minScore().get()).isEqualTo(1.0);
        assertThat(count(Source.PREDICTION)).isZero();
    }

    @Test
    void predictionsAreColouredByWhetherTheyMatchAtKittisThresholds() {
        vm.open(images, gt, pred);

        assertThat(vm.boxes()).filteredOn(b -> b.source() == Source.PREDICTION)
                .extracting(DetectionBox::text, DetectionBox::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Car 0.90", Outcome.TRUE_POSITIVE),
                        org.assertj.core.groups.Tuple.tuple("Car 0.40", Outcome.FALSE_POSITIVE),
                        org.assertj.core.groups.Tuple.tuple("Pedestrian 0.75", Outcome.TRUE_POSITIVE));
        assertThat(vm.boxes()).filteredOn(b -> b.source() == Source.PREDICTION).extracting(DetectionBox::colour)
                .containsExactly(DetectionStyle.outcomeColour(Outcome.TRUE_POSITIVE),
                        DetectionStyle.outcomeColour(Outcome.FALSE_POSITIVE),
                        DetectionStyle.outcomeColour(Outcome.TRUE_POSITIVE));
        assertThat(vm.status().get()).contains("TP 2, FP 1, missed 0");

        vm.minScore().set(0.95);   // the car is no longer found
        assertThat(vm.boxes()).filteredOn(b -> b.source() == Source.TRUTH).extracting(DetectionBox::text)
                .containsExactly("Car", "Pedestrian");   // nothing predicted: nothing called missed
        vm.minScore().set(0.8);
        assertThat(vm.boxes()).filteredOn(b -> b.source() == Source.TRUTH).extracting(DetectionBox::text)
                .containsExactly("Car", "Pedestrian (missed)");
    }

    @Test
    void dontCareAndTheGroundTruthAndPredictionTogglesHideTheirBoxes() {
        vm.open(images, gt, pred);

        vm.showDontCare().set(false);
        assertThat(count(Source.DONT_CARE)).isZero();
        assertThat(count(Source.TRUTH)).isEqualTo(2);
        vm.showDontCare().set(true);
        vm.showTruth().set(false);
        assertThat(count(Source.DONT_CARE) + count(Source.TRUTH)).isZero();
        vm.showPredictions().set(false);
        assertThat(vm.boxes()).isEmpty();
        vm.showTruth().set(true);
        assertThat(count(Source.TRUTH)).isEqualTo(2);
    }

    @Test
    void aMalformedLineIsNamedByFileAndLineAndTheRestOfTheFileIsShown() {
        vm.open(images, gt, pred);

        assertThat(vm.warnings()).anySatisfy(w -> assertThat(w).startsWith(gt.resolve("000001.txt") + ":2:"));
        assertThat(vm.warnings()).anySatisfy(w -> assertThat(w).startsWith("1 prediction file without an image")
                .contains("000009"));
        vm.move(1);
        assertThat(vm.selectedImage().get()).isEqualTo(images.resolve("000001.png"));
        assertThat(count(Source.TRUTH)).isEqualTo(1);
        assertThat(vm.status().get()).endsWith("; 2 warnings");
    }

    @Test
    void anImageWithoutALabelFileHasNoGroundTruthAndMovingStopsAtTheEnds() {
        vm.open(images, gt, pred);

        vm.move(10);
        assertThat(vm.selectedIndex().get()).isEqualTo(2);
        assertThat(vm.boxes()).isEmpty();
        assertThat(vm.status().get()).contains("image 3 of 3: 000002.png", "ground truth 0 shown, 0 hidden");
        vm.move(-10);
        assertThat(vm.selectedIndex().get()).isZero();
    }

    @Test
    void withoutGroundTruthPredictionsKeepTheirClassColourAndTheListShowsNoGroundTruthCount() {
        vm.open(images, null, pred);

        assertThat(vm.rowText(vm.rows().get(0))).isEqualTo("000000.png  pred 3/3");
        assertThat(vm.boxes()).allSatisfy(b -> assertThat(b.outcome()).isNull());
        assertThat(vm.boxes().get(0).colour()).isEqualTo(DetectionStyle.classColour("Car", vm.classes()));
        assertThat(vm.status().get()).doesNotContain("TP");
    }

    @Test
    void aMissingFolderIsAnErrorMessageAndKeepsWhatWasShown() {
        vm.open(images, gt, pred);
        vm.open(dir.resolve("nope"), null, null);

        assertThat(vm.error().get()).isEqualTo("cannot open the detections: " + dir.resolve("nope")
                + ": no such folder (the image folder)");
        assertThat(vm.rows()).hasSize(3);
        assertThat(vm.loading().get()).isFalse();
    }
}
