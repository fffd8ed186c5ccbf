import java.awt.image.BufferedImage;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Says whether a PNG is a real picture of a screen rather than an empty or blank one: it must
 * decode, be at least 640x480, hold at least 16 distinct colours, and at least 2% of its pixels
 * must differ from the most common (background) colour. Prints what it measured; exit 1 if not.
 *
 * <p>Run with the JDK's source launcher: {@code java PngCheck.java FILE}.
 */
public final class PngCheck {
    public static void main(String[] args) throws Exception {
        File file = new File(args[0]);
        BufferedImage image = file.isFile() ? ImageIO.read(file) : null;
        if (image == null) {
            System.out.println(file + ": missing or not an image");
            System.exit(1);
        }
        Map<Integer, Integer> colours = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.merge(image.getRGB(x, y), 1, Integer::sum);
            }
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        int background = colours.values().stream().max(Integer::compare).orElse(0);
        double drawn = 1.0 - (double) background / pixels;
        boolean ok = image.getWidth() >= 640 && image.getHeight() >= 480 && colours.size() >= 16 && drawn >= 0.02;
        System.out.printf("%s: %dx%d, %d bytes, %d colours, %.1f%% of pixels differ from the background: %s%n", file,
                image.getWidth(), image.getHeight(), file.length(), colours.size(), drawn * 100, ok ? "a real screen" : "TRIVIAL");
        System.exit(ok ? 0 : 1);
    }
}
