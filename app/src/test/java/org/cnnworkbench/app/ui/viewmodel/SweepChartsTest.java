package org.cnnworkbench.app.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cnnworkbench.engine.design.PointAccuracy;
import org.cnnworkbench.engine.design.SweepPoint;
import org.cnnworkbench.engine.design.TrainedRun;
import org.junit.jupiter.api.Test;

/** The pure parts of the sweep window: the accuracy curves, the trade-off with its Pareto front, the sweep's ETA. */
class SweepChartsTest {

    @Test
    void theTradeoffMarksExactlyThePointsNoOtherBeatsOnRandomSweeps() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(12);
            List<SweepPoint> points = new ArrayList<>();
            List<PointAccuracy> accuracy = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // few distinct values, so that ties are common; some points not measured yet
                points.add(point(0.125 * (i + 1), 1_000_000L * (1 + random.nextInt(5))));
                accuracy.add(new PointAccuracy(random.nextInt(6) == 0 ? List.of()
                        : List.of(run(i, 1, 0.1 * (1 + random.nextInt(5))))));
            }
            List<SweepCharts.TradeoffPoint> t = SweepCharts.tradeoff(points, accuracy, SweepViewModel.Metric.MODEL_SIZE);
            assertThat(t).extracting(SweepCharts.TradeoffPoint::index).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, n).filter(i -> !accuracy.get(i).measured().isEmpty())
                            .boxed().toList());
            for (SweepCharts.TradeoffPoint p : t) {
                boolean beaten = t.stream().anyMatch(q -> q.cost() <= p.cost() && q.top1() >= p.top1()
                        && (q.cost() < p.cost() || q.top1() > p.top1()));
                assertThat(p.onFront()).as("point %d of round %d", p.index(), round).isEqualTo(!beaten);
            }
            List<SweepCharts.TradeoffPoint> front = SweepCharts.front(t);
            for (int k = 1; k < front.size(); k++) {
                assertThat(front.get(k).cost()).isGreaterThanOrEqualTo(front.get(k - 1).cost());
            }
        }
    }

    private static SweepPoint point(double sr, long bytes) {
        return new SweepPoint(Map.of("sr", sr), bytes / 4, bytes * 100, 0, bytes, bytes / 10);
    }

    private static TrainedRun run(int point, long seed, double top1) {
        return new TrainedRun(point, seed, "run-" + point + "-" + seed, "COMPLETED", 2, 2, top1, 0.99, top1, 10,
                100);
    }

    @Test
    void accuracyCurvesShowTheMeanAndTheSeedsSpreadAndSkipPointsNotMeasured() {
        List<SweepPoint> points = List.of(point(0.125, 2_000_000), point(0.25, 3_000_000), point(0.5, 5_000_000));
        List<PointAccuracy> accuracy = List.of(new PointAccuracy(List.of(run(0, 1, 0.80), run(0, 2, 0.84))),
                new PointAccuracy(List.of(run(1, 1, 0.90), run(1, 2, 0.86))), new PointAccuracy(List.of()));

        SweepCharts.AccuracyCurves curves = SweepCharts.accuracy(points, accuracy);

        assertThat(curves.hasSpread()).isTrue();
        assertThat(curves.mean()).hasSize(1);
        assertThat(curves.mean().get(0).label()).isEqualTo("top-1 % (best epoch, mean of seeds)");
        assertThat(curves.mean().get(0).points()).hasSize(2);
        assertThat(curves.mean().get(0).points().get(0)[1]).isCloseTo(82.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(curves.min().get(0).points().get(1)[1]).isCloseTo(86.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(curves.max().get(0).label()).isEqualTo("top-1 % max");
        assertThat(SweepCharts.spread(accuracy.get(0))).isEqualTo("± 2.83 (80.00 – 84.00)");
        assertThat(SweepCharts.top1(accuracy.get(2))).isEmpty();

        // one seed: no spread curves
        assertThat(SweepCharts.accuracy(points, List.of(new PointAccuracy(List.of(run(0, 1, 0.8))),
                new PointAccuracy(List.of()), new PointAccuracy(List.of()))).hasSpread()).isFalse();
    }

    @Test
    void theTradeoffMarksTheParetoFrontForTheChosenCost() {
        List<SweepPoint> points = List.of(point(0.125, 2_000_000), point(0.25, 3_000_000), point(0.5, 5_000_000));
        List<PointAccuracy> accuracy = List.of(new PointAccuracy(List.of(run(0, 1, 0.85))),
                new PointAccuracy(List.of(run(1, 1, 0.80))), new PointAccuracy(List.of(run(2, 1, 0.90))));

        List<SweepCharts.TradeoffPoint> t = SweepCharts.tradeoff(points, accuracy, SweepViewModel.Metric.MODEL_SIZE);

        assertThat(t).extracting(SweepCharts.TradeoffPoint::cost).containsExactly(2.0, 3.0, 5.0);
        assertThat(t).extracting(SweepCharts.TradeoffPoint::onFront).containsExactly(true, false, true);
        assertThat(SweepCharts.front(t)).extracting(SweepCharts.TradeoffPoint::index).containsExactly(0, 2);
        assertThat(SweepCharts.tradeoff(points, accuracy, SweepViewModel.Metric.MACS))
                .extracting(SweepCharts.TradeoffPoint::cost).containsExactly(200.0, 300.0, 500.0);
        assertThat(SweepCharts.tradeoff(points, List.of(), SweepViewModel.Metric.MACS)).isEmpty();
    }

    @Test
    void theSweepEtaCountsTheRunsLeftAtTheMeanOfThoseFinishedOrElseAtTheCurrentOnesTime() {
        // before any run finished: this run has taken 20 s and needs 10 more; three more runs like it
        assertThat(SweepProgress.sweepEta(0, 0, 20, 10, 3)).isEqualTo(Duration.ofSeconds(10 + 3 * 30));
        // two runs finished in 50 s in all: 25 s each
        assertThat(SweepProgress.sweepEta(50, 2, 5, 12, 2)).isEqualTo(Duration.ofSeconds(12 + 50));
        assertThat(SweepProgress.sweepEta(50, 2, 5, 12, 0)).isEqualTo(Duration.ofSeconds(12));
    }
}
