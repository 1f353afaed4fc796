package org.cnnworkbench.app.ui.view.detection;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cnnworkbench.engine.detection.DetectionMatch;

/** The colours and captions of the detection viewer, as data the view model hands to the view. */
final class DetectionStyle {

    static final String DONT_CARE = "#9e9e9e";
    private static final Map<String, String> CLASS_COLOURS = Map.of("car", "#1e88e5", "pedestrian", "#fb8c00",
            "cyclist", "#8e24aa", "van", "#00897b", "truck", "#6d4c41", "person_sitting", "#d81b60", "tram", "#3949ab",
            "misc", "#7cb342");
    private static final List<String> OTHER_COLOURS = List.of("#00acc1", "#c0ca33", "#5e35b1", "#f4511e");

    private DetectionStyle() {
    }

    /** A fixed colour per KITTI type; other types get one of a few more, by their place in the class list. */
    static String classColour(String type, List<String> classes) {
        String known = CLASS_COLOURS.get(type.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        int i = Math.max(0, classes.indexOf(type));
        return OTHER_COLOURS.get(i % OTHER_COLOURS.size());
    }

    /** Green for a true positive, red for a false positive, amber for an ignored prediction. */
    static String outcomeColour(DetectionMatch.Outcome outcome) {
        return switch (outcome) {
            case TRUE_POSITIVE -> "#2e7d32";
            case FALSE_POSITIVE -> "#e53935";
            case IGNORED -> "#ffb300";
        };
    }

    /** {@code Car 0.87}, the score with two decimals as in the result file. */
    static String predictionText(String type, double score) {
        return String.format(Locale.ROOT, "%s %.2f", type, score);
    }
}
