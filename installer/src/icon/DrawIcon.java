import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Draws the application icon (a Fire module: one thin squeeze layer feeding two wide expand layers) as a PNG,
 * so that no binary image is kept in the repository. Run at build time as a single-file program:
 * {@code java -Djava.awt.headless=true DrawIcon.java OUT.png [SIZE]}.
 */
public final class DrawIcon {

    private DrawIcon() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java DrawIcon.java OUT.png [SIZE]");
            System.exit(2);
        }
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        File out = new File(args[0]);
        File dir = out.getAbsoluteFile().getParentFile();
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("cannot create " + dir);
        }
        if (!ImageIO.write(draw(size), "png", out)) {
            throw new IOException("no PNG writer");
        }
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);

        // Background: a rounded square, dark blue to teal.
        g.setPaint(new GradientPaint(0, 0, new Color(0x1F3A5F), 256, 256, new Color(0x1B6B73)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 48, 48));

        // Input feature map (left), squeeze layer (thin, middle), two expand layers (right, 1x1 and 3x3).
        Color input = new Color(0xE8EEF4);
        Color squeeze = new Color(0xF2B33D);
        Color expand1 = new Color(0x7FD1AE);
        Color expand3 = new Color(0x5AA9E6);
        g.setStroke(new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(255, 255, 255, 150));
        link(g, 70, 128, 112, 128);
        link(g, 136, 128, 168, 82);
        link(g, 136, 128, 168, 174);
        block(g, input, 36, 52, 34, 152);
        block(g, squeeze, 112, 92, 24, 72);
        block(g, expand1, 168, 40, 48, 84);
        block(g, expand3, 168, 132, 48, 84);
        g.dispose();
        return image;
    }

    private static void block(Graphics2D g, Color color, double x, double y, double w, double h) {
        RoundRectangle2D shape = new RoundRectangle2D.Double(x, y, w, h, 10, 10);
        g.setColor(color);
        g.fill(shape);
        g.setColor(color.darker());
        g.setStroke(new BasicStroke(3f));
        g.draw(shape);
    }

    private static void link(Graphics2D g, double x1, double y1, double x2, double y2) {
        Path2D path = new Path2D.Double();
        path.moveTo(x1, y1);
        double mid = (x1 + x2) / 2;
        path.curveTo(mid, y1, mid, y2, x2, y2);
        g.draw(path);
    }
}
