package org.cnnworkbench.engine.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NonMaxSuppressionTest {

    @Test
    void keepsTheBestOfOverlappingBoxesOfOneClass() {
        Detection best = new Detection(0, 0.9, 10, 10, 50, 50);
        Detection overlapping = new Detection(0, 0.8, 12, 12, 52, 52);   // IoU (38*38)/(2*1600-1444) = 0.822
        Detection apart = new Detection(0, 0.7, 100, 10, 140, 50);
        assertThat(NonMaxSuppression.perClass(List.of(overlapping, apart, best), 0.4, 64))
                .containsExactly(best, apart);
    }

    @Test
    void boxesOfDifferentClassesNeverSuppressEachOther() {
        Detection cyclist = new Detection(2, 0.9, 10, 10, 50, 80);
        Detection pedestrian = new Detection(1, 0.6, 12, 10, 48, 78);
        assertThat(NonMaxSuppression.perClass(List.of(cyclist, pedestrian), 0.4, 64))
                .containsExactly(cyclist, pedestrian);
    }

    @Test
    void overlapAtTheThresholdIsKeptAndAboveItIsDropped() {
        Detection a = new Detection(0, 0.9, 0, 0, 10, 10);
        Detection half = new Detection(0, 0.5, 0, 0, 10, 5);     // IoU exactly 0.5
        assertThat(a.iou(half)).isEqualTo(0.5);
        assertThat(NonMaxSuppression.perClass(List.of(a, half), 0.5, 64)).hasSize(2);
        assertThat(NonMaxSuppression.perClass(List.of(a, half), 0.49, 64)).containsExactly(a);
    }

    @Test
    void capsTheNumberOfDetectionsHighestScoresFirst() {
        List<Detection> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new Detection(0, i / 100.0, i * 20, 0, i * 20 + 10, 10));
        }
        List<Detection> kept = NonMaxSuppression.perClass(many, 0.4, 64);
        assertThat(kept).hasSize(64);
        assertThat(kept.get(0).score()).isEqualTo(0.99);
        assertThat(kept.get(63).score()).isEqualTo(0.36);
    }

    @Test
    void theResultDoesNotDependOnTheInputOrder() {
        Random random = new Random(7);
        List<Detection> boxes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double x = random.nextInt(200);
            double y = random.nextInt(100);
            boxes.add(new Detection(random.nextInt(3), random.nextInt(20) / 20.0, x, y, x + 5 + random.nextInt(40),
                    y + 5 + random.nextInt(40)));
        }
        List<Detection> expected = NonMaxSuppression.perClass(boxes, 0.4, 64);
        Collections.shuffle(boxes, random);
        assertThat(NonMaxSuppression.perClass(boxes, 0.4, 64)).isEqualTo(expected);
        for (int i = 0; i < expected.size(); i++) {
            for (int j = i + 1; j < expected.size(); j++) {
                if (expected.get(i).classIndex() == expected.get(j).classIndex()) {
                    assertThat(expected.get(i).iou(expected.get(j))).isLessThanOrEqualTo(0.4);
                }
            }
        }
    }

    @Test
    void refusesAThresholdOutsideZeroToOne() {
        assertThatThrownBy(() -> NonMaxSuppression.perClass(List.of(), 1.5, 1))
                .hasMessageContaining("NMS threshold");
    }
}
