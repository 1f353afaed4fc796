package org.cnnworkbench.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.hardware.HardwareProfile;
import org.cnnworkbench.engine.hardware.RooflineEstimator;
import org.cnnworkbench.engine.io.CsvTable;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.scaling.DataParallelScaling;
import org.cnnworkbench.engine.scaling.ScalingPoint;
import org.cnnworkbench.engine.scaling.ScalingSetup;
import org.cnnworkbench.engine.scaling.Scheme;
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
                "Example: workbench scaling squeezenet-v1.0 alexnet vgg16 --hardware titan-x --bandwidth 56"})
final class ScalingCommand implements Callable<Integer> {

    enum Format { table, csv }

    enum SchemeChoice { tree, server, both }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE-OR-SAMPLE",
            description = "one or more spec files or sample names, compared side by side")
    List<String> networks;

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

    @Option(names = "--workers", defaultValue = "128", description = "the largest N (default: ${DEFAULT-VALUE})")
    int workers;

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
        if (workers < 1 || workers > DataParallelScaling.MAX_WORKERS) {
            throw new UserException("--workers must be between 1 and " + DataParallelScaling.MAX_WORKERS + ", not "
                    + workers);
        }
        HardwareProfile hw = hardware == null ? null : HardwareSource.load(hardware);
        List<Scheme> schemes = switch (scheme) {
            case tree -> List.of(Scheme.REDUCTION_TREE);
            case server -> List.of(Scheme.PARAMETER_SERVER);
            case both -> List.of(Scheme.REDUCTION_TREE, Scheme.PARAMETER_SERVER);
        };
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
