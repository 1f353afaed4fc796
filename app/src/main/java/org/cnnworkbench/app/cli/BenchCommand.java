package org.cnnworkbench.app.cli;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.app.bench.AnalysisBenchmark;
import org.cnnworkbench.app.bench.UiBenchmark;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench bench analysis}: JMH benchmarks of full and incremental analysis;
 * {@code workbench bench ui}: time from an edit to the updated table, chart and totals in the main window.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a benchmark.",
                "analysis: JMH (forked JVMs, warm-up, measured iterations) on full and incremental analysis.",
                "ui: edits SqueezeNet v1.0, then a 2,000-node chain (zoomed to fit, then at 100 %%), in the main window "
                        + "(headless without a display) "
                        + "and reports how long each edit takes to reach the layer table, canvas and status bar, "
                        + "with the next pulse's CSS and layout."})
final class BenchCommand implements Runnable {

    enum Suite { analysis, ui }

    @Parameters(paramLabel = "SUITE", description = "what to benchmark: ${COMPLETION-CANDIDATES}")
    Suite suite;

    @Option(names = "--forks", defaultValue = "2", description = "forked JVMs (default: ${DEFAULT-VALUE})")
    int forks;

    @Option(names = "--iterations", defaultValue = "5",
            description = "measured 1-second iterations per fork (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--warmup", defaultValue = "3",
            description = "warm-up 1-second iterations per fork (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--edits", defaultValue = "300",
            description = "ui: measured edits, after as many warm-up edits (default: ${DEFAULT-VALUE})")
    int edits;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (suite == Suite.ui) {
            runUi();
            return;
        }
        if (forks < 1 || iterations < 1 || warmup < 0) {
            throw new UserException("--forks and --iterations must be at least 1, --warmup at least 0");
        }
        Options options = new OptionsBuilder()
                .include(AnalysisBenchmark.class.getName())
                .forks(forks)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.MICROSECONDS)
                .build();
        try {
            new Runner(options).run();
        } catch (RunnerException e) {
            throw new UserException("benchmark failed: " + e.getMessage());
        }
    }

    private void runUi() {
        if (edits < 10) {
            throw new UserException("--edits must be at least 10");
        }
        java.io.PrintWriter out = spec.commandLine().getOut();
        for (UiBenchmark.Case edit : List.of(UiBenchmark.Case.squeezeNet(), UiBenchmark.Case.chain2000(),
                UiBenchmark.Case.chain2000AtFullSize())) {
            UiBenchmark.Result r;
            try {
                r = UiBenchmark.run(edit, edits, edits);
            } catch (Exception e) {
                throw new IllegalStateException("the UI benchmark failed", e);
            }
            out.printf(java.util.Locale.ROOT, "%s (%d edits after %d warm-up):%n"
                    + "  edit -> every view updated + the next pulse's CSS and layout: median %.2f ms, p90 %.2f ms, "
                    + "p99 %.2f ms, max %.2f ms (one frame at 60 Hz: 16.7 ms)%n"
                    + "  of which before the result reached the views: median %.2f ms, p90 %.2f ms, p99 %.2f ms%n"
                    + "  edit -> every view updated + the whole pulse (also the bounds of every scene node and "
                    + "the copy to the render graph): median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n"
                    + "  wall time until that pulse was laid out, the wait for the pulse included: median %.2f ms, "
                    + "p90 %.2f ms, p99 %.2f ms%n",
                    edit.description(), edits, edits, r.percentile(0.5), r.percentile(0.9), r.percentile(0.99),
                    r.millis()[r.millis().length - 1], r.handOffPercentile(0.5), r.handOffPercentile(0.9),
                    r.handOffPercentile(0.99), r.wholePulsePercentile(0.5), r.wholePulsePercentile(0.9),
                    r.wholePulsePercentile(0.99), r.wholePulse()[r.wholePulse().length - 1],
                    r.untilLaidOutPercentile(0.5), r.untilLaidOutPercentile(0.9), r.untilLaidOutPercentile(0.99));
            out.flush();
        }
    }
}
