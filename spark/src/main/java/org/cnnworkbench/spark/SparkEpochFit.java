package org.cnnworkbench.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.cnnworkbench.engine.dl4j.Dl4jRuntime;
import org.cnnworkbench.engine.dl4j.EpochFit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.repartitioner.EqualRepartitioner;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * Trains each epoch on Spark with DL4J's parameter averaging or gradient sharing: the training batches are exported once to a
 * directory of serialized DataSets ({@code batches.txt} lists them with their sizes), then every epoch trains them
 * in a new order, {@code workers x averagingFrequency} batches at a time (one averaging round per call, so that
 * progress, the loss guard and a stop are checked between rounds). The driver's graph holds the averaged
 * parameters after each round; validation and checkpoints stay with {@link org.cnnworkbench.engine.dl4j.Trainer}.
 * Close it to stop the Spark context.
 */
public final class SparkEpochFit implements EpochFit, AutoCloseable {

    /** The list of exported batches: one line per file, "examples file-name". */
    public static final String INDEX = "batches.txt";

    private static final String AERON_UNBLOCK = "aeron.publication.unblock.timeout";
    private static final String AERON_DELETE_DIR = "aeron.dir.delete.on.shutdown";

    private final SparkSettings settings;
    private final Path batchDir;
    private final long seed;
    private JavaSparkContext context;
    private SparkComputationGraph network;
    private List<String> files;
    private List<Integer> sizes;

    public SparkEpochFit(SparkSettings settings, Path batchDir, long seed) {
        this.settings = settings;
        this.batchDir = batchDir;
        this.seed = seed;
    }

    /** Starts the Spark context now (a bad master URL fails here). */
    public void start() {
        if (context != null) {
            return;
        }
        SparkConf conf = conf(settings.master(), settings.isLocal(), "CNN Workbench training");
        try {
            context = new JavaSparkContext(conf);
        } catch (Exception e) {   // Scala throws the checked SparkException undeclared
            throw new IllegalArgumentException("cannot start Spark with master '" + settings.master() + "': "
                    + rootMessage(e), e);
        }
    }

    /**
     * Runs a task on each worker, before any training there, that sets up its JVM as this program's ({@link
     * #setUpJvm()}: DL4J's oneDNN fast path, Aeron's settings), and returns the fast path each executor then has.
     * Set up first, an executor JVM loads ND4J with oneDNN when DL4J's training reaches it. Spark places tasks
     * itself: {@code 2 x workers} tasks reach every executor of a cluster whose workers are idle, not certainly
     * each one.
     */
    public List<WorkerFastPath> workerFastPath() {
        start();
        int tasks = 2 * settings.workers();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            ids.add(i);
        }
        return context.parallelize(ids, tasks).map(i -> {
            setUpJvm();
            Dl4jRuntime.FastPathStatus status = Dl4jRuntime.fastPathStatus();
            String executor = org.apache.spark.SparkEnv.get().executorId() + " on "
                    + java.net.InetAddress.getLocalHost().getHostName();
            return new WorkerFastPath(executor, status.engaged(), status.describe());
        }).distinct().collect();
    }

    /** Held: java.util.logging keeps loggers weakly, and a collected logger would forget its level. */
    private static final java.util.logging.Logger SPARK_UTILS = java.util.logging.Logger.getLogger(
            "org.apache.spark.util.Utils");

    /**
     * Spark's configuration for {@code master}, without its web UI. For a local[N] master ({@code local}) the driver
     * binds to 127.0.0.1, so Spark's warning that this machine's host name resolves to a loopback address (and its
     * advice to set SPARK_LOCAL_IP) does not apply and is not shown. On a cluster that warning matters and stays.
     */
    static SparkConf conf(String master, boolean local, String appName) {
        if (local) {
            SPARK_UTILS.setLevel(java.util.logging.Level.SEVERE);   // before SparkConf, which may warn already
        }
        SparkConf conf = new SparkConf().setMaster(master).setAppName(appName).set("spark.ui.enabled", "false");
        return local ? conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1") : conf;
    }

    /**
     * DL4J's parameter averaging for {@code workers} workers, each training {@code averagingFrequency} batches of
     * {@code batchSize} (the size of one exported file; a worker re-batches what it reads to batchSizePerWorker)
     * between two averagings of parameters and updater state.
     */
    static ParameterAveragingTrainingMaster averaging(int workers, int batchSize, int averagingFrequency, long seed) {
        return new ParameterAveragingTrainingMaster.Builder(workers, batchSize)
                .batchSizePerWorker(batchSize)
                .averagingFrequency(averagingFrequency)
                .saveUpdater(true)
                .workerPrefetchNumBatches(0)
                .rngSeed(seed)
                .build();
    }

    /**
     * What DL4J needs in each JVM that trains, the driver's and every executor's, before it first loads ND4J or
     * starts Aeron: the oneDNN fast path ({@code Dl4jRuntime}), and for gradient sharing an Aeron publication
     * unblock timeout above the 30 s client liveness timeout that DL4J's transport sets (Aeron's default, 15 s, is
     * below it, and its media driver then refuses to start), and Aeron's directory in /dev/shm deleted when the
     * JVM ends (8 MB per run otherwise).
     */
    static void setUpJvm() {
        Dl4jRuntime.configure();
        if (System.getProperty(AERON_UNBLOCK) == null) {
            System.setProperty(AERON_UNBLOCK, "60000000000");
        }
        if (System.getProperty(AERON_DELETE_DIR) == null) {
            System.setProperty(AERON_DELETE_DIR, "true");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public Outcome fit(ComputationGraph graph, int epoch, Iterator<DataSet> batches, int batchCount, BatchCheck check,
                       AtomicBoolean cancel) throws IOException {
        exportOnce(batches);
        start();
        if (network == null || network.getNetwork() != graph) {
            network = new SparkComputationGraph(context, graph, trainingMaster(Collections.max(sizes)));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
        int round = settings.workers() * settings.averagingFrequency();
        int rounds = (order.size() + round - 1) / round;
        long images = 0;
        double lossSum = 0;
        for (int r = 0; r < rounds; r++) {
            if (cancel.get()) {
                return new Outcome(images, lossSum, true, r, null);
            }
            List<String> paths = new ArrayList<>();
            long roundImages = 0;
            for (int i = r * round; i < Math.min(order.size(), (r + 1) * round); i++) {
                paths.add(batchDir.resolve(files.get(order.get(i))).toUri().toString());
                roundImages += sizes.get(order.get(i));
            }
            network.fitPaths(context.parallelize(paths, Math.min(settings.workers(), paths.size())));
            // SharedTrainingMaster reports no score (always 0): the driver scores the round's first batch, as a
            // training score (batch statistics and dropout, as DL4J's workers report it): the driver's batch-norm
            // running statistics are not shared and stay stale until the epoch's re-estimate; on a copy, so that
            // scoring changes nothing of the model
            double loss = settings.mode() == SparkSettings.Mode.SHARING
                    ? graph.clone().score(load(batchDir.resolve(files.get(order.get(r * round)))), true)
                    : network.getScore();
            String problem = check.afterBatch(r + 1, rounds, loss, images + roundImages);
            if (problem != null) {
                return new Outcome(images, lossSum, false, r + 1, problem);
            }
            images += roundImages;
            lossSum += loss * roundImages;
        }
        return new Outcome(images, lossSum, false, rounds, null);
    }

    /**
     * DL4J's training master for the settings. Each file is one batch: a worker re-batches what it reads to
     * batchSizePerWorker, so that is the exported batch size {@code batchSize}.
     */
    private TrainingMaster<?, ?> trainingMaster(int batchSize) {
        if (settings.mode() == SparkSettings.Mode.AVERAGING) {
            return averaging(settings.workers(), batchSize, settings.averagingFrequency(), seed);
        }
        setUpJvm();
        String driver = context.getConf().get("spark.driver.host", "127.0.0.1");
        VoidConfiguration.VoidConfigurationBuilder transport = VoidConfiguration.builder()
                .controllerAddress(driver)
                .portSupplier(new ExecutorPortSupplier());
        // each executor announces the address of its interface on the driver's subnet (in local[N], 127.0.0.1);
        // without a mask DL4J takes $DL4J_VOID_IP, or else warns and takes localhost, which no other machine reaches
        String mask = subnetOf(driver);
        if (mask != null) {
            transport.networkMask(mask);
        }
        // in local[N] every worker is a thread of this JVM's one shared-training wrapper; on a cluster, one
        // training thread per executor
        return new SharedTrainingMaster.Builder(transport.build(), batchSize)
                .thresholdAlgorithm(new AdaptiveThresholdAlgorithm(settings.threshold()))
                .batchSizePerWorker(batchSize)
                .workersPerNode(settings.isLocal() ? settings.workers() : 1)
                .workerPrefetchNumBatches(0)
                .rngSeed(seed)
                // one partition per worker: with DL4J's default (a partition per batch) training hangs
                .repartitioner(new EqualRepartitioner())
                .build();
    }

    /**
     * The IPv4 subnet, as {@code a.b.c.d/n}, of this machine's interface that holds {@code host}'s address; null
     * when {@code host} is not an IPv4 address of one of this machine's interfaces.
     */
    static String subnetOf(String host) {
        try {
            java.net.InetAddress address = java.net.InetAddress.getByName(host);
            java.net.NetworkInterface nic = java.net.NetworkInterface.getByInetAddress(address);
            if (!(address instanceof java.net.Inet4Address) || nic == null) {
                return null;
            }
            for (java.net.InterfaceAddress a : nic.getInterfaceAddresses()) {
                if (a.getAddress().equals(address)) {
                    int prefix = a.getNetworkPrefixLength();
                    int bits = java.nio.ByteBuffer.wrap(address.getAddress()).getInt();
                    int network = prefix == 0 ? 0 : bits & (-1 << (32 - prefix));
                    return String.format("%d.%d.%d.%d/%d", network >>> 24, (network >>> 16) & 255,
                            (network >>> 8) & 255, network & 255, prefix);
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static DataSet load(Path file) {
        DataSet ds = new DataSet();
        ds.load(file.toFile());
        return ds;
    }

    /** Writes the batches of {@code batches} to the batch directory, unless it already holds a complete export. */
    private void exportOnce(Iterator<DataSet> batches) throws IOException {
        if (files != null) {
            return;
        }
        Path index = batchDir.resolve(INDEX);
        files = new ArrayList<>();
        sizes = new ArrayList<>();
        if (Files.isRegularFile(index)) {
            for (String line : Files.readAllLines(index)) {
                String[] parts = line.trim().split(" ", 2);
                if (parts.length == 2 && Files.isRegularFile(batchDir.resolve(parts[1]))) {
                    sizes.add(Integer.parseInt(parts[0]));
                    files.add(parts[1]);
                } else {
                    files.clear();
                    sizes.clear();
                    break;
                }
            }
            if (!files.isEmpty()) {
                return;
            }
        }
        Files.createDirectories(batchDir);
        StringBuilder lines = new StringBuilder();
        int n = 0;
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            String name = String.format("batch-%06d.bin", n++);
            Path file = batchDir.resolve(name);
            try {
                ds.save(file.toFile());
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            files.add(name);
            sizes.add(ds.numExamples());
            lines.append(ds.numExamples()).append(' ').append(name).append('\n');
        }
        Path tmp = batchDir.resolve(INDEX + ".tmp");
        Files.writeString(tmp, lines);
        Files.move(tmp, index, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
