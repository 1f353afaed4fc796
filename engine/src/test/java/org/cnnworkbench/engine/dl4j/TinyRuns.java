package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.cnnworkbench.engine.data.IdxFiles;
import org.cnnworkbench.engine.model.Shape;

/** A real run directory made quickly: {@link TrainerTest#tinySpec} trained for 2 epochs on 40 IDX images. */
final class TinyRuns {

    private TinyRuns() {
    }

    /** Writes the IDX files (40 training and 20 test images, label i % 10) and trains a 2-epoch run. */
    static Path train(Path dir) throws Exception {
        Path idx = IdxFiles.learnableFashionMnist(dir.resolve("idx"), 40, 20);
        TrainingData data = TrainingData.open(new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 0, 0, 0, 0, true),
                new Shape.FeatureMap(1, 28, 28));
        Path run = dir.resolve("run");
        Trainer.train(TrainerTest.tinySpec(10), data, TrainingConfig.defaults().withEpochs(2).withBatchSize(20),
                run, new TrainingListener() { }, new AtomicBoolean());
        return run;
    }

    /** A copy of the run directory {@code from} at {@code to}. */
    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** A listener that cancels the run as soon as one batch is trained (resume checks cost one batch). */
    static TrainingListener cancelAfterOneBatch(AtomicBoolean cancel, java.util.List<String> warnings) {
        return new TrainingListener() {
            @Override
            public void progress(Progress p) {
                cancel.set(true);
            }

            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };
    }
}
