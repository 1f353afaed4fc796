package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model files of a run directory (checkpoints and {@code model.zip}, DL4J ModelSerializer zips): written
 * under a temporary name, read back and checked before they replace anything, and checked again before DL4J
 * reads them, so that a truncated or garbled file is an {@link IOException} naming it, never a DL4J exception or
 * a huge allocation from a garbled length.
 */
final class ModelFiles {

    static {
        Dl4jRuntime.configure();   // the fast-path properties before a model file makes ND4J load
    }

    private static final String CONFIGURATION = "configuration.json";
    private static final String COEFFICIENTS = "coefficients.bin";

    private ModelFiles() {
    }

    /**
     * Checks that {@code file} is a complete model zip: the archive opens, it holds the configuration and the
     * coefficients, and every entry's data has its recorded length and CRC-32 (this catches any flipped byte).
     *
     * @throws IOException naming the file and what is wrong
     */
    static void verify(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " is missing");
        }
        if (size == 0) {
            throw new IOException(file + " is empty (0 bytes)");
        }
        inspect(file, true);
    }

    /** Whether {@code file} exists and passes {@link #verify}. */
    static boolean isIntact(Path file) {
        try {
            verify(file);
            return true;
        } catch (IOException missingOrDamaged) {
            return false;
        }
    }

    /** Cheap structural check for listings: the archive's directory opens and names the model's entries. */
    static void checkStructure(Path file) throws IOException {
        inspect(file, false);
    }

    /**
     * Opens {@code file} as a zip that must hold the model's entries; with {@code everyEntry}, also reads every
     * entry and compares its length and CRC-32 with the recorded ones. Any problem is an IOException naming the file.
     */
    private static void inspect(Path file, boolean everyEntry) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry(CONFIGURATION) == null || zip.getEntry(COEFFICIENTS) == null) {
                throw new IOException(file + ": not a DL4J model (no " + CONFIGURATION + " and " + COEFFICIENTS
                        + " inside)");
            }
            if (everyEntry) {
                checkEveryEntry(zip, file);
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + " is missing");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IOException(file + ": damaged or truncated (" + RunFiles.firstLine(e) + ")");
        } catch (RuntimeException e) {
            throw new IOException(file + ": damaged (" + RunFiles.firstLine(e) + ")");
        }
    }

    private static void checkEveryEntry(ZipFile zip, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            CRC32 crc = new CRC32();
            long read = 0;
            try (InputStream in = zip.getInputStream(entry)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    crc.update(buffer, 0, n);
                    read += n;
                }
            }
            if ((entry.getSize() >= 0 && read != entry.getSize())
                    || (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc())) {
                throw new IOException(file + ": damaged (the data of " + entry.getName()
                        + " does not match its checksum)");
            }
        }
    }

    /** Verifies and loads a model zip ({@code withUpdater}: with its optimiser state, for training on). */
    static ComputationGraph load(Path file, boolean withUpdater) throws IOException {
        verify(file);
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), withUpdater);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a model DL4J can read (" + RunFiles.firstLine(e) + ")");
        }
    }

    /**
     * Checks that {@code graph} (read from {@code file}) takes one {@code channels x height x width} image in
     * {@code layout} and gives {@code classes} outputs, by classifying a blank image: a model that does not
     * belong to the run's spec.json or data.json is refused before it is used.
     */
    static void checkFits(ComputationGraph graph, Path file, int channels, int height, int width, String layout,
                          int classes, String against) throws IOException {
        long outputs;
        try {
            INDArray blank = Nd4j.zeros(DataType.FLOAT, 1, channels, height, width);
            INDArray out = graph.output(false, InputLayout.fromNchw(blank, layout))[0];
            outputs = InputLayout.toMatrix(out).size(1);
        } catch (RuntimeException e) {
            throw new IOException(file + " does not fit " + against + " (a " + channels + "x" + height + "x" + width
                    + " " + layout + " input): " + RunFiles.firstLine(e));
        }
        if (outputs != classes) {
            throw new IOException(file + " has " + outputs + " outputs but " + against + " has " + classes
                    + " classes");
        }
    }

    /**
     * Writes {@code graph} to {@code file} through a temporary file that is read back and verified before it
     * replaces {@code file}; on failure the temporary file is removed and {@code file} is left as it was.
     */
    static void write(ComputationGraph graph, Path file, boolean withUpdater) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            ModelSerializer.writeModel(graph, temp.toFile(), withUpdater);
            verify(temp);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new IOException("could not write " + file + " (" + RunFiles.firstLine(e) + "); "
                    + "the previous files are kept", e);
        }
        RunDirectory.move(temp, file);
    }
}
