package org.cnnworkbench.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.data.kitti.KittiLabelFormatException;
import org.cnnworkbench.engine.detection.ApMetric;
import org.cnnworkbench.engine.detection.KittiClass;
import org.cnnworkbench.engine.detection.KittiDifficulty;
import org.cnnworkbench.engine.detection.KittiEvaluation;
import org.cnnworkbench.engine.detection.KittiEvaluator;
import org.cnnworkbench.engine.detection.KittiFolders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench eval-kitti}: the official KITTI 2D object evaluation of a folder of detections. */
@Command(name = "eval-kitti", mixinStandardHelpOptions = true,
        description = {"Evaluate 2D detections with the official KITTI object devkit's rules: AP of Car (IoU 0.7), "
                + "Pedestrian and Cyclist (0.5) at Easy, Moderate and Hard, and their mean (mAP). The leaderboard "
                + "ranks by Moderate. Rules: docs/kitti-evaluation.md.",
                "Exit status: 0 evaluated, 2 bad input (a missing or empty folder, a malformed file: FILE:LINE:COLUMN)."})
final class EvalKittiCommand implements Callable<Integer> {

    enum Format { table, json }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--pred", required = true, paramLabel = "DIR",
            description = "the result files: NNNNNN.txt, one detection a line (15 label fields and a score)")
    Path pred;

    @Option(names = "--gt", required = true, paramLabel = "DIR",
            description = "the ground-truth labels: NNNNNN.txt (KITTI's training/label_2)")
    Path gt;

    @Option(names = "--format", defaultValue = "table",
            description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--ap", defaultValue = "r40", paramLabel = "r40|11",
            description = "r40: 40 recall positions, the leaderboard's AP since 2019-10-08; 11: the 11-point AP "
                    + "before (default: ${DEFAULT-VALUE})")
    String ap;

    @Option(names = "--only-results", description = "evaluate only the images that have a result file (e.g. a "
            + "validation split from detect --split val) instead of every ground-truth file, as the devkit does")
    boolean onlyResults;

    @Override
    public Integer call() {
        ApMetric metric = switch (ap.toLowerCase(Locale.ROOT)) {
            case "r40", "40" -> ApMetric.R40;
            case "11", "r11" -> ApMetric.R11;
            default -> throw new UserException("--ap must be r40 or 11, not '" + ap + "'");
        };
        KittiFolders.Loaded loaded;
        try {
            loaded = KittiFolders.load(gt, pred, onlyResults);
        } catch (KittiFolders.FolderException | KittiLabelFormatException e) {
            throw new UserException(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        loaded.warnings().forEach(w -> err.println("workbench: warning: " + w));
        err.flush();
        KittiEvaluation evaluation = KittiEvaluator.evaluate(loaded.frames());
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case table -> printTable(out, evaluation, metric);
            case json -> out.println(toJson(evaluation, metric));
        }
        out.flush();
        return ExitCodes.OK;
    }

    static void printTable(PrintWriter out, KittiEvaluation e, ApMetric metric) {
        TextTable table = new TextTable(metric.title() + " (%)", "Easy", "Moderate", "Hard");
        List<String> notEvaluated = new ArrayList<>();
        for (KittiClass c : KittiClass.values()) {
            KittiEvaluation.ClassResult r = e.of(c);
            if (!r.evaluated()) {
                notEvaluated.add(c.label());
            }
            table.row(c.label(), percent(r.ap(KittiDifficulty.EASY, metric)),
                    percent(r.ap(KittiDifficulty.MODERATE, metric)), percent(r.ap(KittiDifficulty.HARD, metric)));
        }
        table.row("mAP", percent(e.meanAp(KittiDifficulty.EASY, metric)),
                percent(e.meanAp(KittiDifficulty.MODERATE, metric)), percent(e.meanAp(KittiDifficulty.HARD, metric)));
        table.print(out);
        out.println();
        out.printf(Locale.ROOT, "%,d images; %s.%n", e.frames(), metric == ApMetric.R40
                ? "AP_R40: precision at 40 recall positions (the leaderboard's AP since 2019-10-08)"
                : "AP_11: precision at 11 recall positions (the leaderboard's AP before 2019-10-08)");
        out.println("mAP is the mean over the evaluated classes; the KITTI leaderboard ranks by Moderate.");
        if (!notEvaluated.isEmpty()) {
            out.println("Not evaluated (no detections of the class, as in the devkit): "
                    + String.join(", ", notEvaluated) + ".");
        }
    }

    /** An AP as the leaderboard shows it: percent with two decimals; "-" for a class not evaluated. */
    private static String percent(OptionalDouble ap) {
        return ap.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", 100 * ap.getAsDouble());
    }

    static String toJson(KittiEvaluation e, ApMetric metric) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("metric", metric.title());
        root.put("images", e.frames());
        List<Map<String, Object>> classes = new ArrayList<>();
        for (KittiClass c : KittiClass.values()) {
            KittiEvaluation.ClassResult r = e.of(c);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", c.label());
            m.put("minOverlap", c.minOverlap());
            m.put("evaluated", r.evaluated());
            m.put("detections", r.detections());
            Map<String, Object> aps = new LinkedHashMap<>();
            Map<String, Object> counts = new LinkedHashMap<>();
            for (KittiDifficulty d : KittiDifficulty.values()) {
                aps.put(key(d), value(r.ap(d, metric)));
                KittiEvaluation.Curve curve = r.curves().get(d);
                counts.put(key(d), curve == null ? null : curve.groundTruth());
            }
            m.put("ap", aps);
            m.put("groundTruth", counts);
            classes.add(m);
        }
        root.put("classes", classes);
        Map<String, Object> mean = new LinkedHashMap<>();
        for (KittiDifficulty d : KittiDifficulty.values()) {
            mean.put(key(d), value(e.meanAp(d, metric)));
        }
        root.put("mAP", mean);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String key(KittiDifficulty d) {
        return d.title().toLowerCase(Locale.ROOT);
    }

    private static Double value(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }
}
