package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.compression.CompressedSizeEstimate;
import org.cnnworkbench.engine.compression.CompressionPlan;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * The talk's comparison table built from real runs: per run its approach (none, SVD, pruning, Deep Compression,
 * ...), architecture, original size (the architecture's parameters at 32 bits), compressed size (bytes of
 * {@code model.cwbz} on disk; a run without compression: its parameters at 32 bits), the reduction against the
 * baseline's original size, and its measured top-1 / top-5. Analytic rows (a spec and a plan, no training) can
 * be added.
 *
 * <pre>{@code
 * List<ModelComparison.Row> rows = ModelComparison.ofRuns(List.of(alexRun, alexDc, sqRun, sqDc));
 * rows.get(3).reduction();     // the baseline's 32-bit size / this model's compressed bytes
 * }</pre>
 */
public final class ModelComparison {

    /**
     * One row.
     *
     * @param run the run directory (null for an analytic row)
     * @param approach "none" or the compression methods ("pruning", "Deep Compression", "SVD", ...)
     * @param architecture the network's name
     * @param originalBytes the architecture's parameters at 32 bits
     * @param compressedBytes the model's bytes: the compressed file on disk, or the parameters at 32 bits
     * @param fileBytes the model file on disk (model.cwbz, else model.zip; 0 if none; for analytic rows the
     *                  estimate)
     * @param params the model's parameters (after factorisation, before pruning)
     * @param reduction the baseline's original bytes / compressed bytes
     * @param top1 measured top-1 (NaN if not measured): a trained run's best epoch's (its last epoch's if it
     *             records no best), a compressed run's last epoch's
     * @param top5 measured top-5 (NaN if not measured), of the same epoch
     * @param analytic whether the row is computed from a spec and a plan, not measured
     * @param validationSet the images top-1 and top-5 were measured on ("10,000 images of fashion-mnist"); null
     *                      for an analytic row, or when the run's data description cannot be read
     */
    public record Row(Path run, String approach, String architecture, long originalBytes, long compressedBytes,
                      long fileBytes, long params, double reduction, double top1, double top5, boolean analytic,
                      String validationSet) {
    }

    private ModelComparison() {
    }

    /**
     * The rows of {@code runs}, in the order given; the first run is the baseline.
     *
     * @throws IOException naming a run that cannot be read
     */
    public static List<Row> ofRuns(List<Path> runs) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Path run : runs) {
            rows.add(row(run));
        }
        return withReduction(rows, rows.isEmpty() ? 0 : rows.get(0).originalBytes());
    }

    /** {@code rows} with the reduction recomputed against {@code baselineBytes}. */
    public static List<Row> withReduction(List<Row> rows, long baselineBytes) {
        return rows.stream().map(r -> new Row(r.run(), r.approach(), r.architecture(), r.originalBytes(),
                r.compressedBytes(), r.fileBytes(), r.params(), r.compressedBytes() == 0 ? Double.NaN
                : (double) baselineBytes / r.compressedBytes(), r.top1(), r.top5(), r.analytic(),
                r.validationSet())).toList();
    }

    /** The row of one run directory (reduction not yet set). */
    public static Row row(Path dir) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        run.requireRun();
        NetworkSpec spec = run.spec();
        RunSummary summary = run.summary().orElseThrow(() -> new IOException(dir
                + " has not finished (no summary.json); finish it first (train --resume or compress --resume)"));
        if (Compressor.isCompressedRun(dir)) {
            CompressionJob job = Compressor.readJob(dir);
            Path file = dir.resolve(CompressedModels.FILE);
            if (!Files.isRegularFile(file)) {
                throw new IOException(dir + " has no " + CompressedModels.FILE + " (the compression has not "
                        + "completed; compress --resume " + dir + ")");
            }
            long bytes = Files.size(file);
            return new Row(dir, job.approach(), job.sourceNetwork(), 4 * job.sourceParams(), bytes, bytes,
                    summary.params(), Double.NaN, summary.top1(), summary.top5(), false, validationSet(run, summary));
        }
        long file = Files.isRegularFile(run.modelFile()) ? Files.size(run.modelFile()) : 0;
        // the model compression starts from by default (ModelChoice.BEST): the best epoch where one is recorded
        boolean best = summary.hasBest();
        return new Row(dir, "none", spec.name(), 4 * summary.params(), 4 * summary.params(), file, summary.params(),
                Double.NaN, best ? summary.bestTop1() : summary.top1(), best ? summary.bestTop5() : summary.top5(),
                false, validationSet(run, summary));
    }

    /**
     * A warning when the measured rows' accuracies come from different validation sets (another count of images,
     * or other data), so they cannot be compared point for point; empty when they share one, or when fewer than
     * two rows were measured. Rows without a {@link Row#validationSet} are left out.
     */
    public static java.util.Optional<String> validationMismatch(List<Row> rows) {
        java.util.Map<String, List<String>> bySet = new java.util.LinkedHashMap<>();
        for (Row r : rows) {
            if (r.validationSet() != null) {
                bySet.computeIfAbsent(r.validationSet(), k -> new ArrayList<>())
                        .add(String.valueOf(r.run().getFileName()));
            }
        }
        if (bySet.size() < 2) {
            return java.util.Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        bySet.forEach((set, runs) -> parts.add(String.join(", ", runs) + ": " + set));
        return java.util.Optional.of("top-1 and top-5 were measured on different validation sets ("
                + String.join("; ", parts) + "); compare accuracies measured on the same images");
    }

    /** What {@code summary}'s accuracies were measured on; null if the run's data description cannot be read. */
    private static String validationSet(RunDirectory run, RunSummary summary) {
        try {
            DataSpec data = run.dataInfo().data();
            return String.format(java.util.Locale.ROOT, "%,d images of %s", summary.valImages(),
                    data.fashionDir() != null ? data.fashionDir() : data.source());
        } catch (IOException | RuntimeException e) {
            return null;   // the comparison leaves the run out of the check rather than refusing its row
        }
    }

    /**
     * An analytic row: {@code spec} compressed with {@code plan}, before Huffman coding (CompressedSizeEstimate).
     */
    public static Row analytic(NetworkSpec spec, CompressionPlan plan, String approach) {
        CompressedSizeEstimate estimate = CompressedSizeEstimate.of(spec, plan);
        return new Row(null, approach, spec.name(), estimate.denseBytes(), estimate.totalBytes(),
                estimate.totalBytes(), estimate.denseBytes() / 4, Double.NaN, Double.NaN, Double.NaN, true, null);
    }

    /** The baseline row of an analytic comparison: {@code spec} at 32 bits. */
    public static Row analyticDense(NetworkSpec spec) {
        CompressedSizeEstimate estimate = CompressedSizeEstimate.of(spec, CompressionPlan.empty());
        return new Row(null, "none", spec.name(), estimate.denseBytes(), estimate.denseBytes(),
                estimate.denseBytes(), estimate.denseBytes() / 4, Double.NaN, Double.NaN, Double.NaN, true, null);
    }
}
