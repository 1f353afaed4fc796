package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cnnworkbench.engine.data.ImageIndex;
import org.cnnworkbench.engine.dl4j.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench infer}: the top classes of images with a trained run's model. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Print the top classes with probabilities of images (JPEG, PNG; folders are searched "
                + "recursively) using a trained run directory's model and its training normalisation.")
final class InferCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "RUN-DIR|FILE",
            description = "a run directory written by workbench train or compress, or a compressed model file "
                    + "(model.cwbz)")
    Path model;

    @Option(names = {"-k", "--top"}, defaultValue = "5", paramLabel = "K",
            description = "how many classes to print (default: ${DEFAULT-VALUE})")
    int top;

    @Mixin
    UseEpochOption useEpoch;

    @Parameters(arity = "1..*", paramLabel = "IMAGE|FOLDER", description = "image files or folders")
    List<Path> inputs;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new UserException("--top must be at least 1, not " + top);
        }
        Predictor predictor;
        try {
            predictor = Predictor.load(model, useEpoch.choice());
        } catch (IOException e) {
            throw new UserException(e.getMessage());
        }
        List<Path> files = imageFiles(inputs);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        predictor.warnings().forEach(w -> err.println("workbench: warning: " + w));
        err.println("workbench: model: " + predictor.model());
        int predicted = 0;
        for (Predictor.Prediction p : predictor.predictFiles(files, top)) {
            if (p.error() != null) {
                err.println("workbench: warning: skipped " + p.source() + ": " + p.error());
                continue;
            }
            predicted++;
            out.println(p.source());
            int rank = 1;
            for (Predictor.ClassScore c : p.classes()) {
                out.printf(Locale.ROOT, "  %d. %-24s %7.3f%%%n", rank++, c.name(), 100 * c.probability());
            }
        }
        out.flush();
        err.flush();
        if (predicted == 0) {
            throw new UserException("no readable image among " + files.size() + " files");
        }
        return ExitCodes.OK;
    }

    static List<Path> imageFiles(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile).filter(ImageIndex::isImageFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UserException(input + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new UserException(input + ": no such file or folder");
            }
        }
        if (files.isEmpty()) {
            throw new UserException("no images (.jpg, .jpeg, .png) in " + inputs);
        }
        return files;
    }
}
