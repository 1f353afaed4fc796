package org.cnnworkbench.engine.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.cnnworkbench.engine.data.ImageSample;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J {@link DataSetIterator} over a {@link TrainingData.Source}: batches of channel-major samples as 4-D
 * features in the graph's layout with one-hot labels ({@code [n, classes]}, or {@code [n, classes, 1, 1]} for a
 * network whose output is a C x 1 x 1 map). With {@code shuffle}, each epoch's order and augmentation follow
 * from the seed and the epoch number alone, so a resumed run sees exactly the batches an uninterrupted one would.
 * Unreadable images are left out of their batch.
 */
final class SampleBatches implements DataSetIterator {

    private final TrainingData.Source source;
    private final int batchSize;
    private final int classes;
    private final boolean spatialLabels;
    private final String layout;
    private final boolean shuffle;
    private final long seed;
    private int[] order;
    private int epoch;
    private int cursor;
    private DataSet pending;
    private DataSetPreProcessor preProcessor;

    SampleBatches(TrainingData.Source source, int batchSize, int classes, boolean spatialLabels, String layout,
                  boolean shuffle, long seed) {
        this.source = source;
        this.batchSize = batchSize;
        this.classes = classes;
        this.spatialLabels = spatialLabels;
        this.layout = layout;
        this.shuffle = shuffle;
        this.seed = seed;
        setEpoch(0);
    }

    /** Restarts at the beginning of {@code epoch} (its own shuffle). */
    void setEpoch(int newEpoch) {
        epoch = newEpoch;
        order = new int[source.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random random = new Random(seed * 1_000_003L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        cursor = 0;
        pending = null;
    }

    /** The number of batches in an epoch (if every image is readable). */
    int batches() {
        return (int) ((source.size() + (long) batchSize - 1) / batchSize);
    }

    @Override
    public boolean hasNext() {
        while (pending == null && cursor < order.length) {
            pending = build(batchSize);
        }
        return pending != null;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (pending == null && num != batchSize) {
            DataSet d = build(num);
            if (d != null) {
                return d;
            }
        }
        if (!hasNext()) {
            throw new java.util.NoSuchElementException();
        }
        DataSet d = pending;
        pending = null;
        return d;
    }

    private DataSet build(int num) {
        // (long): a batch size near Integer.MAX_VALUE from a config must not overflow or be allocated up front
        int end = (int) Math.min(order.length, (long) cursor + num);
        List<ImageSample> batch = new ArrayList<>(end - cursor);
        for (; cursor < end; cursor++) {
            int index = order[cursor];
            Random random = shuffle ? new Random(seed * 31 + epoch * 1_000_003L + index) : null;
            Optional<ImageSample> s = source.read(index, random);
            s.ifPresent(batch::add);
        }
        if (batch.isEmpty()) {
            return null;
        }
        ImageSample first = batch.get(0);
        int size = first.channels() * first.height() * first.width();
        float[] features = new float[batch.size() * size];
        float[] labels = new float[batch.size() * classes];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.get(i).chw(), 0, features, i * size, size);
            labels[i * classes + batch.get(i).label()] = 1f;
        }
        long n = batch.size();
        var f = Nd4j.create(features, new long[] {n, first.channels(), first.height(), first.width()}, 'c');
        var l = spatialLabels ? Nd4j.create(labels, new long[] {n, classes, 1, 1}, 'c')
                : Nd4j.create(labels, new long[] {n, classes}, 'c');
        DataSet d = new DataSet(InputLayout.fromNchw(f, layout), InputLayout.fromNchw(l, layout));
        if (preProcessor != null) {
            preProcessor.preProcess(d);
        }
        return d;
    }

    @Override
    public int inputColumns() {
        return -1;
    }

    @Override
    public int totalOutcomes() {
        return classes;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        setEpoch(epoch + (shuffle ? 1 : 0));
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor p) {
        preProcessor = p;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
