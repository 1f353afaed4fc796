package org.cnnworkbench.app.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.cnnworkbench.engine.compression.SizeBreakdown;
import org.cnnworkbench.engine.compression.Tensor;
import org.cnnworkbench.engine.dl4j.CompressedModels;

/**
 * The size report of a compressed run: bytes on disk per tensor and part, beside the predicted size. The CLI
 * prints it as text; the Compress window shows the same cells ({@link #COLUMNS}, {@link #cells}) in a table.
 */
public final class SizeReportText {

    /** The columns of the per-tensor table. */
    public static final List<String> COLUMNS = List.of("tensor", "weights", "kept", "bits", "gap bits", "fillers",
            "codebook", "values/indices", "gaps", "of which fillers", "Huffman tables", "float32", "structure",
            "total");

    private SizeReportText() {
    }

    public static void print(CompressedModels.Report report, PrintWriter out) {
        TextTable table = new TextTable(COLUMNS.toArray(String[]::new));
        for (SizeBreakdown.TensorSize t : report.sizes().tensors()) {
            table.row(cells(t).toArray(String[]::new));
        }
        out.println();
        out.println(headline(report));
        table.print(out);
        out.println(parts(report));
        out.println(predicted(report));
        out.flush();
    }

    /** One tensor's cells, in the order of {@link #COLUMNS}. */
    public static List<String> cells(SizeBreakdown.TensorSize t) {
        boolean sparse = t.encoding() == Tensor.Encoding.SPARSE;
        return List.of(t.name(), TextTable.count(t.weights()), sparse ? TextTable.count(t.kept()) : "",
                sparse ? bits(t.bits(), t.indexHuffman()) : "", sparse && t.gapBits() > 0
                        ? bits(t.gapBits(), t.gapHuffman()) : "", sparse ? TextTable.count(t.fillers()) : "",
                count(t.codebookBytes()), count(t.valueBytes() + t.indexBytes()), count(t.gapBytes()),
                t.fillerGapBytes() > 0 ? String.format(Locale.ROOT, "%.1f", t.fillerGapBytes()) : "",
                count(t.huffmanTableBytes()), count(t.rawBytes()), count(t.structureBytes()),
                TextTable.count(t.totalBytes()));
    }

    /** "compressed file model.cwz: 12,345 bytes (Deep Compression of ..., 9.8x smaller than ...)". */
    public static String headline(CompressedModels.Report report) {
        return "compressed file " + CompressedModels.FILE + ": " + TextTable.count(report.fileBytes())
                + " bytes (" + report.approach() + " of " + report.network() + ", " + String.format(Locale.ROOT,
                "%.1fx", (double) report.originalBytes() / report.fileBytes()) + " smaller than its "
                + TextTable.count(report.originalBytes()) + " bytes of 32-bit parameters)";
    }

    /** The file's bytes per part, summed over the tensors. */
    public static String parts(CompressedModels.Report report) {
        SizeBreakdown sizes = report.sizes();
        long codebook = 0;
        long values = 0;
        long gaps = 0;
        double fillers = 0;
        long tables = 0;
        long raw = 0;
        long structure = 0;
        for (SizeBreakdown.TensorSize t : sizes.tensors()) {
            codebook += t.codebookBytes();
            values += t.valueBytes() + t.indexBytes();
            gaps += t.gapBytes();
            fillers += t.fillerGapBytes();
            tables += t.huffmanTableBytes();
            raw += t.rawBytes();
            structure += t.structureBytes();
        }
        return String.format(Locale.ROOT, "parts: codebooks %s, weight values and indices %s, index gaps %s (filler "
                        + "zeros %.0f), Huffman tables %s, float32 parameters (biases, batch norm, dense layers) %s, "
                        + "tensor headers %s, file header %s, metadata (spec, classes, mean) %s, checksum %s",
                TextTable.count(codebook), TextTable.count(values), TextTable.count(gaps), fillers,
                TextTable.count(tables), TextTable.count(raw), TextTable.count(structure),
                TextTable.count(sizes.headerBytes()), TextTable.count(sizes.metadataBytes()),
                TextTable.count(sizes.checksumBytes()));
    }

    /** The size predicted from the settings, for comparison with the file. */
    public static String predicted(CompressedModels.Report report) {
        return "predicted from the settings before fine-tuning (no Huffman coding, no metadata): "
                + TextTable.count(report.predicted().totalBytes()) + " bytes";
    }

    private static String bits(int bits, boolean huffman) {
        return bits + (huffman ? " (Huffman)" : "");
    }

    private static String count(long n) {
        return n == 0 ? "" : TextTable.count(n);
    }
}
