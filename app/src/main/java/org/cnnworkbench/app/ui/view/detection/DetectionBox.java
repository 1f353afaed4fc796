package org.cnnworkbench.app.ui.view.detection;

import org.cnnworkbench.engine.detection.DetectionMatch;

/**
 * One box to draw over the image, in image pixels, with how to draw it.
 *
 * @param source  ground truth (solid), a DontCare region (grey, filled) or a prediction (dashed)
 * @param colour  the stroke as a CSS hex colour: the class colour for ground truth; for a prediction its outcome's
 *                colour when there is ground truth to match against, else the class colour
 * @param text    the caption, e.g. {@code Car 0.87} or {@code Car (missed)}
 * @param outcome what became of a prediction when matched against the ground truth; null for ground truth and
 *                for predictions of an image without ground truth
 */
public record DetectionBox(Source source, String type, double left, double top, double right, double bottom,
        String colour, String text, DetectionMatch.Outcome outcome) {

    /** Where a box comes from. */
    public enum Source {
        TRUTH, DONT_CARE, PREDICTION
    }
}
