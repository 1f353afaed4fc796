package org.cnnworkbench.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.hardware.HardwareProfile;
import org.cnnworkbench.engine.hardware.RooflineEstimator;
import org.cnnworkbench.engine.io.CsvTable;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.scaling.DataParallelScaling;
import org.cnnworkbench.engine.scaling.ScalingPoint;
import org.cnnworkbench.engine.scaling.ScalingSetup;
import org.cnnworkbench.engine.scaling.Scheme;
import org.cnnworkbench.spark.SparkScaling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench scaling}: the FireCaffe data-parallel training speedup of one or more networks. */
@Command(name = "scaling", mixinStandardHelpOptions = true,
        description = {"Data-parallel training speedup for N = 1..--workers workers with a fixed batch per worker "
                + "(FireCaffe; docs/scaling.md): communication per iteration is parameters x 4 bytes each way, "
                + "through a parameter server (2 P b N / BW) or a reduction tree (2 P b ceil(log2 N) / BW).",
                "The training time per image is --image-ms, or 3 x the roofline inference time per frame on "
                        + "--hardware (forward + two backward passes).",
                "With --measure, one network is trained for a few averaging rounds on Spark local[N] (DL4J parameter "
                        + "averaging) for each N of --workers, and the measured speedup is printed beside the "
                        + "model's for the same setting (docs/spark.md).",
                "Example: workbench scaling squeezenet-v1.0 alexnet vgg16 --hardware titan-x --bandwidth 56",
                "Example: workbench scaling --measure --network fashion-squeezenet --workers 1,2"})
final class ScalingCommand implements Callable<Integer> {

    enum Format { table, csv }

    enum SchemeChoice { tree, server, both }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE-OR-SAMPLE",
            description = "one or more spec files or sample names, compared side by side")
    List<String> networks = new ArrayList<>();

    @Option(names = "--network", paramLabel = "FILE-OR-SAMPLE", description = "a network, as the positional ones")
    List<String> namedNetworks = new ArrayList<>();

    @Option(names = "--hardware", paramLabel = "PROFILE",
            description = "estimate the time per image from this profile's roofline (see 'hardware')")
    String hardware;

    @Option(names = "--image-ms", paramLabel = "MS",
            description = "training time per image in milliseconds (measured), used for every network")
    Double imageMs;

    @Option(names = "--bandwidth", defaultValue = "56", paramLabel = "GBIT/S",
            description = "interconnect bandwidth per link in Gbit/s (default: ${DEFAULT-VALUE}, FDR InfiniBand)")
    double bandwidthGbits;

    @Option(names = "--batch", defaultValue = "32", description = "images per worker per iteration "
            + "(default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--workers", split = ",", paramLabel = "N[,N...]", description = "the largest N (default: 128); "
            + "with --measure the N to measure on local[N] (default: 1,2; 1 is always measured)")
    List<Integer> workerList;

    @Option(names = "--measure", description = "measure the speedup on Spark local[N] for each N of --workers: one "
            + "network, --batch images per worker batch, random images of its input shape")
    boolean measure;

    @Option(names = "--averaging-frequency", defaultValue = "5", paramLabel = "B", description = "with --measure: "
            + "batches each worker trains between parameter averagings (the model's iteration is B x --batch "
            + "images per worker) (default: ${DEFAULT-VALUE})")
    int averagingFrequency;

    @Option(names = "--rounds", defaultValue = "3", description = "with --measure: timed averaging rounds per N, "
            + "after one untimed (default: ${DEFAULT-VALUE})")
    int rounds;

    private int workers;

    @Option(names = "--scheme", defaultValue = "tree",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    SchemeChoice scheme;

    @Option(names = "--format", defaultValue = "table",
            description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    /** One network's curve under one scheme. */
    record Curve(String network, long parameters, double secondsPerImage, Scheme scheme, List<ScalingPoint> points) {
    }

    @Override
    public Integer call() {
        networks.addAll(namedNetworks);
        if (networks.isEmpty()) {
            throw new UserException("give a network: a spec file or a sample name (see 'workbench samples')");
        }
        if (workerList != null && workerList.stream().anyMatch(n -> n < 1 || n > DataParallelScaling.MAX_WORKERS)) {
            throw new UserException("--workers must be between 1 and " + DataParallelScaling.MAX_WORKERS + ", not "
                    + workerList);
        }
        if (measure) {
            return measure();
        }
        workers = workerList == null ? 128 : workerList.stream().mapToInt(Integer::intValue).max().orElse(128);
        if ((hardware == null) == (imageMs == null)) {
            throw new UserException("give either --hardware PROFILE (estimate the time per image) or --image-ms MS");
        }
        if (imageMs != null && !(imageMs > 0 && Double.isFinite(imageMs))) {
            throw new UserException("--image-ms must be a positive number of milliseconds, not " + imageMs);
        }
        if (!(bandwidthGbits > 0) || Double.isInfinite(bandwidthGbits)) {
            throw new UserException("--bandwidth must be a positive number of Gbit/s, not " + bandwidthGbits);
        }
        if (batch < 1) {
            throw new UserException("--batch must be at least 1, not " + batch);
        }
        HardwareProfile hw = hardware == null ? null : HardwareSource.load(hardware);
        List<Scheme> schemes = schemes();
        List<Curve> curves = new ArrayList<>();
        for (String network : networks) {
            LoadedNetwork loaded = NetworkSource.load(network, spec.commandLine().getErr());
            AnalysisReport report = Analyzer.standard().analyze(loaded.spec());
            if (!report.isValid()) {
                throw new UserException(loaded.spec().name() + " has errors; run 'workbench analyze " + network
                        + "' to see them");
            }
            double seconds = hw == null ? imageMs / 1000
                    : DataParallelScaling.trainingSecondsPerImage(RooflineEstimator.estimate(report, hw, batch, null));
            ScalingSetup setup = new ScalingSetup(batch, seconds, bandwidthGbits * 1e9 / 8, 4);
            for (Scheme s : schemes) {
                curves.add(new Curve(loaded.spec().name(), report.totals().paramTotal(), seconds, s,
                        DataParallelScaling.curve(report.totals().paramTotal(), setup, s, workers)));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.csv) {
            CsvTable table = new CsvTable("network", "scheme", "workers", "computeSeconds", "communicationSeconds",
                    "iterationSeconds", "speedup", "efficiency");
            for (Curve c : curves) {
                for (ScalingPoint p : c.points()) {
                    table.row(c.network(), c.scheme().name().toLowerCase(Locale.ROOT), p.workers(),
                            p.computeSeconds(), p.communicationSeconds(), p.iterationSeconds(), p.speedup(),
                            p.efficiency());
                }
            }
            out.print(table.toCsv());
        } else {
            printTable(out, hw, curves);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private List<Scheme> schemes() {
        return switch (scheme) {
            case tree -> List.of(Scheme.REDUCTION_TREE);
            case server -> List.of(Scheme.PARAMETER_SERVER);
            case both -> List.of(Scheme.REDUCTION_TREE, Scheme.PARAMETER_SERVER);
        };
    }

    /** --measure: local[N] for each N, beside the model's estimate for the same batch, network and time per image. */
    private int measure() {
        if (networks.size() != 1) {
            throw new UserException("--measure measures one network at a time, not " + networks.size());
        }
        if (imageMs != null || hardware != null) {
            throw new UserException("--measure takes the time per image from its own 1-worker measurement; leave out "
                    + "--image-ms and --hardware");
        }
        if (!(bandwidthGbits > 0) || Double.isInfinite(bandwidthGbits)) {
            throw new UserException("--bandwidth must be a positive number of Gbit/s, not " + bandwidthGbits);
        }
        java.util.TreeSet<Integer> ns = new java.util.TreeSet<>(workerList == null ? List.of(1, 2) : workerList);
        ns.add(1);
        SparkScaling.Setup setup;
        try {
            setup = new SparkScaling.Setup(batch, averagingFrequency, rounds, 42);
        } catch (IllegalArgumentException e) {
            throw new UserException("--batch, --averaging-frequency and --rounds must be at least 1: "
                    + e.getMessage());
        }
        LoadedNetwork loaded = NetworkSource.load(networks.get(0), spec.commandLine().getErr());
        AnalysisReport report = Analyzer.standard().analyze(loaded.spec());
        if (!report.isValid()) {
            throw new UserException(loaded.spec().name() + " has errors; run 'workbench analyze " + networks.get(0)
                    + "' to see them");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "measuring %s on Spark local[N] for N = %s (%d timed rounds of %d batches of %d "
                + "per worker each)...%n", loaded.spec().name(), ns, rounds, averagingFrequency, batch);
        err.flush();
        List<SparkScaling.Point> points;
        try (SignalStop stop = SignalStop.install("scaling")) {
            points = SparkScaling.measure(loaded.spec(), List.copyOf(ns), setup, stop.cancel()::get);
        } catch (Dl4jConversionException | IllegalArgumentException | java.io.IOException e) {
            throw new UserException(e.getMessage());
        }
        if (points.isEmpty()) {
            err.println("stopped before the first measurement");
            return ExitCodes.OK;
        }
        long params = report.totals().paramTotal();
        double seconds = points.get(0).secondsPerImagePerWorker();
        ScalingSetup model = new ScalingSetup(setup.imagesPerWorkerPerRound(), seconds, bandwidthGbits * 1e9 / 8, 4);
        List<Scheme> schemes = schemes();
        int largest = ns.last();
        List<List<ScalingPoint>> estimates = schemes.stream()
                .map(s -> DataParallelScaling.curve(params, model, s, largest)).toList();
        double base = points.get(0).imagesPerSecond();
        if (format == Format.csv) {
            CsvTable table = new CsvTable("network", "workers", "images", "seconds", "imagesPerSecond",
                    "measuredSpeedup", "scheme", "estimatedSpeedup");
            for (SparkScaling.Point p : points) {
                for (int i = 0; i < schemes.size(); i++) {
                    table.row(loaded.spec().name(), p.workers(), p.images(), p.seconds(), p.imagesPerSecond(),
                            p.imagesPerSecond() / base, schemes.get(i).name().toLowerCase(Locale.ROOT),
                            estimates.get(i).get(p.workers() - 1).speedup());
                }
            }
            out.print(table.toCsv());
            out.flush();
            return ExitCodes.OK;
        }
        out.printf(Locale.ROOT, "%s, %s parameters: Spark local[N] with DL4J parameter averaging, batch %d per "
                        + "worker, averaging every %d batches, %d timed rounds; this machine has %d cores%n",
                loaded.spec().name(), TextTable.count(params), batch, averagingFrequency, rounds,
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "model: %d images per worker per averaging, %.3f ms per image (measured on 1 worker), "
                + "%s Gbit/s links, 4 bytes per parameter%n%n", setup.imagesPerWorkerPerRound(), seconds * 1e3,
                trim(bandwidthGbits));
        List<String> header = new ArrayList<>(List.of("workers", "images/s", "measured speedup"));
        for (Scheme s : schemes) {
            header.add("model (" + label(s) + ")");
        }
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (SparkScaling.Point p : points) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(p.workers()),
                    String.format(Locale.ROOT, "%.1f", p.imagesPerSecond()),
                    String.format(Locale.ROOT, "%.2f", p.imagesPerSecond() / base)));
            for (List<ScalingPoint> e : estimates) {
                row.add(String.format(Locale.ROOT, "%.2f", e.get(p.workers() - 1).speedup()));
            }
            table.row(row.toArray(String[]::new));
        }
        table.print(out);
        if (largest > Runtime.getRuntime().availableProcessors()) {
            out.printf(Locale.ROOT, "%nlocal[N] runs its N workers on this machine's %d cores: above that they share "
                    + "them, so the measured speedup cannot follow the model's, which assumes a machine per "
                    + "worker.%n", Runtime.getRuntime().availableProcessors());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void printTable(PrintWriter out, HardwareProfile hw, List<Curve> curves) {
        out.printf(Locale.ROOT, "batch %d per worker, %s Gbit/s links, 4 bytes per parameter, time per image %s%n%n",
                batch, trim(bandwidthGbits),
                hw == null ? "measured (--image-ms)" : "3 x the roofline inference estimate on " + hw.name());
        TextTable about = new TextTable("network", "params", "MB each way", "ms/image", "compute s/iter");
        for (Curve c : curves) {
            if (c.scheme() == curves.get(0).scheme()) {
                about.row(c.network(), TextTable.count(c.parameters()),
                        String.format(Locale.ROOT, "%.1f", c.parameters() * 4 / 1e6),
                        String.format(Locale.ROOT, "%.3f", c.secondsPerImage() * 1e3),
                        String.format(Locale.ROOT, "%.4f", c.points().get(0).computeSeconds()));
            }
        }
        about.print(out);
        out.println();
        List<String> header = new ArrayList<>(List.of("workers"));
        for (Curve c : curves) {
            header.add(c.network() + (curves.size() > networks.size() ? " " + label(c.scheme()) : "") + " speedup");
        }
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (int n : shownWorkers(workers)) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(n)));
            for (Curve c : curves) {
                ScalingPoint p = c.points().get(n - 1);
                row.add(String.format(Locale.ROOT, "%.1f", p.speedup()));
            }
            table.row(row.toArray(String[]::new));
        }
        table.print(out);
    }

    private static String label(Scheme s) {
        return s == Scheme.REDUCTION_TREE ? "tree" : "server";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** 1, 2, 4, ... up to max, and max itself. */
    static List<Integer> shownWorkers(int max) {
        List<Integer> shown = new ArrayList<>();
        for (long n = 1; n < max; n *= 2) {
            shown.add((int) n);
        }
        shown.add(max);
        return shown;
    }
}
