package org.cnnworkbench.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.cnnworkbench.engine.dl4j.ConvertedGraph;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.Dl4jConverter;
import org.cnnworkbench.engine.dl4j.MemoryBudget;
import org.cnnworkbench.engine.dl4j.Trainer;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measured data-parallel scaling: trains a network for a few averaging rounds on {@code local[N]} with DL4J's
 * parameter averaging, for each N asked, and reports images/s, so that the measured speedup can be set beside the
 * scaling model's estimate ({@code workbench scaling --measure}, the scaling window). The batches are random images
 * of the network's input shape with random one-hot labels, exported once as serialized DataSets as a Spark run's
 * are: the time of a step does not depend on the pixel values. One round is untimed (JIT, oneDNN primitives).
 *
 * <pre>{@code
 * List<SparkScaling.Point> points = SparkScaling.measure(spec, List.of(1, 2), SparkScaling.Setup.defaults(), () -> false);
 * points.get(1).imagesPerSecond() / points.get(0).imagesPerSecond();   // measured speedup of 2 workers
 * }</pre>
 */
public final class SparkScaling {

    /**
     * How to measure.
     *
     * @param batch              images per batch of each worker
     * @param averagingFrequency batches each worker trains between two averagings
     * @param rounds             timed averaging rounds per N (one more runs untimed first)
     * @param seed               the weights' and the random data's seed
     */
    public record Setup(int batch, int averagingFrequency, int rounds, long seed) {

        public Setup {
            if (batch < 1 || averagingFrequency < 1 || rounds < 1) {
                throw new IllegalArgumentException("batch, averaging frequency and rounds must be at least 1, not "
                        + batch + ", " + averagingFrequency + ", " + rounds);
            }
        }

        /** Batch 32, averaging every 5 batches, 3 timed rounds. */
        public static Setup defaults() {
            return new Setup(32, 5, 3, 42);
        }

        /** Images each worker trains between two averagings: the batch of the scaling model's iteration. */
        public int imagesPerWorkerPerRound() {
            return batch * averagingFrequency;
        }
    }

    /**
     * One measured point.
     *
     * @param workers the N of local[N]
     * @param images  images trained in the timed rounds
     * @param seconds the timed rounds' wall time
     */
    public record Point(int workers, long images, double seconds) {

        public double imagesPerSecond() {
            return images / seconds;
        }

        /** Training seconds per image on one worker of this point (N / images/s). */
        public double secondsPerImagePerWorker() {
            return workers / imagesPerSecond();
        }
    }

    private SparkScaling() {
    }

    /**
     * Measures images/s of {@code spec} on {@code local[N]} for every N of {@code workers}, in that order, one Spark
     * context at a time. {@code cancelled} is checked between rounds (the points measured so far are returned).
     *
     * @throws Dl4jConversionException  if the network cannot be converted
     * @throws IllegalArgumentException if it is not a classifier (its output is not one score per class), or a
     *                                  worker count is below 1
     */
    public static List<Point> measure(NetworkSpec spec, List<Integer> workers, Setup setup, BooleanSupplier cancelled)
            throws Dl4jConversionException, IOException {
        for (int n : workers) {
            if (n < 1) {
                throw new IllegalArgumentException("a Spark measurement needs at least 1 worker, not " + n);
            }
        }
        ConvertedGraph converted = Dl4jConverter.convert(spec);
        MemoryBudget.requireFits(converted, setup.batch(), "training");
        if (converted.inputs().size() != 1 || converted.outputs().size() != 1
                || converted.activationShape(converted.outputs().get(0), 1).length != 2) {
            throw new IllegalArgumentException(spec.name() + ": measured scaling trains classifiers (one image "
                    + "input, one score per class out); this network's output is not that");
        }
        TrainingConfig config = TrainingConfig.defaults().withBatchSize(setup.batch()).withSeed(setup.seed());
        int most = workers.stream().mapToInt(Integer::intValue).max().orElse(1);
        Path dir = Files.createTempDirectory("workbench-scaling-");
        try {
            List<String> paths = writeBatches(converted, setup, most * setup.averagingFrequency() * (setup.rounds()
                    + 1), dir);
            List<Point> points = new ArrayList<>();
            for (int n : workers) {
                if (cancelled.getAsBoolean()) {
                    break;
                }
                Point p = measureOne(Trainer.newGraph(converted, config), n, setup, paths, cancelled);
                if (p == null) {
                    break;
                }
                points.add(p);
            }
            return points;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static List<String> writeBatches(ConvertedGraph converted, Setup setup, int count, Path dir)
            throws IOException {
        Nd4j.getRandom().setSeed(setup.seed());
        long[] inputShape = converted.activationShape(converted.inputs().get(0), setup.batch());
        int classes = (int) converted.activationShape(converted.outputs().get(0), 1)[1];
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            INDArray features = Nd4j.rand(DataType.FLOAT, inputShape);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, setup.batch(), classes);
            for (int row = 0; row < setup.batch(); row++) {
                labels.putScalar(row, Nd4j.getRandom().nextInt(classes), 1f);
            }
            Path file = dir.resolve(String.format("batch-%05d.bin", i));
            new DataSet(features, labels).save(file.toFile());
            paths.add(file.toUri().toString());
        }
        return paths;
    }

    private static Point measureOne(ComputationGraph graph, int workers, Setup setup, List<String> paths,
                                    BooleanSupplier cancelled) {
        SparkConf conf = SparkEpochFit.conf("local[" + workers + "]", true, "CNN Workbench scaling");
        try (JavaSparkContext context = new JavaSparkContext(conf)) {
            ParameterAveragingTrainingMaster master = SparkEpochFit.averaging(workers, setup.batch(),
                    setup.averagingFrequency(), setup.seed());
            SparkComputationGraph network = new SparkComputationGraph(context, graph, master);
            int perRound = workers * setup.averagingFrequency();
            long start = 0;
            for (int r = 0; r <= setup.rounds(); r++) {
                if (cancelled.getAsBoolean()) {
                    return null;
                }
                if (r == 1) {
                    start = System.nanoTime();
                }
                network.fitPaths(context.parallelize(paths.subList(r * perRound, (r + 1) * perRound), workers));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Point(workers, (long) setup.rounds() * perRound * setup.batch(), seconds);
        }
    }
}
