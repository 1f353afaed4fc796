package org.cnnworkbench.engine.data.kitti;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.Random;

/** Draws the synthetic street scenes of {@link KittiSynth}: backgrounds and the three kinds of object. */
final class KittiPainter {

    private KittiPainter() {
    }

    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    /** Sky (a gradient), a skyline, the ground and a road with lane marks converging at the horizon. */
    static void background(Graphics2D g, Random r, int width, int height, double horizon, double vanishX) {
        Color skyTop = hsb(0.50f + 0.15f * r.nextFloat(), 0.1f + 0.5f * r.nextFloat(), 0.5f + 0.5f * r.nextFloat());
        Color skyLow = skyTop.brighter();
        g.setPaint(new GradientPaint(0, 0, skyTop, 0, (float) horizon, skyLow));
        g.fill(new Rectangle2D.Double(0, 0, width, horizon + 1));
        // skyline: buildings or trees along the horizon
        double x = -r.nextInt(20);
        while (x < width) {
            double w = width * (0.03 + 0.12 * r.nextDouble());
            double h = height * (0.05 + 0.35 * r.nextDouble());
            g.setColor(hsb(r.nextFloat(), 0.1f + 0.4f * r.nextFloat(), 0.2f + 0.5f * r.nextFloat()));
            g.fill(new Rectangle2D.Double(x, horizon - h, w, h + 1));
            if (r.nextBoolean()) {   // windows
                g.setColor(new Color(40, 50, 70));
                for (double wy = horizon - h + 4; wy < horizon - 6; wy += 8) {
                    for (double wx = x + 3; wx < x + w - 5; wx += 7) {
                        g.fill(new Rectangle2D.Double(wx, wy, 3, 4));
                    }
                }
            }
            x += w + r.nextInt(6);
        }
        Color ground = r.nextBoolean() ? hsb(0.22f + 0.1f * r.nextFloat(), 0.3f + 0.4f * r.nextFloat(), 0.3f
                + 0.3f * r.nextFloat()) : hsb(0.08f, 0.1f + 0.2f * r.nextFloat(), 0.4f + 0.3f * r.nextFloat());
        g.setColor(ground);
        g.fill(new Rectangle2D.Double(0, horizon, width, height - horizon));
        int grey = 70 + r.nextInt(80);
        g.setColor(new Color(grey, grey, grey + r.nextInt(10)));
        double roadHalf = width * (0.45 + 0.4 * r.nextDouble());
        g.fill(new Polygon(new int[] {(int) vanishX - 2, (int) vanishX + 2, (int) (vanishX + roadHalf),
            (int) (vanishX - roadHalf)}, new int[] {(int) horizon, (int) horizon, height, height}, 4));
        g.setColor(new Color(230, 230, 220));
        g.setStroke(new BasicStroke(Math.max(1f, width / 400f)));
        for (int lane = -1; lane <= 1; lane += 2) {
            double endX = vanishX + lane * roadHalf * 0.35;
            for (double t = 0.05; t < 1; t += 0.12) {
                double t2 = Math.min(1, t + 0.06);
                g.drawLine((int) (vanishX + (endX - vanishX) * t), (int) (horizon + (height - horizon) * t),
                        (int) (vanishX + (endX - vanishX) * t2), (int) (horizon + (height - horizon) * t2));
            }
        }
    }

    /** Adds uniform noise of up to +-{@code amplitude} to every channel. */
    static void noise(BufferedImage image, Random r, int amplitude) {
        if (amplitude <= 0) {
            return;
        }
        WritableRaster raster = image.getRaster();
        int[] px = new int[3];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                raster.getPixel(x, y, px);
                for (int c = 0; c < 3; c++) {
                    px[c] = Math.max(0, Math.min(255, px[c] + r.nextInt(2 * amplitude + 1) - amplitude));
                }
                raster.setPixel(x, y, px);
            }
        }
    }

    /** Draws an object of {@code type} in the box; with a {@code mask} colour every part is drawn in it. */
    static void object(Graphics2D g, String type, long seed, Color mask, double x, double y, double w, double h) {
        Random r = new Random(seed);
        switch (type) {
            case "Car" -> car(g, r, mask, x, y, w, h);
            case "Pedestrian" -> pedestrian(g, r, mask, x, y, w, h);
            default -> cyclist(g, r, mask, x, y, w, h);
        }
    }

    /** A car in the box (x, y, w, h): body, a narrower cabin with windows, two dark wheels. */
    static void car(Graphics2D g, Random r, Color mask, double x, double y, double w, double h) {
        Color paint = hsb(r.nextFloat(), 0.2f + 0.7f * r.nextFloat(), 0.3f + 0.6f * r.nextFloat());
        double bodyTop = y + 0.38 * h;
        paint(g, mask, paint);
        g.fill(new Rectangle2D.Double(x, bodyTop, w, 0.47 * h));
        Polygon cabin = new Polygon(new int[] {(int) (x + 0.12 * w), (int) (x + 0.25 * w), (int) (x + 0.78 * w),
            (int) (x + 0.9 * w)}, new int[] {(int) bodyTop + 1, (int) y, (int) y, (int) bodyTop + 1}, 4);
        g.fill(cabin);
        paint(g, mask, new Color(60, 80, 100));
        g.fill(new Rectangle2D.Double(x + 0.27 * w, y + 0.08 * h, 0.48 * w, 0.26 * h));
        paint(g, mask, new Color(20, 20, 20));
        double wheel = Math.min(0.3 * h, 0.22 * w);
        g.fill(new Ellipse2D.Double(x + 0.1 * w, y + h - wheel, wheel, wheel));
        g.fill(new Ellipse2D.Double(x + 0.9 * w - wheel, y + h - wheel, wheel, wheel));
        paint(g, mask, new Color(250, 240, 180));
        g.fill(new Rectangle2D.Double(x + 0.02 * w, bodyTop + 0.08 * h, 0.06 * w, 0.07 * h));
        g.fill(new Rectangle2D.Double(x + 0.92 * w, bodyTop + 0.08 * h, 0.06 * w, 0.07 * h));
    }

    /** A pedestrian in the box: head, torso, arms and two legs. */
    static void pedestrian(Graphics2D g, Random r, Color mask, double x, double y, double w, double h) {
        Color clothes = hsb(r.nextFloat(), 0.3f + 0.6f * r.nextFloat(), 0.2f + 0.7f * r.nextFloat());
        Color trousers = hsb(r.nextFloat(), 0.2f + 0.5f * r.nextFloat(), 0.1f + 0.5f * r.nextFloat());
        double cx = x + w / 2;
        double head = Math.min(0.14 * h, 0.7 * w);
        paint(g, mask, new Color(200 + r.nextInt(40), 150 + r.nextInt(60), 110 + r.nextInt(60)));
        g.fill(new Ellipse2D.Double(cx - head / 2, y, head, head));
        paint(g, mask, clothes);
        g.fill(new Rectangle2D.Double(x + 0.2 * w, y + head, 0.6 * w, 0.4 * h));
        g.fill(new Rectangle2D.Double(x, y + head, 0.16 * w, 0.35 * h));
        g.fill(new Rectangle2D.Double(x + 0.84 * w, y + head, 0.16 * w, 0.35 * h));
        paint(g, mask, trousers);
        double stride = 0.05 * w * (r.nextDouble() - 0.5);
        g.fill(new Rectangle2D.Double(x + 0.22 * w + stride, y + head + 0.4 * h, 0.24 * w, h - head - 0.4 * h));
        g.fill(new Rectangle2D.Double(x + 0.54 * w - stride, y + head + 0.4 * h, 0.24 * w, h - head - 0.4 * h));
    }

    /** A cyclist in the box: two wheels, a frame and a rider leaning over it. */
    static void cyclist(Graphics2D g, Random r, Color mask, double x, double y, double w, double h) {
        double wheel = Math.min(0.42 * h, 0.45 * w);
        float stroke = (float) Math.max(1, wheel / 8);
        g.setStroke(new BasicStroke(stroke));
        paint(g, mask, new Color(15, 15, 15));
        g.draw(new Ellipse2D.Double(x + stroke / 2, y + h - wheel, wheel - stroke, wheel - stroke));
        g.draw(new Ellipse2D.Double(x + w - wheel + stroke / 2, y + h - wheel, wheel - stroke, wheel - stroke));
        paint(g, mask, hsb(r.nextFloat(), 0.8f, 0.8f));
        double axleY = y + h - wheel / 2;
        g.drawLine((int) (x + wheel / 2), (int) axleY, (int) (x + w / 2), (int) (y + 0.55 * h));
        g.drawLine((int) (x + w / 2), (int) (y + 0.55 * h), (int) (x + w - wheel / 2), (int) axleY);
        g.drawLine((int) (x + wheel / 2), (int) axleY, (int) (x + w - wheel / 2), (int) axleY);
        Color clothes = hsb(r.nextFloat(), 0.4f + 0.5f * r.nextFloat(), 0.3f + 0.6f * r.nextFloat());
        double head = Math.min(0.14 * h, 0.3 * w);
        paint(g, mask, new Color(200 + r.nextInt(40), 150 + r.nextInt(60), 110 + r.nextInt(60)));
        g.fill(new Ellipse2D.Double(x + 0.55 * w, y, head, head));
        paint(g, mask, clothes);
        g.fill(new Polygon(new int[] {(int) (x + 0.5 * w), (int) (x + 0.7 * w), (int) (x + 0.6 * w),
            (int) (x + 0.38 * w)}, new int[] {(int) (y + head), (int) (y + head), (int) (y + 0.58 * h),
            (int) (y + 0.58 * h)}, 4));
    }

    /** Sets the colour, or the mask colour when drawing a mask (the colour is still computed, so the random draws
     * and thus the shape stay the same). */
    private static void paint(Graphics2D g, Color mask, Color colour) {
        g.setColor(mask != null ? mask : colour);
    }

    private static Color hsb(float hue, float saturation, float brightness) {
        return Color.getHSBColor(hue, Math.min(1, saturation), Math.min(1, brightness));
    }
}
