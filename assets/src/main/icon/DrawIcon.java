import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws the application icon: three change streams on the console's accent colour, the lowest
 * one drifting out of line, and a dot watching where it lands.
 *
 * <p>Run once with {@code java assets/src/main/icon/DrawIcon.java} from the repository root; it
 * writes the PNG the console and the installer use. Kept as code so the icon can be redrawn at
 * another size or in another colour without an image editor.
 */
public final class DrawIcon {
    private static final Color ACCENT = new Color(0x2f6fdb);
    private static final Color DEEP = new Color(0x1d2f6b);
    private static final Color WARN = new Color(0xf2b441);

    public static void main(String[] args) throws Exception {
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        File out = new File(args.length > 0 ? args[0]
                : "assets/src/main/resources/io/driftwatch/assets/icons/driftwatch.png");
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);

        g.setPaint(new GradientPaint(0, 0, ACCENT, 256, 256, DEEP));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));

        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(stream(76, 0));
        g.draw(stream(122, 0));
        g.setColor(new Color(255, 255, 255, 150));
        g.draw(stream(168, 22));

        g.setColor(WARN);
        g.fill(new Ellipse2D.Double(186, 170, 34, 34));
        g.dispose();

        out.getAbsoluteFile().getParentFile().mkdirs();
        ImageIO.write(image, "png", out);
        System.out.println("wrote " + out + " (" + size + "x" + size + ")");
    }

    /** A gentle wave from left to right at height {@code y}; {@code drift} bends its end downwards. */
    private static Path2D stream(double y, double drift) {
        Path2D path = new Path2D.Double();
        path.moveTo(44, y);
        path.curveTo(84, y - 18, 112, y + 18, 150, y + drift / 3);
        path.curveTo(170, y - 6 + drift / 2, 190, y + drift, 212, y + drift);
        return path;
    }
}
