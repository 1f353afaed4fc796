package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.report.SizeReportText;
import org.cnnworkbench.app.report.SvdLayers;
import org.cnnworkbench.engine.compression.CompressionDefaults;
import org.cnnworkbench.engine.compression.CompressionPlan;
import org.cnnworkbench.engine.compression.CompressionPlanJson;
import org.cnnworkbench.engine.compression.LayerPlan;
import org.cnnworkbench.engine.dl4j.CompressedModels;
import org.cnnworkbench.engine.dl4j.CompressionJob;
import org.cnnworkbench.engine.dl4j.Compressor;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.ModelChoice;
import org.cnnworkbench.engine.dl4j.RunDirectory;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.model.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench compress}: SVD, pruning, weight sharing and Huffman coding of a trained run. */
@Command(name = "compress", mixinStandardHelpOptions = true,
        description = {"Compress a trained run into a new run directory: low-rank factorisation (svd), magnitude "
                + "pruning with fine-tuning (prune), trained weight sharing (quantize) and Huffman coding (huffman), "
                + "alone or chained in that order; the result is a run (runs, infer) with the compressed file "
                + "model.cwbz and its size per layer and part (docs/compression.md).",
                "Per-layer settings default to the published ones (Deep Compression's AlexNet table, the SqueezeNet "
                + "paper's densities at 6 bits for Fire networks); --target-size or --max-loss chooses them from a "
                + "per-layer sensitivity analysis instead.",
                "Ctrl+C finishes the current batch; --resume continues. Exit status: 0 done, 2 bad input, 3 the "
                + "loss diverged, 130/143 stopped."})
final class CompressCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "RUN-DIR", description = "the trained run to compress")
    Path model;

    @Option(names = "--methods", split = ",", paramLabel = "METHOD", defaultValue = "prune,quantize,huffman",
            description = "svd, prune, quantize, huffman, comma-separated (default: ${DEFAULT-VALUE}, Deep "
                    + "Compression)")
    List<String> methods;

    @Option(names = "--plan", paramLabel = "FILE", description = "per-layer densities, bits and gap widths (a "
            + "compression plan JSON file; default: the published settings for the network)")
    Path planFile;

    @Option(names = "--density", paramLabel = "LAYER=D", description = "the fraction of LAYER's weights kept, "
            + "e.g. fc6=0.09 (repeatable)")
    Map<String, Double> densities = new LinkedHashMap<>();

    @Option(names = "--bits", paramLabel = "LAYER=B", description = "bits of LAYER's shared-weight index, e.g. "
            + "conv1=8 (repeatable)")
    Map<String, Integer> bits = new LinkedHashMap<>();

    @Option(names = "--gap-bits", paramLabel = "G", description = "width of the relative index of every layer "
            + "(default: 4, docs/compression.md)")
    Integer gapBits;

    @Option(names = "--svd", paramLabel = "LAYER=R", description = "factorise LAYER at rank R, or at the rank "
            + "that keeps the fraction R < 1 of its squared singular values (repeatable; default with svd: "
            + "every fc layer but the last at 0.8 of its energy)")
    Map<String, Double> svd = new LinkedHashMap<>();

    @Option(names = "--svd-epochs", defaultValue = "1", paramLabel = "E",
            description = "fine-tuning epochs after the factorisation (default: ${DEFAULT-VALUE})")
    int svdEpochs;

    @Option(names = "--prune-epochs", defaultValue = "2", paramLabel = "E",
            description = "fine-tuning epochs with the pruned weights held at zero, pruning one step further at the "
                    + "start of each, to the planned density at the last (default: ${DEFAULT-VALUE})")
    int pruneEpochs;

    @Option(names = "--quantize-epochs", defaultValue = "1", paramLabel = "E",
            description = "fine-tuning epochs of the shared weights (default: ${DEFAULT-VALUE})")
    int quantizeEpochs;

    @Option(names = "--lr", defaultValue = "0.0001", paramLabel = "RATE",
            description = "learning rate of the fine-tuning (constant; default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--centroid-lr", defaultValue = "0.00001", paramLabel = "RATE", description = "step of the "
            + "centroids' gradient descent (the sum of their weights' gradients; default: ${DEFAULT-VALUE})")
    double centroidLr;

    @Option(names = "--batch", defaultValue = "0", paramLabel = "B", description = "batch size (0: the run's)")
    int batch;

    @Option(names = "--train-limit", defaultValue = "0", paramLabel = "N",
            description = "at most N training images per fine-tuning epoch (0: the run's data)")
    int trainLimit;

    @Option(names = "--val-limit", defaultValue = "0", paramLabel = "N",
            description = "at most N validation images (0: the run's data)")
    int valLimit;

    @Option(names = "--target-size", paramLabel = "SIZE", description = "choose per-layer densities so that the "
            + "estimated file is at most SIZE (bytes, or with kB, MB, KiB, MiB), from a sensitivity analysis")
    String targetSize;

    @Option(names = "--max-loss", paramLabel = "POINTS", description = "choose per layer the smallest density "
            + "whose measured top-1 loss, that layer alone, is at most POINTS percentage points")
    Double maxLoss;

    @Option(names = "--sensitivity", paramLabel = "CSV", description = "the curves of an earlier `workbench "
            + "sensitivity` run for --target-size / --max-loss (default: measure them now)")
    Path sensitivityFile;

    @Option(names = "--sensitivity-limit", defaultValue = "2000", paramLabel = "N", description = "validation "
            + "images per sensitivity point when measuring them now (default: ${DEFAULT-VALUE})")
    int sensitivityLimit;

    @Option(names = {"-o", "--out"}, paramLabel = "RUN-DIR", description = "the run directory to create")
    Path out;

    @Mixin
    UseEpochOption useEpoch;

    @Option(names = "--resume", paramLabel = "RUN-DIR", description = "continue a compressed run")
    Path resume;

    @Option(names = "--plain", description = "no progress bar, even on a terminal")
    boolean plain;

    @Override
    public Integer call() {
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingProgress progress = new TrainingProgress(outWriter, err, !plain && System.console() != null);
        Path runDir = resume != null ? resume : out;
        try (SignalStop stop = SignalStop.install("compress")) {
            RunSummary summary;
            if (resume != null) {
                summary = Compressor.resume(resume, progress, stop.cancel());
            } else {
                if (model == null || out == null) {
                    throw new UserException("compress needs --model RUN-DIR and --out RUN-DIR (or --resume RUN-DIR)");
                }
                CompressionJob job = job(outWriter, err, stop);
                if (job == null) {
                    return ExitCodes.CANCELLED;
                }
                int best = new RunDirectory(model).bestEpoch();
                outWriter.println(job.sourceModel() == ModelChoice.BEST && best > 0
                        ? "compressing epoch " + best + " of " + model + ", the best validation top-1 (--use-epoch "
                                + "last for the last)"
                        : "compressing the last completed epoch of " + model);
                summary = Compressor.compress(model, job, new Compressor.FineTune(lr, trainLimit, valLimit, batch),
                        out, progress, stop.cancel());
            }
            progress.clearLine();
            int status = TrainCommand.report(summary, runDir, outWriter, err, "compress");
            if (summary.status() == RunSummary.Status.COMPLETED) {
                SizeReportText.print(CompressedModels.readReport(runDir), outWriter);
            }
            return status;
        } catch (Dl4jConversionException | IllegalArgumentException | IOException e) {
            throw new UserException(e.getMessage());
        }
    }

    private CompressionJob job(PrintWriter outWriter, PrintWriter err, SignalStop stop)
            throws IOException, Dl4jConversionException {
        List<CompressionJob.Method> chosen = new ArrayList<>();
        for (String m : methods) {
            try {
                chosen.add(CompressionJob.Method.valueOf(m.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UserException("unknown method '" + m + "'; the methods are svd, prune, quantize, huffman");
            }
        }
        RunDirectory source = new RunDirectory(model);
        source.requireRun();
        NetworkSpec network = source.spec();
        CompressionPlan plan = basePlan(network);
        boolean chooses = targetSize != null || maxLoss != null;
        if (chooses) {
            if (targetSize != null && maxLoss != null) {
                throw new UserException("give --target-size or --max-loss, not both");
            }
            if (!chosen.contains(CompressionJob.Method.PRUNE)) {
                throw new UserException("--target-size and --max-loss choose pruning densities: add prune to --methods");
            }
            plan = PlanChoice.choose(model, useEpoch.choice(), network, plan, targetSize, maxLoss, sensitivityFile,
                    sensitivityLimit, outWriter, err, stop.cancel());
            if (plan == null) {
                return null;
            }
        }
        Map<String, Double> svdLayers = new LinkedHashMap<>(svd);
        if (chosen.contains(CompressionJob.Method.SVD) && svdLayers.isEmpty()) {
            svdLayers.putAll(SvdLayers.defaults(network));
            if (svdLayers.isEmpty()) {
                throw new UserException("svd: the network has no fully connected layer before its last one; name "
                        + "layers with --svd LAYER=RANK");
            }
        }
        return new CompressionJob(null, null, 0, chosen, svdLayers,
                chosen.contains(CompressionJob.Method.PRUNE) || chosen.contains(CompressionJob.Method.QUANTIZE)
                        ? List.copyOf(plan.layers().values()) : List.of(),
                chosen.contains(CompressionJob.Method.SVD) ? svdEpochs : 0,
                chosen.contains(CompressionJob.Method.PRUNE) ? pruneEpochs : 0,
                chosen.contains(CompressionJob.Method.QUANTIZE) ? quantizeEpochs : 0, centroidLr, useEpoch.choice());
    }

    private CompressionPlan basePlan(NetworkSpec network) {
        CompressionPlan plan;
        if (planFile != null) {
            try {
                plan = CompressionPlanJson.read(planFile);
            } catch (SpecFormatException e) {
                throw new UserException(e.getMessage());
            }
        } else {
            plan = CompressionDefaults.forSpec(network);
        }
        for (var e : densities.entrySet()) {
            plan = plan.with(layer(plan, e.getKey()).withDensity(e.getValue()));
        }
        for (var e : bits.entrySet()) {
            plan = plan.with(layer(plan, e.getKey()).withBits(e.getValue()));
        }
        if (gapBits != null) {
            for (LayerPlan p : List.copyOf(plan.layers().values())) {
                plan = plan.with(p.withGapBits(gapBits));
            }
        }
        List<CompressionPlan.Problem> problems = plan.validate(network);
        if (!problems.isEmpty()) {
            throw new UserException(problems.get(0).toString());
        }
        return plan;
    }

    private static LayerPlan layer(CompressionPlan plan, String id) {
        try {
            return plan.layer(id).orElseGet(() -> new LayerPlan(id, 1.0, LayerPlan.FLOAT32,
                    CompressionDefaults.GAP_BITS));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }
}
