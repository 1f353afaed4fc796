package org.cnnworkbench.engine.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.compression.LayerPlan;
import org.cnnworkbench.engine.compression.MagnitudePruning;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fine-tuning of a compressed run: prunes and quantizes the planned layers at the epochs the
 * {@link CompressionJob} names (pruning iteratively: one step at the start of every pruning epoch, each keeping
 * the same fraction of what the step before kept, {@link MagnitudePruning#stepDensity}), and around every update
 * keeps pruned weights at zero (their gradient is zeroed before the optimiser sees it and the mask is applied
 * after) and shared weights shared (the gradient of a centroid is the sum of its weights' gradients; the weights
 * are set to their centroids after every update).
 */
final class CompressionTuning implements FineTuning {

    private final CompressionJob job;
    private final NetworkSpec spec;
    private final Initial initial;
    private final List<SharedLayer> layers = new ArrayList<>();
    /** Pruning steps taken, of {@link #pruneSteps()}. */
    private int pruneStepsDone;
    private boolean quantizedDone;

    /** Sets the weights a run starts from (the source model's, factorised if the job says so). */
    interface Initial {
        void apply(ComputationGraph graph) throws java.io.IOException;
    }

    /** Tuning of a run of {@code spec} (the run's own: factorised if the job has SVD). */
    CompressionTuning(CompressionJob job, NetworkSpec spec, Initial initial) {
        this.job = job;
        this.spec = spec;
        this.initial = initial;
    }

    /** The compressed layers and their state (for writing the compressed file). */
    List<SharedLayer> layers() {
        return List.copyOf(layers);
    }

    @Override
    public void initialWeights(ComputationGraph graph) throws java.io.IOException {
        initial.apply(graph);
    }

    @Override
    public void creating(RunDirectory run) throws java.io.IOException {
        java.nio.file.Files.createDirectories(run.path());
        org.cnnworkbench.engine.io.AtomicFiles.writeString(run.path().resolve(Compressor.JOB_FILE),
                RunDirectory.JSON.writeValueAsString(job));
    }

    @Override
    public void resumed(ComputationGraph graph, int epochsDone) {
        layers.clear();
        ConvertedGraph converted;
        try {
            converted = Dl4jConverter.convert(spec);
        } catch (Dl4jConversionException e) {
            throw new IllegalStateException(e);
        }
        for (GraphWeights.WeightLayer layer : GraphWeights.compressible(graph, converted)) {
            if (job.plan(layer.node()).isPresent()) {
                layers.add(new SharedLayer(layer));
            }
        }
        pruneStepsDone = job.uses(CompressionJob.Method.PRUNE)
                ? Math.max(0, Math.min(pruneSteps(), epochsDone - job.pruneEpoch() + 1)) : 0;
        quantizedDone = job.uses(CompressionJob.Method.QUANTIZE) && epochsDone >= job.quantizeEpoch();
        for (SharedLayer layer : layers) {
            LayerPlan plan = job.plan(layer.layer().node()).orElseThrow();
            layer.recover(graph, pruneStepsDone > 0 && plan.density() < 1, quantizedDone && plan.bits() < 32);
        }
        graph.setListeners(new Listener());
    }

    @Override
    public void epochStarting(ComputationGraph graph, int epoch) {
        if (job.uses(CompressionJob.Method.PRUNE) && epoch >= job.pruneEpoch()) {
            int step = Math.min(pruneSteps(), epoch - job.pruneEpoch() + 1);
            if (step > pruneStepsDone) {
                prune(graph, step);
            }
        }
        if (job.uses(CompressionJob.Method.QUANTIZE) && !quantizedDone && epoch >= job.quantizeEpoch()) {
            if (job.uses(CompressionJob.Method.PRUNE) && pruneStepsDone < pruneSteps()) {
                prune(graph, pruneSteps());
            }
            quantize(graph);
        }
    }

    @Override
    public boolean finish(ComputationGraph graph) {
        boolean changed = false;
        if (job.uses(CompressionJob.Method.PRUNE) && pruneStepsDone < pruneSteps()) {
            prune(graph, pruneSteps());
            changed = true;
        }
        if (job.uses(CompressionJob.Method.QUANTIZE) && !quantizedDone) {
            quantize(graph);
            changed = true;
        }
        return changed;
    }

    /** One step per pruning epoch; a single step if pruning has no epochs of its own. */
    private int pruneSteps() {
        return Math.max(1, job.pruneEpochs());
    }

    /** Prunes every planned layer to its density at step {@code step}. */
    private void prune(ComputationGraph graph, int step) {
        for (SharedLayer layer : layers) {
            double density = job.plan(layer.layer().node()).orElseThrow().density();
            if (density < 1) {
                layer.prune(graph, MagnitudePruning.stepDensity(density, step, pruneSteps()));
            }
        }
        pruneStepsDone = step;
    }

    private void quantize(ComputationGraph graph) {
        for (SharedLayer layer : layers) {
            int bits = job.plan(layer.layer().node()).orElseThrow().bits();
            if (bits < 32) {
                layer.quantize(graph, bits);
            }
        }
        quantizedDone = true;
    }

    /** DL4J's hooks around every update. */
    private final class Listener extends BaseTrainingListener {

        @Override
        public void onGradientCalculation(Model model) {
            Map<String, INDArray> gradients = model.gradient().gradientForVariable();
            for (SharedLayer layer : layers) {
                INDArray g = gradients.get(layer.layer().vertex() + "_" + GraphWeights.WEIGHTS);
                if (g != null) {
                    layer.gradient(g);
                }
            }
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            for (SharedLayer layer : layers) {
                layer.updated((ComputationGraph) model, job.centroidRate());
            }
        }
    }
}
