package org.cnnworkbench.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.cnnworkbench.app.report.TextTable;
import org.cnnworkbench.engine.dl4j.TrainingListener;

/**
 * Training progress on the terminal: a one-line bar redrawn with {@code \r} (batch, loss, images/s, ETA) and one
 * line per epoch; without a terminal only the epoch lines, so that logs stay readable.
 */
class TrainingProgress implements TrainingListener {

    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private long lastDraw;
    private int lineLength;
    private boolean detection;

    TrainingProgress(PrintWriter out, PrintWriter err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** Epoch lines name the accuracy columns of a detection run: mean AP at Moderate and Easy. */
    TrainingProgress detection() {
        detection = true;
        return this;
    }

    @Override
    public void started(RunStart s) {
        out.printf(Locale.ROOT, "%s epoch %d of %d: %,d training and %,d validation images, %,d batches per "
                        + "epoch, %,d parameters%s%n", s.firstEpoch() == 1 ? "training from" : "resuming at",
                s.firstEpoch(), s.epochs(), s.trainImages(), s.valImages(), s.batchesPerEpoch(), s.params(),
                s.workers() > 1 ? ", each batch shared by " + s.workers() + " worker threads" : "");
        out.flush();
    }

    @Override
    public void progress(Progress p) {
        if (!terminal) {
            // a log gets a line at each quarter of an epoch
            if (p.batch() < p.batches() && p.batch() * 4 / p.batches() > (p.batch() - 1) * 4 / p.batches()) {
                out.println(progressLine(p));
                out.flush();
            }
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && p.batch() < p.batches()) {
            return;
        }
        lastDraw = now;
        String line = progressLine(p);
        out.print("\r" + line + " ".repeat(Math.max(0, lineLength - line.length())));
        lineLength = line.length();
        out.flush();
    }

    static String progressLine(Progress p) {
        int filled = p.batches() == 0 ? BAR : Math.min(BAR, p.batch() * BAR / p.batches());
        return String.format(Locale.ROOT, "epoch %d/%d [%s%s] %d/%d loss %.4f %.0f img/s ETA %s", p.epoch(),
                p.epochs(), "#".repeat(filled), ".".repeat(BAR - filled), p.batch(), p.batches(), p.loss(),
                p.imagesPerSecond(), TextTable.duration(p.eta()));
    }

    @Override
    public void epochEnded(EpochMetrics m) {
        clearLine();
        if (detection) {
            out.printf(Locale.ROOT, "epoch %d: train loss %.4f, val loss %.4f, mAP Moderate %.4f, Easy %.4f "
                            + "(KITTI AP_R40 over the classes), %.0f img/s, %.1f s%n", m.epoch(), m.trainLoss(),
                    m.valLoss(), m.top1(), m.top5(), m.imagesPerSecond(), m.seconds());
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "epoch %d: train loss %.4f, val loss %.4f, top-1 %.2f%%, top-5 %.2f%%, "
                        + "%.0f img/s, %.1f s%n", m.epoch(), m.trainLoss(), m.valLoss(), 100 * m.top1(), 100 * m.top5(),
                m.imagesPerSecond(), m.seconds());
        out.flush();
    }

    @Override
    public void warning(String message) {
        clearLine();
        err.println("workbench: warning: " + message);
        err.flush();
    }

    void clearLine() {
        if (terminal && lineLength > 0) {
            out.print("\r" + " ".repeat(lineLength) + "\r");
            lineLength = 0;
            out.flush();
        }
    }
}
