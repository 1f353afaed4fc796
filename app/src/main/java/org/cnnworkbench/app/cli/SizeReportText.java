package org.cnnworkbench.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.compression.SizeBreakdown;
import org.cnnworkbench.engine.dl4j.CompressedModels;

/** The size report of a compressed run: bytes on disk per tensor and part, beside the predicted size. */
final class SizeReportText {

    private SizeReportText() {
    }

    static void print(CompressedModels.Report report, PrintWriter out) {
        SizeBreakdown sizes = report.sizes();
        TextTable table = new TextTable("tensor", "weights", "kept", "bits", "gap bits", "fillers", "codebook",
                "values/indices", "gaps", "of which fillers", "Huffman tables", "float32", "structure", "total");
        long codebook = 0;
        long values = 0;
        long gaps = 0;
        double fillers = 0;
        long tables = 0;
        long raw = 0;
        long structure = 0;
        for (SizeBreakdown.TensorSize t : sizes.tensors()) {
            boolean sparse = t.encoding() == org.cnnworkbench.engine.compression.Tensor.Encoding.SPARSE;
            table.row(t.name(), TextTable.count(t.weights()), sparse ? TextTable.count(t.kept()) : "",
                    sparse ? bits(t.bits(), t.indexHuffman()) : "", sparse && t.gapBits() > 0
                            ? bits(t.gapBits(), t.gapHuffman()) : "", sparse ? TextTable.count(t.fillers()) : "",
                    count(t.codebookBytes()), count(t.valueBytes() + t.indexBytes()), count(t.gapBytes()),
                    t.fillerGapBytes() > 0 ? String.format(Locale.ROOT, "%.1f", t.fillerGapBytes()) : "",
                    count(t.huffmanTableBytes()), count(t.rawBytes()), count(t.structureBytes()),
                    TextTable.count(t.totalBytes()));
            codebook += t.codebookBytes();
            values += t.valueBytes() + t.indexBytes();
            gaps += t.gapBytes();
            fillers += t.fillerGapBytes();
            tables += t.huffmanTableBytes();
            raw += t.rawBytes();
            structure += t.structureBytes();
        }
        out.println();
        out.println("compressed file " + CompressedModels.FILE + ": " + TextTable.count(report.fileBytes())
                + " bytes (" + report.approach() + " of " + report.network() + ", " + String.format(Locale.ROOT,
                "%.1fx", (double) report.originalBytes() / report.fileBytes()) + " smaller than its "
                + TextTable.count(report.originalBytes()) + " bytes of 32-bit parameters)");
        table.print(out);
        out.printf(Locale.ROOT, "parts: codebooks %s, weight values and indices %s, index gaps %s (filler zeros "
                        + "%.0f), Huffman tables %s, float32 parameters (biases, batch norm, dense layers) %s, tensor "
                        + "headers %s, file header %s, metadata (spec, classes, mean) %s, checksum %s%n",
                TextTable.count(codebook), TextTable.count(values), TextTable.count(gaps), fillers,
                TextTable.count(tables), TextTable.count(raw), TextTable.count(structure),
                TextTable.count(sizes.headerBytes()), TextTable.count(sizes.metadataBytes()),
                TextTable.count(sizes.checksumBytes()));
        out.printf(Locale.ROOT, "predicted from the settings before fine-tuning (no Huffman coding, no metadata): "
                + "%s bytes%n", TextTable.count(report.predicted().totalBytes()));
        out.flush();
    }

    private static String bits(int bits, boolean huffman) {
        return bits + (huffman ? " (Huffman)" : "");
    }

    private static String count(long n) {
        return n == 0 ? "" : TextTable.count(n);
    }
}
