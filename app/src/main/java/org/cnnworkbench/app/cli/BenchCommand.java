package org.cnnworkbench.app.cli;

import java.util.concurrent.TimeUnit;
import org.cnnworkbench.app.bench.AnalysisBenchmark;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench bench analysis}: JMH benchmarks of full and incremental analysis. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark with JMH (forked JVM, warm-up, several measured iterations).")
final class BenchCommand implements Runnable {

    enum Suite { analysis }

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

    @Override
    public void run() {
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
}
