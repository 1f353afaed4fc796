package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The model files of a run directory besides {@code model.zip}: the checkpoints ({@code checkpoint-epoch-N.zip}
 * and the {@code latest-checkpoint} pointer), which one a resume or a prediction may start from, and the best
 * epoch's model ({@code best-epoch-N.zip}). {@link RunDirectory} owns the rest of the run's files.
 */
final class RunCheckpoints {

    static final Pattern CHECKPOINT = Pattern.compile("checkpoint-epoch-(\\d{1,9})\\.zip");
    static final Pattern BEST = Pattern.compile("best-epoch-(\\d{1,9})\\.zip");
    static final String POINTER = "latest-checkpoint";

    private final Path dir;

    RunCheckpoints(Path dir) {
        this.dir = dir;
    }

    /** Whether a file name is a checkpoint's or a best epoch's model. */
    static boolean isModelFile(String name) {
        return CHECKPOINT.matcher(name).matches() || BEST.matcher(name).matches();
    }

    Path checkpointFile(int epoch) {
        return dir.resolve("checkpoint-epoch-" + epoch + ".zip");
    }

    /**
     * The checkpoints a resume may start from, newest first, and why the pointer was not simply followed. With
     * a valid pointer: its checkpoint and the older ones. Without a pointer (a crash before the first epoch was
     * recorded, or a deleted pointer) or with a garbled one: the checkpoints up to {@code recordedEpoch} (the
     * last metrics row's epoch; {@code Integer.MAX_VALUE} if unknown).
     */
    Candidates candidates(int recordedEpoch) throws IOException {
        List<Integer> present = epochs();
        Path pointer = dir.resolve(POINTER);
        int bound = recordedEpoch;
        String warning = null;
        if (Files.exists(pointer)) {
            String text;
            try {
                text = RunFiles.readText(pointer, 1024).strip();
            } catch (IOException e) {
                text = null;
                warning = e.getMessage();
            }
            Matcher m = text == null ? null : CHECKPOINT.matcher(text);
            if (m != null && m.matches()) {
                bound = Integer.parseInt(m.group(1));
                if (!present.contains(bound)) {
                    warning = pointer + " names " + text + ", which is missing";
                }
            } else if (text != null) {
                warning = pointer + ": '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                        + "' does not name a checkpoint-epoch-N.zip";
            }
        } else if (present.stream().anyMatch(e -> e <= recordedEpoch)) {
            warning = pointer + " is missing";
        }
        int limit = bound;
        List<Integer> epochs = present.stream().filter(e -> e <= limit).sorted(Comparator.reverseOrder()).toList();
        return new Candidates(epochs, Optional.ofNullable(warning));
    }

    /** The checkpoints to try, newest first, and a warning if the pointer could not be followed as it is. */
    record Candidates(List<Integer> epochs, Optional<String> warning) {
    }

    /** A checkpoint loaded for resuming or predicting. */
    record Loaded(int epoch, ComputationGraph graph) {
    }

    /**
     * The newest checkpoint that loads (of epochs up to {@code recordedEpoch}, see {@link #candidates}),
     * empty if there is none to try; every checkpoint passed over and a pointer that could not be followed add
     * a line to {@code warnings}.
     *
     * @throws IOException if there are checkpoints but none of them can be read (the message names each)
     */
    Optional<Loaded> newestReadable(int recordedEpoch, boolean withUpdater, List<String> warnings)
            throws IOException {
        Candidates candidates = candidates(recordedEpoch);
        List<String> problems = new ArrayList<>();
        candidates.warning().ifPresent(problems::add);
        for (int epoch : candidates.epochs()) {
            try {
                ComputationGraph graph = ModelFiles.load(checkpointFile(epoch), withUpdater);
                if (!problems.isEmpty()) {
                    warnings.add(String.join("; ", problems) + "; using " + checkpointFile(epoch).getFileName()
                            + " (epoch " + epoch + ")");
                }
                return Optional.of(new Loaded(epoch, graph));
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        if (!candidates.epochs().isEmpty() || (candidates.warning().isPresent() && recordedEpoch > 0)) {
            throw new IOException(String.join("; ", problems) + "; no readable checkpoint is left to continue from");
        }
        return Optional.empty();
    }

    /** The epochs of the checkpoint files present, ascending. */
    List<Integer> epochs() throws IOException {
        return epochsOf(CHECKPOINT);
    }

    private List<Integer> epochsOf(Pattern pattern) throws IOException {
        List<Integer> epochs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = pattern.matcher(f.getFileName().toString());
                if (m.matches()) {
                    epochs.add(Integer.parseInt(m.group(1)));
                }
            });
        }
        epochs.sort(null);
        return epochs;
    }

    /** The model file of epoch {@code epoch} as the best epoch so far. */
    Path bestModelFile(int epoch) {
        return dir.resolve("best-epoch-" + epoch + ".zip");
    }

    /**
     * The epoch of the best-epoch model ({@code best-epoch-N.zip}), 0 if there is none. If a crash left two, the
     * later one is the better (a best is replaced only by a strictly higher top-1).
     */
    int bestEpoch() {
        try {
            List<Integer> epochs = epochsOf(BEST);
            return epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Saves {@code graph} as the best epoch's model (atomically), then removes the previous best's file. */
    void commitBest(ComputationGraph graph, int epoch) throws IOException {
        ModelFiles.write(graph, bestModelFile(epoch), false);
        for (int old : epochsOf(BEST)) {
            if (old != epoch) {
                Files.deleteIfExists(bestModelFile(old));
            }
        }
    }

    /** Removes best-epoch models of epochs after {@code epoch} (their metrics rows were dropped on resume). */
    void dropBestAfter(int epoch) throws IOException {
        for (int e : epochsOf(BEST)) {
            if (e > epoch) {
                Files.deleteIfExists(bestModelFile(e));
            }
        }
    }
}
