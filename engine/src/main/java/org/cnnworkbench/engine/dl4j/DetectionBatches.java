package org.cnnworkbench.engine.dl4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.cnnworkbench.engine.data.kitti.KittiSample;
import org.cnnworkbench.engine.data.kitti.KittiTrainingData;
import org.cnnworkbench.engine.detection.ConvDetGrid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training mini-batches of a detection data set: features {@code [n, 3, H, W]} in the run's layout and labels
 * {@code [n, K (5 + C) x rows x columns]}, each row the targets of {@link ConvDetGrid#encode}. Each epoch has its own
 * seeded shuffle and augmentation; the next batch is prepared on {@code prefetch}'s thread while the current one
 * trains. Unreadable images are left out of their batch (the data set counts them).
 */
final class DetectionBatches implements Iterator<DataSet> {

    private final KittiTrainingData data;
    private final List<KittiSample> samples;
    private final ConvDetGrid grid;
    private final int batchSize;
    private final String layout;
    private final long seed;
    private final ExecutorService prefetch;
    private int[] order;
    private int cursor;
    private Random random;
    private CompletableFuture<Optional<DataSet>> next;
    private int droppedBoxes;

    DetectionBatches(KittiTrainingData data, List<KittiSample> samples, ConvDetGrid grid, int batchSize, String layout,
                     long seed, ExecutorService prefetch) {
        this.data = data;
        this.samples = samples;
        this.grid = grid;
        this.batchSize = batchSize;
        this.layout = layout;
        this.seed = seed;
        this.prefetch = prefetch;
        setEpoch(0);
    }

    /** Restarts at the beginning of {@code epoch}, with its own shuffle and augmentation. */
    void setEpoch(int epoch) {
        if (next != null) {
            next.join();
        }
        order = new int[samples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random shuffle = new Random(seed * 1_000_003L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        random = new Random(seed * 7_919L + epoch);
        cursor = 0;
        next = null;
        schedule();
    }

    int batches() {
        return (samples.size() + batchSize - 1) / batchSize;
    }

    /** Boxes that found no free anchor (or lay outside the image) so far. */
    int droppedBoxes() {
        return droppedBoxes;
    }

    private void schedule() {
        if (cursor >= order.length) {
            next = null;
            return;
        }
        int from = cursor;
        int to = Math.min(order.length, cursor + batchSize);
        cursor = to;
        next = CompletableFuture.supplyAsync(() -> build(from, to), prefetch);
    }

    private Optional<DataSet> build(int from, int to) {
        List<KittiTrainingData.Item> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            data.read(samples.get(order[i]), random).ifPresent(items::add);
        }
        if (items.isEmpty()) {
            return Optional.empty();
        }
        int n = items.size();
        int h = (int) data.input().height();
        int w = (int) data.input().width();
        float[] features = new float[n * 3 * h * w];
        float[] labels = new float[n * grid.values()];
        for (int i = 0; i < n; i++) {
            KittiTrainingData.Item item = items.get(i);
            System.arraycopy(item.chw(), 0, features, i * 3 * h * w, 3 * h * w);
            ConvDetGrid.Encoded encoded = grid.encode(item.boxes());
            droppedBoxes += encoded.dropped();
            System.arraycopy(encoded.targets(), 0, labels, i * grid.values(), grid.values());
        }
        INDArray f = Nd4j.create(features, new long[] {n, 3, h, w}, 'c');
        INDArray l = Nd4j.create(labels, new long[] {n, grid.values()}, 'c');
        return Optional.of(new DataSet(InputLayout.fromNchw(f, layout), l));
    }

    @Override
    public boolean hasNext() {
        while (next != null) {
            Optional<DataSet> ready = next.join();
            if (ready.isPresent()) {
                return true;
            }
            schedule();
        }
        return false;
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        DataSet ds = next.join().orElseThrow();
        schedule();
        return ds;
    }
}
